import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, listItems, type ApiError } from '../../api-client.ts';
import { navigate } from '../../router.ts';
import { can, useSession } from '../../session.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { placeFieldIssues } from '../../ui/field-issues.ts';
import { buildFormInput, initialValues, type FieldMessages, type FormValues } from '../../ui/form-input.ts';
import { Link } from '../../ui/Link.tsx';
import { SchemaForm } from '../../ui/SchemaForm.tsx';
import { fieldPaths, schemaFields } from '../../ui/schema-fields.ts';
import type { ActionSummary } from '../actions/action-summary.ts';
import { groupCatalog } from '../actions/group-catalog.ts';
import type { BulkRunView, BulkUserQuery } from './bulk-types.ts';
import { EMPTY_NEW_RUN, newRunBody, PER_USER_FIELDS, type NewRunForm, type NewRunIssues, type OrganizationMode, type UserMode } from './new-run-body.ts';

interface OrganizationRef {
  id: string;
  name: string;
  duo_account_id: string | null;
  tags?: string[];
}

const USER_QUERIES: ReadonlyArray<readonly [BulkUserQuery, string]> = [
  ['without_mfa', 'without MFA'],
  ['bypass', 'in bypass status'],
  ['locked_out', 'locked out'],
  ['disabled', 'disabled'],
  ['inactive', 'inactive for a number of days'],
  ['all', 'every user'],
];

/**
 * `/bulk/new`: an action, the organizations (all, picked, by tag or by name pattern), optionally the users
 * (a query or a pasted list: one call per user, their username, email and id filled in), the action's
 * other input, and whether a second person must approve. Preview answers the plan without saving it;
 * Plan saves it and opens its review.
 */
