import { useEffect, useRef, useState, type FormEvent } from 'react';
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
 * Add (no `stored`) or edit an integration. Save runs the hub's checks; a failed check shows each set's
 * diagnosis inline and saves nothing, with "Save anyway" to store it regardless (`?force=true`).
 */
export function IntegrationForm({ stored, onSaved, onCancel }: { stored?: Integration; onSaved(s: SavedIntegration): void; onCancel?(): void }) {
  const editing = stored !== undefined;
  const [form, setForm] = useState<IntegrationFormState>(() => (stored ? formFromIntegration(stored) : emptyIntegrationForm()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<CheckReport | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const idp = editing ? 'int-edit' : 'int';
  const issues = fieldIssues(error?.details);

  // Opening the edit form moves focus to it, so keyboard users land where they asked to go.
  useEffect(() => {
    if (editing) heading.current?.focus();
  }, [editing]);

  function setField(kind: Kind, field: keyof SetForm, value: string | boolean) {
    setForm((prev) => ({ ...prev, sets: { ...prev.sets, [kind]: { ...prev.sets[kind], [field]: value } } }));
  }

  async function save(force: boolean) {
    setBusy(true);
    setError(null);
    setReport(null);
    const body = stored ? integrationPatchBody(stored, form) : createIntegrationBody(form);
    const checked = stored ? patchRunsChecks(body) : true;
    const suffix = force ? '?force=true' : '';
    const res = stored
      ? await api<Integration>('PATCH', `/api/integrations/${stored.id}${suffix}`, body)
      : await api<Integration>('POST', `/api/integrations${suffix}`, body);
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      if (res.error.code === 'integration_check_failed' && isCheckReport(res.error.details)) setReport(res.error.details);
      return;
    }
    // Secrets leave the form once saved; the list shows only their hints and the row its check results.
    if (!stored) setForm(emptyIntegrationForm());
    onSaved({ integration: res.body, created: !stored, checked, forced: force });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void save(false);
  }

  const title = stored ? `Edit "${stored.name}"` : 'Add an integration';
  const described = (key: string) => (issueFor(issues, key) !== undefined ? `${idp}-${key.replace('.', '-')}-issue` : undefined);
  const issue = (key: string) => {
    const text = issueFor(issues, key);
    return text ? <p id={described(key)} className="error field-issue">{text}</p> : null;
  };

  return (
    <section aria-labelledby={`${idp}-h`} className="integration-form">
      <h2 id={`${idp}-h`} ref={heading} tabIndex={-1}>{title}</h2>
      <form onSubmit={submit} aria-label={title}>
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
        <div className="cred-sets">
        {KINDS.map((k) => {
          const current = stored?.[k] ?? null;
          const s = form.sets[k];
          const help = `${idp}-${k}-skey-help`;
          return (
            <fieldset key={k}>
              <legend>{KIND_LABEL[k]}{editing && !current ? ' (not set)' : ''}</legend>
              <label htmlFor={`${idp}-${k}-host`}>{KIND_LABEL[k]} host</label>
              <input id={`${idp}-${k}-host`} value={s.api_host} disabled={s.remove} onChange={(e) => setField(k, 'api_host', e.target.value)} aria-describedby={described(`${k}.api_host`)} />
              {issue(`${k}.api_host`)}
              <label htmlFor={`${idp}-${k}-ikey`}>{KIND_LABEL[k]} integration key</label>
              <input id={`${idp}-${k}-ikey`} value={s.integration_key} disabled={s.remove} onChange={(e) => setField(k, 'integration_key', e.target.value)} aria-describedby={described(`${k}.integration_key`)} />
              {issue(`${k}.integration_key`)}
              <label htmlFor={`${idp}-${k}-skey`}>{KIND_LABEL[k]} secret key</label>
              <input
                id={`${idp}-${k}-skey`}
                type="password"
                autoComplete="off"
                value={s.secret_key}
                disabled={s.remove}
                onChange={(e) => setField(k, 'secret_key', e.target.value)}
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
          <button type="button" disabled={busy} onClick={() => void save(true)}>Save anyway</button>
          <span className="help">Stores the credentials although Duo refused them (for example while Duo is unreachable).</span>
        </p>
      )}
    </section>
  );
}
