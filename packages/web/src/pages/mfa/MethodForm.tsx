import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { issueFor } from '../../ui/field-issues.ts';
import { emptyMethodForm, methodWriteBody, type MethodFormValues } from './method-form.ts';
import type { OrgOption } from './types.ts';
import { vaultApi } from './vault-api.ts';
import type { VaultError } from './vault-errors.ts';

const BASE = '/v1/identity/mfa/method/duo';

/** One labelled input with its hint and the API's message about it (aria-describedby ties them). */
function Field(props: { id: string; label: string; hint?: string; issue?: string | undefined; children: (describedBy: string | undefined, invalid: boolean) => ReactNode }) {
  const ids = [props.hint ? `${props.id}-hint` : '', props.issue ? `${props.id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children(ids, Boolean(props.issue))}
      {props.hint && <p id={`${props.id}-hint`} className="hint">{props.hint}</p>}
      {props.issue && <p id={`${props.id}-err`} className="error field-error">{props.issue}</p>}
    </div>
  );
}

/** Create a Duo MFA method; the hub checks the keys and template before saving, and field problems show beside the fields. */
export function MethodForm({ organizations, onSaved }: { organizations: OrgOption[]; onSaved(id: string, warnings: string[]): void }) {
  const [v, setV] = useState<MethodFormValues>(() => emptyMethodForm());
  const [error, setError] = useState<VaultError | null>(null);
  const [busy, setBusy] = useState(false);
  const mapped = organizations.filter((o) => o.duo_account_id !== null);
  const issues = error?.details ?? [];
  const set = <K extends keyof MethodFormValues>(k: K, value: MethodFormValues[K]) => setV((p) => ({ ...p, [k]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await vaultApi<{ data: { method_id: string }; warnings: string[] | null }>('POST', BASE, methodWriteBody(v));
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setV(emptyMethodForm());
    onSaved(res.body.data.method_id, res.body.warnings ?? []);
  }

  const text = (k: keyof MethodFormValues, extra: Record<string, unknown> = {}) => (describedBy: string | undefined, invalid: boolean) => (
    <input id={`mf-${k}`} value={String(v[k])} onChange={(e) => set(k, e.target.value as never)} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...extra} />
  );
  return (
    <form onSubmit={submit} aria-labelledby="mf-h" className="method-form" noValidate>
      <h2 id="mf-h">Create an MFA method</h2>
      <Field id="mf-method_name" label="Method name" hint="Optional; unique. Vault policies and clients may refer to it." issue={issueFor(issues, 'method_name')}>
        {text('method_name', { maxLength: 100 })}
      </Field>
      <fieldset>
        <legend>Duo Auth API keys from</legend>
        <div className="check">
          <input type="radio" id="mf-src-org" name="mf-src" checked={v.source === 'organization'} onChange={() => set('source', 'organization')} />
          <label htmlFor="mf-src-org" className="inline-label">An organization’s integration</label>
        </div>
        <div className="check">
          <input type="radio" id="mf-src-keys" name="mf-src" checked={v.source === 'keys'} onChange={() => set('source', 'keys')} />
          <label htmlFor="mf-src-keys" className="inline-label">Pasted keys (as in Vault)</label>
        </div>
      </fieldset>
      {v.source === 'organization' ? (
        <Field id="mf-organization_id" label="Organization" issue={issueFor(issues, 'organization_id')}
          hint={mapped.length === 0 ? 'No organization is mapped to a Duo account yet: map one on the Organizations page, or paste keys.' : 'Its integration’s Auth API keys are used.'}>
          {(d, invalid) => (
            <select id="mf-organization_id" value={v.organization_id} onChange={(e) => set('organization_id', e.target.value)} aria-describedby={d} aria-invalid={invalid || undefined}>
              <option value="">Choose an organization</option>
              {mapped.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          )}
        </Field>
      ) : (
        <>
          <Field id="mf-api_hostname" label="API hostname" hint="api-xxxxxxxx.duosecurity.com" issue={issueFor(issues, 'api_hostname')}>{text('api_hostname')}</Field>
          <Field id="mf-integration_key" label="Integration key" hint="DI followed by 18 letters or digits" issue={issueFor(issues, 'integration_key')}>{text('integration_key', { autoComplete: 'off' })}</Field>
          <Field id="mf-secret_key" label="Secret key" hint="Never shown again after saving." issue={issueFor(issues, 'secret_key')}>{text('secret_key', { type: 'password', autoComplete: 'off' })}</Field>
          <Field id="mf-base_url" label="Connect address (optional)" hint="Only for a proxy or the emulator; requests stay signed for the hostname." issue={issueFor(issues, 'base_url')}>{text('base_url')}</Field>
        </>
      )}
      <Field id="mf-username_format" label="Username template" hint="Vault template syntax, e.g. {{identity.entity.name}} or {{identity.entity.aliases.<mount accessor>.name}}." issue={issueFor(issues, 'username_format', 'username_template')}>
        {text('username_format')}
      </Field>
      <Field id="mf-push_info" label="Push info (optional)" hint="URL-encoded key=value pairs joined by &, shown on the push, e.g. from=vault&domain=example.com." issue={issueFor(issues, 'push_info', 'pushinfo')}>
        {text('push_info')}
      </Field>
      <div className="check">
        <input type="checkbox" id="mf-use_passcode" checked={v.use_passcode} onChange={(e) => set('use_passcode', e.target.checked)} />
        <label htmlFor="mf-use_passcode" className="inline-label">Ask for a passcode instead of a push (use_passcode)</label>
      </div>
      <fieldset>
        <legend>Push-fatigue protection (blank: hub defaults)</legend>
        <div className="field-row">
          <Field id="mf-push_limit" label="Pushes per window" hint="Default 3" issue={issueFor(issues, 'push_limit')}>{text('push_limit', { type: 'number', min: 1, max: 100, inputMode: 'numeric' })}</Field>
          <Field id="mf-push_window_seconds" label="Window (seconds)" hint="Default 600" issue={issueFor(issues, 'push_window_seconds')}>{text('push_window_seconds', { type: 'number', min: 1, inputMode: 'numeric' })}</Field>
          <Field id="mf-cooldown_seconds" label="Cooldown after a deny (seconds)" hint="Default 300; fraud reports pause 4 times longer" issue={issueFor(issues, 'cooldown_seconds')}>{text('cooldown_seconds', { type: 'number', min: 1, inputMode: 'numeric' })}</Field>
        </div>
      </fieldset>
      <button type="submit" disabled={busy}>{busy ? 'Checking with Duo…' : 'Create method'}</button>
      {error && (
        <>
          <ErrorView error={error} />
          {error.notes.length > 0 && <ul className="error">{error.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>}
        </>
      )}
    </form>
  );
}