export function NewBulkRunForm() {
  const session = useSession();
  const [actions, setActions] = useState<ActionSummary[] | null>(null);
  const [organizations, setOrganizations] = useState<OrganizationRef[]>([]);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [form, setForm] = useState<NewRunForm>(EMPTY_NEW_RUN);
  const [values, setValues] = useState<FormValues>({});
  const [messages, setMessages] = useState<FieldMessages>({});
  const [issues, setIssues] = useState<NewRunIssues>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'plan' | 'preview' | null>(null);
  const [preview, setPreview] = useState<BulkRunView | null>(null);
  const [orgFilter, setOrgFilter] = useState('');

  useEffect(() => {
    let live = true;
    void Promise.all([api<{ items: ActionSummary[] }>('GET', '/api/actions'), api<{ items: OrganizationRef[] }>('GET', '/api/organizations')]).then(([a, o]) => {
      if (!live) return;
      if (a.ok) setActions(listItems(a.body).filter((x) => !x.read_only));
      else setLoadError(a.error);
      if (o.ok) setOrganizations(listItems(o.body));
      else setLoadError(o.error);
    });
    return () => {
      live = false;
    };
  }, []);

  const action = actions?.find((a) => a.id === form.actionId) ?? null;
  const perUser = form.userMode !== 'none';
  // A per-user run fills the user's own fields from each user: the form does not ask for them.
  const fields = useMemo(() => {
    const all = action ? schemaFields(action.input) : [];
    return perUser ? all.filter((f) => !PER_USER_FIELDS.includes(f.path)) : all;
  }, [action, perUser]);
  const knownTags = useMemo(() => [...new Set(organizations.flatMap((o) => o.tags ?? []))].sort(), [organizations]);
  const shownOrgs = organizations.filter((o) => o.name.toLowerCase().includes(orgFilter.trim().toLowerCase()));

  function update(patch: Partial<NewRunForm>) {
    setForm((f) => ({ ...f, ...patch }));
    setIssues((old) => {
      const next = { ...old };
      for (const k of Object.keys(patch)) delete next[ISSUE_OF[k] ?? k];
      return next;
    });
    setPreview(null);
  }

  function chooseAction(id: string) {
    const next = actions?.find((a) => a.id === id);
    update({ actionId: id });
    setValues(next ? initialValues(schemaFields(next.input)) : {});
    setMessages({});
  }

  async function submit(dryRun: boolean) {
    const read = buildFormInput(fields, values);
    const { body, issues: own } = newRunBody(form, read.input);
    setIssues(own);
    setMessages(read.issues);
    setError(null);
    if (!body || Object.keys(read.issues).length > 0) return;
    setBusy(dryRun ? 'preview' : 'plan');
    const res = await api<BulkRunView>('POST', '/api/bulk-runs', dryRun ? { ...body, dry_run: true } : body);
    setBusy(null);
    if (res.ok) {
      if (dryRun) setPreview(res.body);
      else if (res.body.id) navigate(`/bulk/${encodeURIComponent(res.body.id)}`);
      return;
    }
    const placed = placeFieldIssues(res.error.details, fieldPaths(fields), { bodyPrefix: 'input' });
    setMessages(placed.fields);
    setError({ ...res.error, details: Array.isArray(res.error.details) ? placed.other.map((o) => ({ path: o.field, message: o.message })) : res.error.details });
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void submit(false);
  }

  if (!can(session, 'operate')) {
    return (
      <section className="bulk" aria-labelledby="bulk-new-title">
        <p><Link to="/bulk">← All bulk runs</Link></p>
        <h1 id="bulk-new-title">New bulk run</h1>
        <p className="error">Planning a run needs a token with the operate scope.</p>
      </section>
    );
  }
  const groups = groupCatalog(actions ?? []);
  return (
    <section className="bulk" aria-labelledby="bulk-new-title">
      <p><Link to="/bulk">← All bulk runs</Link></p>
      <h1 id="bulk-new-title">New bulk run</h1>
      <p className="hint">Planning lists every call the run would make; nothing is sent to Duo until the plan is reviewed and run.</p>
      {loadError && <ErrorView error={loadError} />}
      <form className="bulk-form" noValidate onSubmit={onSubmit} aria-busy={busy !== null}>
        <div className="field">
          <label htmlFor="bulk-action">Action</label>
          <select id="bulk-action" value={form.actionId} aria-invalid={issues.action ? true : undefined} aria-describedby={issues.action ? 'bulk-action-error' : undefined} onChange={(e) => chooseAction(e.target.value)}>
            <option value="">{actions === null ? 'Loading the catalog…' : 'Choose an action…'}</option>
            {groups.map((g) => (
              <optgroup key={g.api} label={g.label}>
                {g.resources.flatMap((r) => r.actions).map((a) => <option key={a.id} value={a.id}>{a.title} ({a.id})</option>)}
              </optgroup>
            ))}
          </select>
          {issues.action && <p id="bulk-action-error" className="field-error error">{issues.action}</p>}
          {action && <p className="field-help hint">{action.description.replace(/`/g, '')}{action.idempotent ? '' : ' Not idempotent: a call left unfinished by a crash is checked, never blindly repeated.'}</p>}
        </div>

        <fieldset>
          <legend>Organizations</legend>
          {(['all', 'pick', 'tags', 'pattern'] as OrganizationMode[]).map((m) => (
            <div key={m} className="check">
              <input type="radio" id={`bulk-orgs-${m}`} name="bulk-orgs" checked={form.organizationMode === m} onChange={() => update({ organizationMode: m })} />
              <label className="inline-label" htmlFor={`bulk-orgs-${m}`}>{ORG_MODE_LABELS[m]}</label>
            </div>
          ))}
          {form.organizationMode === 'pick' && (
            <div className="bulk-org-pick">
              <label htmlFor="bulk-org-filter">Filter organizations</label>
              <input id="bulk-org-filter" type="search" value={orgFilter} onChange={(e) => setOrgFilter(e.target.value)} />
              <ul aria-label="Organizations to include" aria-describedby={issues.organizations ? 'bulk-orgs-error' : undefined}>
                {shownOrgs.map((o) => (
                  <li key={o.id} className="check">
                    <input
                      type="checkbox"
                      id={`bulk-org-${o.id}`}
                      checked={form.organizationIds.includes(o.id)}
                      onChange={(e) => update({ organizationIds: e.target.checked ? [...form.organizationIds, o.id] : form.organizationIds.filter((x) => x !== o.id) })}
                    />
                    <label className="inline-label" htmlFor={`bulk-org-${o.id}`}>{o.name}{o.duo_account_id ? '' : ' (not mapped)'}</label>
                  </li>
                ))}
              </ul>
              <p className="hint">{form.organizationIds.length} of {organizations.length} picked.</p>
            </div>
          )}
          {form.organizationMode === 'tags' && (
            <div className="field">
              <label htmlFor="bulk-tags">Tags</label>
              <input id="bulk-tags" value={form.tags} aria-invalid={issues.tags ? true : undefined} aria-describedby="bulk-tags-help" onChange={(e) => update({ tags: e.target.value })} />
              <p id="bulk-tags-help" className="field-help hint">Organizations with any of these tags; separate tags with commas or spaces.{knownTags.length > 0 ? ` In use: ${knownTags.join(', ')}.` : ''}</p>
            </div>
          )}
          {form.organizationMode === 'pattern' && (
            <div className="field">
              <label htmlFor="bulk-pattern">Name pattern</label>
              <input id="bulk-pattern" value={form.namePattern} aria-invalid={issues.name_pattern ? true : undefined} aria-describedby="bulk-pattern-help" onChange={(e) => update({ namePattern: e.target.value })} />
              <p id="bulk-pattern-help" className="field-help hint">* matches any text, ? one character; case does not matter.</p>
            </div>
          )}
          {(issues.organizations ?? issues.tags ?? issues.name_pattern) && <p id="bulk-orgs-error" className="field-error error">{issues.organizations ?? issues.tags ?? issues.name_pattern}</p>}
        </fieldset>

        <fieldset>
          <legend>Users</legend>
          {(['none', 'query', 'list'] as UserMode[]).map((m) => (
            <div key={m} className="check">
              <input type="radio" id={`bulk-users-${m}`} name="bulk-users" checked={form.userMode === m} onChange={() => update({ userMode: m })} />
              <label className="inline-label" htmlFor={`bulk-users-${m}`}>{USER_MODE_LABELS[m]}</label>
            </div>
          ))}
          {form.userMode === 'query' && (
            <div className="bulk-user-query">
              <label htmlFor="bulk-user-query">Users who are</label>
              <select id="bulk-user-query" value={form.userQuery} onChange={(e) => update({ userQuery: e.target.value as BulkUserQuery })}>
                {USER_QUERIES.map(([q, label]) => <option key={q} value={q}>{label}</option>)}
              </select>
              {form.userQuery === 'inactive' && (
                <div className="field">
                  <label htmlFor="bulk-inactive-days">Inactive for at least (days)</label>
                  <input id="bulk-inactive-days" inputMode="numeric" value={form.inactiveDays} aria-invalid={issues.inactive_days ? true : undefined} onChange={(e) => update({ inactiveDays: e.target.value })} />
                  {issues.inactive_days && <p className="field-error error">{issues.inactive_days}</p>}
                </div>
              )}
              <p className="hint">Read from Duo when the plan is made; the plan lists each user found.</p>
            </div>
          )}
          {form.userMode === 'list' && (
            <div className="field">
              <label htmlFor="bulk-usernames">Usernames or emails</label>
              <textarea id="bulk-usernames" rows={5} spellCheck={false} value={form.usernames} aria-invalid={issues.usernames ? true : undefined} aria-describedby="bulk-usernames-help" onChange={(e) => update({ usernames: e.target.value })} />
              <p id="bulk-usernames-help" className="field-help hint">One per line, or separated by commas or spaces. Each is looked up in every organization chosen.</p>
              {issues.usernames && <p className="field-error error">{issues.usernames}</p>}
            </div>
          )}
        </fieldset>

        {action && (
          <fieldset>
            <legend>Input of {action.id}</legend>
            {perUser && <p className="hint">Username, email and user id come from each user.</p>}
            <SchemaForm fields={fields} values={values} messages={messages} idPrefix="bulk-input" disabled={busy !== null} onChange={(p, v) => {
              setValues((old) => ({ ...old, [p]: v }));
              setPreview(null);
              if (messages[p]) setMessages(({ [p]: _gone, ...rest }) => rest);
            }} />
          </fieldset>
        )}

        <div className="field">
          <label htmlFor="bulk-title-input">Title (optional)</label>
          <input id="bulk-title-input" value={form.title} onChange={(e) => update({ title: e.target.value })} />
        </div>
        <div className="check">
          <input type="checkbox" id="bulk-requires-approval" checked={form.requiresApproval} onChange={(e) => update({ requiresApproval: e.target.checked })} />
          <label className="inline-label" htmlFor="bulk-requires-approval">Requires approval (another token with the approve scope must approve before it runs)</label>
        </div>

        <div className="bulk-buttons">
          <button type="button" disabled={busy !== null} onClick={() => void submit(true)}>{busy === 'preview' ? 'Previewing…' : 'Preview'}</button>
          <button type="submit" className="act-primary" disabled={busy !== null}>{busy === 'plan' ? 'Planning…' : 'Plan'}</button>
        </div>
        <p role="status" className="hint">{busy === 'plan' ? 'Planning: looking up organizations and users…' : preview ? `Preview: ${preview.summary}` : ''}</p>
      </form>
      {error && <ErrorView error={error} />}
      {preview && (
        <div className="bulk-preview">
          <h2>Preview (not saved)</h2>
          {preview.notes.length > 0 && <ul>{preview.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>}
          <p>{preview.counts.total} {preview.counts.total === 1 ? 'call' : 'calls'} in {preview.plan.by_organization.length} {preview.plan.by_organization.length === 1 ? 'organization' : 'organizations'}: {preview.plan.by_organization.map((o) => `${o.name} (${o.items})`).join(', ') || 'none'}.</p>
        </div>
      )}
    </section>
  );
}

const ORG_MODE_LABELS: Record<OrganizationMode, string> = {
  all: 'Every organization',
  pick: 'Pick organizations',
  tags: 'Organizations with a tag',
  pattern: 'Organizations whose name matches a pattern',
};

const USER_MODE_LABELS: Record<UserMode, string> = {
  none: 'No users: one call per organization',
  query: 'Users found by a query',
  list: 'A list of usernames or emails',
};

/** Which form issue a changed field clears. */
const ISSUE_OF: Record<string, string> = {
  actionId: 'action',
  organizationIds: 'organizations',
  organizationMode: 'organizations',
  tags: 'tags',
  namePattern: 'name_pattern',
  inactiveDays: 'inactive_days',
  usernames: 'usernames',
};
