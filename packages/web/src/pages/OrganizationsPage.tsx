import { useEffect, useState } from 'react';
import { api, listItems, type ApiError } from '../api-client.ts';
import { setQuery, useLocation } from '../router.ts';
import { can, useSession } from '../session.ts';
import { ErrorView } from '../ui/ErrorView.tsx';
import { Link } from '../ui/Link.tsx';
import { PAGE_SIZES, Pager, pageSlice } from '../ui/Pager.tsx';
import { useFocusAfterCommit } from '../ui/use-focus-after-commit.ts';
import { CreateOrganizationForm } from './organizations/CreateOrganizationForm.tsx';
import { SHOW_CHOICES, filterOrganizations, parseShow } from './organizations/filter-organizations.ts';
import { formatConfidence, thresholdFromPercent } from './organizations/format-confidence.ts';
import { OrganizationEditor } from './organizations/OrganizationEditor.tsx';
import { OrganizationTable } from './organizations/OrganizationTable.tsx';
import type { IntegrationRef, Organization, Suggestion } from './organizations/organization-types.ts';
import { isActionable } from './organizations/organization-types.ts';
import { clampPage, pagingFromQuery } from './organizations/paging-from-query.ts';
import './integrations/integrations.css';
import './organizations/organizations.css';

interface ApplyResult {
  applied: Suggestion[];
  skipped: Array<Suggestion & { skip_reason: string }>;
}

/**
 * Organizations: create, the mapping table (filter and page kept in the URL), Suggest / review / Apply
 * (all above a threshold, or one row at a time), and a manual override per organization.
 */
