import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useFocusAfterCommit } from '../../ui/use-focus-after-commit.ts';
import { rejectedFields, type RejectedField } from './rejected-fields.ts';
import { applySharedHost, firstHost, initialSharedHost } from './shared-host.ts';
import { api, type ApiError } from '../../api-client.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { CheckResults } from './CheckResults.tsx';
import { fieldIssues, issueFor } from '../../ui/field-issues.ts';
import {
  createIntegrationBody,
  emptyIntegrationForm,
  formFromIntegration,
  integrationPatchBody,
  patchRunsChecks,
  type IntegrationFormState,
  type SetForm,
} from './integration-body.ts';
import { KIND_LABEL, KINDS, isCheckReport, type CheckReport, type Integration, type Kind } from './integration-types.ts';
import type { SavedIntegration } from './saved-message.ts';

/**
 * Add (no `stored`) or edit an integration. One host field serves all three sets while they share it
 * (a Duo account has one API hostname; "Use different hosts" splits it). Save runs the hub's checks; a
 * failed check marks the field Duo rejected (invalid, described by the diagnosis, focused), shows each
 * set's diagnosis and saves nothing, with "Save anyway" to store it regardless.
 */
export function IntegrationForm({ stored, onSaved, onCancel }: { stored?: Integration; onSaved(s: SavedIntegration): void; onCancel?(): void }) {
  const editing = stored !== undefined;
  const [form, setForm] = useState<IntegrationFormState>(() => (stored ? formFromIntegration(stored) : emptyIntegrationForm()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<CheckReport | null>(null);
  // The host all sets share, or null once split into one host per set.
  const [sharedHost, setSharedHost] = useState<string | null>(() => initialSharedHost(stored));
  const heading = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focusLater = useFocusAfterCommit();
  const idp = editing ? 'int-edit' : 'int';
  const issues = fieldIssues(error?.details);
  const rejected = report ? rejectedFields(report) : [];
  // A rejected field stays marked until it is edited; the next save checks again.
  const [edited, setEdited] = useState<string[]>([]);
  const rejectedMessage = (field: RejectedField) => (edited.includes(field) ? undefined : rejected.find((r) => r.field === field)?.message);

  // Opening the edit form moves focus to it, so keyboard users land where they asked to go.
  useEffect(() => {
    if (editing) heading.current?.focus();
  }, [editing]);

  function setField(kind: Kind, field: keyof SetForm, value: string | boolean) {
    setEdited((e) => [...e, `${kind}.${field}`]);
    setForm((prev) => ({ ...prev, sets: { ...prev.sets, [kind]: { ...prev.sets[kind], [field]: value } } }));
  }

  async function save(force: boolean) {
    setBusy(true);
    setError(null);
    setReport(null);
    setEdited([]);
    const effective = sharedHost === null ? form : applySharedHost(form, sharedHost.trim(), stored);
    const body = stored ? integrationPatchBody(stored, effective) : createIntegrationBody(effective);
    const checked = stored ? patchRunsChecks(body) : true;
    const suffix = force ? '?force=true' : '';
    const res = stored
      ? await api<Integration>('PATCH', `/api/integrations/${stored.id}${suffix}`, body)
      : await api<Integration>('POST', `/api/integrations${suffix}`, body);
    setBusy(false);
    if (!res.ok) {
      if (res.error.code === 'integration_check_failed' && isCheckReport(res.error.details)) {
        // The hub's message tells API callers about `?force=true`; here "Save anyway" is that button.
        setError({ ...res.error, message: 'Duo refused these credentials; nothing was saved.' });
        setReport(res.error.details);
      } else setError(res.error);
      // Focus goes to the field Duo (or the hub) points at, so it can be fixed at once.
      focusLater(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]'));
      return;
    }
    // Secrets leave the form once saved; the list shows only their hints and the row its check results.
    if (!stored) {
      setForm(emptyIntegrationForm());
      setSharedHost('');
    }
    onSaved({ integration: res.body, created: !stored, checked, forced: force });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void save(false);
  }

  const title = stored ? `Edit "${stored.name}"` : 'Add an integration';
  const problem = (key: string) => issueFor(issues, key) ?? rejectedMessage(key as RejectedField);
  const described = (key: string) => (problem(key) !== undefined ? `${idp}-${key.replace('.', '-')}-issue` : undefined);
  const invalid = (key: string) => (problem(key) !== undefined ? true : undefined);
  const issue = (key: string) => {
    const text = problem(key);
    return text ? <p id={described(key)} className="error field-issue">{text}</p> : null;
  };
  // With one shared host, a problem with any set's host is shown on the shared field.
  const hostKeys = KINDS.map((k) => `${k}.api_host`);
  const sharedProblem = [...new Set(hostKeys.map(problem).filter((t): t is string => t !== undefined))].join('; ') || undefined;

  function splitHosts() {
    const host = sharedHost ?? '';
    // Every set starts from the shared host; the user changes the one that differs.
    setForm((prev) => ({ ...prev, sets: Object.fromEntries(KINDS.map((k) => [k, { ...prev.sets[k], api_host: host }])) as IntegrationFormState['sets'] }));
    setSharedHost(null);
    focusLater(`${idp}-admin-host`);
  }

  function joinHosts() {
    setSharedHost(firstHost(form));
    focusLater(`${idp}-host`);
  }

  return (
    <section aria-labelledby={`${idp}-h`} className="integration-form">
      <h2 id={`${idp}-h`} ref={heading} tabIndex={-1}>{title}</h2>
      <form ref={formRef} onSubmit={submit} aria-label={title}>
        <label htmlFor={`${idp}-name`}>Name</label>
        <input id={`${idp}-name`} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required aria-describedby={described('name')} />
        {issue('name')}
        <label htmlFor={`${idp}-base`}>Base URL (optional)</label>
        <input
          id={`${idp}-base`}
          value={form.base_url}
          onChange={(e) => setForm({ ...form, base_url: e.target.value })}
          placeholder="https://api-xxxx.duosecurity.com"
          aria-describedby={[`${idp}-base-help`, described('base_url')].filter(Boolean).join(' ')}
        />
        <p id={`${idp}-base-help`} className="help">Only for the emulator or a proxy: requests are signed for the Duo host but sent here.</p>
        {issue('base_url')}
        {sharedHost !== null ? (
          <div className="shared-host">
            <label htmlFor={`${idp}-host`}>API host</label>
            <input
              id={`${idp}-host`}
              value={sharedHost}
              placeholder="api-xxxxxxxx.duosecurity.com"
              onChange={(e) => {
                setSharedHost(e.target.value);
                setEdited((prev) => [...prev, ...hostKeys]);
              }}
              aria-invalid={sharedProblem ? true : undefined}
              aria-describedby={[`${idp}-host-help`, sharedProblem ? `${idp}-host-issue` : ''].filter(Boolean).join(' ')}
            />
            <p id={`${idp}-host-help`} className="help">
              The account’s API hostname, used by all three APIs below.{' '}
              <button type="button" className="link-button" onClick={splitHosts}>Use different hosts</button>
            </p>
            {sharedProblem && <p id={`${idp}-host-issue`} className="error field-issue">{sharedProblem}</p>}
          </div>
        ) : (
          <p className="help">
            Each API has its own host below.{' '}
            <button type="button" className="link-button" onClick={joinHosts}>Use one host for all</button>
          </p>
        )}
        <div className="cred-sets">
        {KINDS.map((k) => {
          const current = stored?.[k] ?? null;
          const s = form.sets[k];
          const help = `${idp}-${k}-skey-help`;
          return (
            <fieldset key={k}>
              <legend>{KIND_LABEL[k]}{editing && !current ? ' (not set)' : ''}</legend>
              {sharedHost === null && (
                <>
                  <label htmlFor={`${idp}-${k}-host`}>{KIND_LABEL[k]} host</label>
                  <input id={`${idp}-${k}-host`} value={s.api_host} disabled={s.remove} onChange={(e) => setField(k, 'api_host', e.target.value)} aria-invalid={invalid(`${k}.api_host`)} aria-describedby={described(`${k}.api_host`)} />
                  {issue(`${k}.api_host`)}
                </>
              )}
              <label htmlFor={`${idp}-${k}-ikey`}>{KIND_LABEL[k]} integration key</label>
              <input id={`${idp}-${k}-ikey`} value={s.integration_key} disabled={s.remove} onChange={(e) => setField(k, 'integration_key', e.target.value)} aria-invalid={invalid(`${k}.integration_key`)} aria-describedby={described(`${k}.integration_key`)} />
              {issue(`${k}.integration_key`)}
              <label htmlFor={`${idp}-${k}-skey`}>{KIND_LABEL[k]} secret key</label>
              <input
                id={`${idp}-${k}-skey`}
                type="password"
                autoComplete="off"
                value={s.secret_key}
                disabled={s.remove}
                onChange={(e) => setField(k, 'secret_key', e.target.value)}
                aria-invalid={invalid(`${k}.secret_key`)}
                aria-describedby={[current ? help : '', described(`${k}.secret_key`) ?? ''].filter(Boolean).join(' ') || undefined}
              />
              {current && (
                <p id={help} className="help">
                  Stored secret ends <span className="hint" data-hint={k}>{current.secret_key_hint}</span>. Leave blank to keep it; type a new one to rotate it.
                </p>
              )}
              {issue(`${k}.secret_key`)}
              {issue(k)}
              {current && (
                <div className="check-row">
                  <input id={`${idp}-${k}-remove`} type="checkbox" checked={s.remove} onChange={(e) => setField(k, 'remove', e.target.checked)} />
                  <label htmlFor={`${idp}-${k}-remove`} className="inline">Remove the {KIND_LABEL[k]} credentials</label>
                </div>
              )}
            </fieldset>
          );
        })}
        </div>
        <div className="form-actions">
          <button type="submit" disabled={busy}>{busy ? 'Checking…' : 'Save'}</button>
          {onCancel && <button type="button" onClick={onCancel}>Cancel</button>}
        </div>
      </form>
      <div aria-live="polite" className="form-result">
        {busy && <p>Checking the credentials with Duo…</p>}
        {report && (
          <>
            <p className="error">Checks failed; nothing was saved{editing ? ' and the stored credentials are unchanged' : ''}.</p>
            <CheckResults report={report} />
          </>
        )}
      </div>
      {error && <ErrorView error={error} />}
      {report && (
        <p>
          <button type="button" disabled={busy} onClick={() => void save(true)} aria-describedby={`${idp}-anyway-help`}>Save anyway</button>
          <span id={`${idp}-anyway-help`} className="help">Stores the credentials although Duo refused them (for example while Duo is unreachable); fix them later with Edit.</span>
        </p>
      )}
    </section>
  );
}