export function OrganizationsPage() {
  const session = useSession();
  const fleet = session.organization_ids === null;
  const admin = can(session, 'admin');
  const loc = useLocation();
  const [orgs, setOrgs] = useState<Organization[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [integrations, setIntegrations] = useState<IntegrationRef[] | null>(null);
  const [integrationId, setIntegrationId] = useState('');
  const [suggestions, setSuggestions] = useState<Record<string, Suggestion>>({});
  const [threshold, setThreshold] = useState('80');
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'suggest' | 'apply' | null>(null);
  const [busyRow, setBusyRow] = useState<string | null>(null);
  const [editing, setEditing] = useState<Organization | null>(null);
  const focusLater = useFocusAfterCommit();

  async function loadOrgs() {
    const res = await api<{ items: Organization[] }>('GET', '/api/organizations');
    if (res.ok) {
      setOrgs(listItems(res.body));
      setLoadError(null);
    } else setLoadError(res.error);
  }
  async function loadIntegrations() {
    if (!fleet) return setIntegrations([]);
    const res = await api<{ items: IntegrationRef[] }>('GET', '/api/integrations');
    const list = res.ok ? listItems(res.body) : [];
    setIntegrations(list);
    setIntegrationId((cur) => cur || list[0]?.id || '');
  }
  useEffect(() => {
    void loadOrgs();
    void loadIntegrations();
  }, []);

  const text = loc.query.get('q') ?? '';
  const show = parseShow(loc.query.get('show'));
  const paging = pagingFromQuery(loc.query, PAGE_SIZES, 10);
  const filtered = orgs ? filterOrganizations(orgs, text, show, suggestions) : [];
  const page = clampPage(paging.page, paging.size, filtered.length);
  const rows = pageSlice(filtered, page, paging.size);
  const thresholdValue = thresholdFromPercent(threshold);

  async function suggest() {
    setError(null);
    setNote('');
    setBusy('suggest');
    const res = await api<{ suggestions: Suggestion[]; accounts_considered: number }>('GET', `/api/integrations/${integrationId}/mapping-suggestions`);
    setBusy(null);
    if (!res.ok) return setError(res.error);
    setSuggestions(Object.fromEntries(res.body.suggestions.map((s) => [s.organization_id, s])));
    const actionable = res.body.suggestions.filter(isActionable).length;
    setNote(`${actionable} suggestion(s) to review, from ${res.body.accounts_considered} Duo child account(s).`);
  }

  async function apply() {
    if (thresholdValue === null) return;
    setError(null);
    setNote('');
    setBusy('apply');
    const res = await api<ApplyResult>('POST', `/api/integrations/${integrationId}/mapping-suggestions/apply`, { threshold: thresholdValue });
    setBusy(null);
    if (!res.ok) return setError(res.error);
    const below = res.body.skipped.filter((s) => isActionable(s)).length;
    setNote(`Applied ${res.body.applied.length}, skipped ${res.body.skipped.length}${below ? ` (${below} below ${formatConfidence(thresholdValue)})` : ''}.`);
    setSuggestions({});
    void loadOrgs();
  }

  async function accept(o: Organization, s: Suggestion) {
    setError(null);
    setNote('');
    setBusyRow(o.id);
    // Threshold 0: accepting one row is the person's decision, whatever the score.
    const res = await api<ApplyResult>('POST', `/api/integrations/${integrationId}/mapping-suggestions/apply`, { threshold: 0, organization_ids: [o.id] });
    setBusyRow(null);
    if (!res.ok) return setError(res.error);
    const done = res.body.applied.find((a) => a.organization_id === o.id);
    const skipped = res.body.skipped.find((a) => a.organization_id === o.id);
    setNote(done ? `Mapped "${o.name}" to ${done.duo_account_name ?? s.duo_account_name}.` : `"${o.name}" was not mapped: ${skipped?.skip_reason ?? 'no suggestion any more'}.`);
    setSuggestions(({ [o.id]: _gone, ...rest }) => rest);
    void loadOrgs();
  }

  function closeEditor(id: string) {
    setEditing(null);
    focusLater(`org-edit-${id}`);
  }

  const integrationName = (id: string | null) => integrations?.find((i) => i.id === id)?.name;

  return (
    <section aria-labelledby="org-h" className="organizations-page">
      <h1 id="org-h" tabIndex={-1}>Organizations</h1>
      <p className="help">Each organization is one of your clients, mapped to the Duo child account that holds its users.</p>
      <p role="status" className="note">{note}</p>
      {error && <ErrorView error={error} />}

      {admin && fleet && (
        <section aria-labelledby="org-create-h" className="panel">
          <h2 id="org-create-h">Create an organization</h2>
          <CreateOrganizationForm onCreated={(o) => { setNote(`Created "${o.name}".`); void loadOrgs(); }} />
        </section>
      )}

      {fleet && (
        <section aria-labelledby="org-map-h" className="panel">
          <h2 id="org-map-h">Map to Duo child accounts</h2>
          {integrations === null && <p>Loading integrations…</p>}
          {integrations?.length === 0 && (
            <p>No integrations yet. <Link to="/integrations">Add an integration</Link> with Accounts API keys, then come back to suggest mappings.</p>
          )}
          {integrations && integrations.length > 0 && (
            <div className="toolbar">
              <div className="field">
                <label htmlFor="org-int">Integration</label>
                <select id="org-int" value={integrationId} onChange={(e) => { setIntegrationId(e.target.value); setSuggestions({}); }}>
                  {integrations.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
                </select>
              </div>
              <button type="button" disabled={!integrationId || busy !== null} onClick={() => void suggest()}>
                {busy === 'suggest' ? 'Suggesting…' : 'Suggest'}
              </button>
              {admin && (
                <>
                  <div className="field">
                    <label htmlFor="org-threshold">Apply threshold (%)</label>
                    <input
                      id="org-threshold"
                      className="narrow"
                      inputMode="decimal"
                      value={threshold}
                      onChange={(e) => setThreshold(e.target.value)}
                      aria-invalid={thresholdValue === null}
                      aria-describedby={thresholdValue === null ? 'org-threshold-issue' : undefined}
                    />
                    {thresholdValue === null && <p id="org-threshold-issue" className="error field-issue">Give a percentage from 0 to 100.</p>}
                  </div>
                  <button type="button" disabled={!integrationId || busy !== null || thresholdValue === null} onClick={() => void apply()}>
                    {busy === 'apply' ? 'Applying…' : `Apply all at or above ${thresholdValue === null ? '…' : formatConfidence(thresholdValue)}`}
                  </button>
                </>
              )}
            </div>
          )}
          {admin && <p className="help">Apply maps every organization whose suggestion reaches the threshold; manual mappings are never changed. Accept maps one row.</p>}
        </section>
      )}

      <div className="toolbar filters">
        <div className="field">
          <label htmlFor="org-filter">Filter</label>
          <input id="org-filter" type="search" value={text} placeholder="name, domain or Duo account" onChange={(e) => setQuery({ q: e.target.value, page: null })} />
        </div>
        <div className="field">
          <label htmlFor="org-show">Show</label>
          <select id="org-show" value={show} onChange={(e) => setQuery({ show: e.target.value === 'all' ? null : e.target.value, page: null })}>
            {SHOW_CHOICES.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
          </select>
        </div>
      </div>

      {loadError && (
        <>
          <ErrorView error={loadError} />
          <button type="button" onClick={() => void loadOrgs()}>Retry</button>
        </>
      )}
      {!orgs && !loadError && <p>Loading…</p>}
      {orgs && orgs.length === 0 && (
        <p className="empty">No organizations yet. {admin && fleet ? 'Create one above, then use Suggest to map it to a Duo child account.' : 'An administrator creates them.'}</p>
      )}
      {orgs && orgs.length > 0 && filtered.length === 0 && (
        <p className="empty">
          No organization matches this filter.{' '}
          <button type="button" onClick={() => setQuery({ q: null, show: null, page: null })}>Clear the filter</button>
        </p>
      )}
      {filtered.length > 0 && (
        <>
          <OrganizationTable
            rows={rows}
            suggestions={suggestions}
            busyId={busyRow}
            canEdit={admin}
            onAccept={(o, s) => void accept(o, s)}
            onEdit={(o) => { setNote(''); setEditing(o); }}
          />
          <Pager
            label="Organizations"
            page={page}
            size={paging.size}
            total={filtered.length}
            onPage={(p) => setQuery({ page: p === 1 ? null : p })}
            onSize={(s) => setQuery({ size: s === 10 ? null : s, page: null })}
          />
        </>
      )}

      {editing && orgs && (
        <OrganizationEditor
          key={editing.id}
          org={editing}
          orgs={orgs}
          integrations={integrations ?? []}
          defaultIntegrationId={integrationId}
          canMap={fleet}
          onClose={() => closeEditor(editing.id)}
          onSaved={(o, changed) => {
            const mapping = changed.includes('duo_account_id')
              ? o.duo_account_id ? ` Mapped to ${o.duo_account_id === 'parent' ? 'the parent account' : o.duo_account_name ?? o.duo_account_id}${integrationName(o.integration_id) ? ` through ${integrationName(o.integration_id)}` : ''}.` : ' Unmapped.'
              : '';
            setNote(`Saved "${o.name}".${mapping}`);
            setSuggestions(({ [o.id]: _gone, ...rest }) => rest);
            closeEditor(o.id);
            void loadOrgs();
          }}
          onDeleted={(o) => {
            setNote(`Deleted "${o.name}".`);
            setEditing(null);
            // Its Edit button is gone; the page heading is the next sensible place for focus.
            focusLater('org-h');
            void loadOrgs();
          }}
        />
      )}
    </section>
  );
}
