import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../../api-client.ts';
import { can, useSession } from '../../session.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { fieldIssues, issueFor } from '../../ui/field-issues.ts';
import { EXPIRY_PRESETS, GRANTABLE_SCOPES, SCOPE_HINT, tokenCreateBody, type TokenExpiryChoice, type TokenScope } from './token-form.ts';

/** A token as `POST /api/tokens` answers it: the listed view plus the token, once. */
export interface CreatedToken {
  id: string;
  name: string;
  token: string;
  expires_at?: string | null;
}

/** The expiry menu's value and the date picker's as the form's choice. */
function expiryChoice(preset: string, date: string): TokenExpiryChoice {
  if (preset === 'never') return { kind: 'never' };
  if (preset === 'date') return { kind: 'date', date };
  return { kind: 'days', days: Number(preset) };
}

/** Create a token: name, scopes (only those the caller holds), optional organization limits. */
export function TokenCreateForm({ organizations, onCreated }: { organizations: Array<{ id: string; name: string }>; onCreated(t: CreatedToken): void }) {
  const session = useSession();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['read']);
  const [orgIds, setOrgIds] = useState<string[]>([]);
  const [expiryPreset, setExpiryPreset] = useState('never');
  const [expiryDate, setExpiryDate] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const issues = fieldIssues(error?.details);
  const limited = session.organization_ids !== null;
  const choosable = limited ? organizations.filter((o) => session.organization_ids!.includes(o.id)) : organizations;

  function toggle(scope: TokenScope, on: boolean) {
    setScopes((prev) => (on ? [...prev, scope] : prev.filter((s) => s !== scope)));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await api<CreatedToken>('POST', '/api/tokens', tokenCreateBody({ name, scopes, organization_ids: orgIds, expiry: expiryChoice(expiryPreset, expiryDate) }));
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setName('');
    setScopes(['read']);
    setOrgIds([]);
    setExpiryPreset('never');
    setExpiryDate('');
    onCreated(res.body);
  }

  const nameIssue = issueFor(issues, 'name');
  const scopeIssue = issueFor(issues, 'scopes', 'scopes.0', 'scopes.1', 'scopes.2', 'scopes.3');
  const orgIssue = issueFor(issues, 'organization_ids');
  const expiryIssue = issueFor(issues, 'expires_at', 'expires_in_days');
  return (
    <form onSubmit={submit} aria-labelledby="tok-new-h" className="token-form">
      <h2 id="tok-new-h">Create a token</h2>
      <label htmlFor="tok-name">Token name</label>
      <input id="tok-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100}
        aria-invalid={nameIssue ? true : undefined} aria-describedby={nameIssue ? 'tok-name-err' : undefined} />
      {nameIssue && <p id="tok-name-err" className="error field-error">{nameIssue}</p>}
      <fieldset aria-describedby={scopeIssue ? 'tok-scope-err' : undefined}>
        <legend>Scopes</legend>
        {GRANTABLE_SCOPES.map((s) => (
          <div key={s} className="check">
            <input type="checkbox" id={`tok-scope-${s}`} checked={scopes.includes(s)} disabled={!can(session, s)} onChange={(e) => toggle(s, e.target.checked)} />
            <label htmlFor={`tok-scope-${s}`} className="inline-label"><strong>{s}</strong>: {SCOPE_HINT[s]}</label>
          </div>
        ))}
        {scopeIssue && <p id="tok-scope-err" className="error field-error">{scopeIssue}</p>}
      </fieldset>
      {choosable.length > 0 ? (
        <fieldset className="tok-orgs" aria-describedby={orgIssue ? 'tok-orgs-hint tok-orgs-err' : 'tok-orgs-hint'}>
          <legend>Limit to organizations (optional)</legend>
          <p id="tok-orgs-hint" className="hint">
            {limited
              ? 'Your token is limited to organizations, so choose at least one of them.'
              : 'Tick none for a token that reaches every organization.'}
            {orgIds.length > 0 && ` ${orgIds.length} chosen.`}
          </p>
          <div className="tok-orgs-list">
            {choosable.map((o) => (
              <div key={o.id} className="check">
                <input
                  type="checkbox"
                  id={`tok-org-${o.id}`}
                  checked={orgIds.includes(o.id)}
                  onChange={(e) => setOrgIds((prev) => (e.target.checked ? [...prev, o.id] : prev.filter((id) => id !== o.id)))}
                />
                <label htmlFor={`tok-org-${o.id}`} className="inline-label">{o.name}</label>
              </div>
            ))}
          </div>
        </fieldset>
      ) : (
        <p className="hint">No organizations yet, so the token reaches every organization. Add organizations on the Organizations page to limit tokens to some of them.</p>
      )}
      {orgIssue && <p id="tok-orgs-err" className="error field-error">{orgIssue}</p>}
      <label htmlFor="tok-expiry">Expires</label>
      <select id="tok-expiry" value={expiryPreset} onChange={(e) => setExpiryPreset(e.target.value)}
        aria-invalid={expiryIssue ? true : undefined} aria-describedby={expiryIssue ? 'tok-expiry-hint tok-expiry-err' : 'tok-expiry-hint'}>
        {EXPIRY_PRESETS.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
      </select>
      {expiryPreset === 'date' && (
        <>
          {' '}<label htmlFor="tok-expiry-date" className="inline-label">Works through</label>{' '}
          <input id="tok-expiry-date" type="date" value={expiryDate} onChange={(e) => setExpiryDate(e.target.value)} required
            aria-invalid={expiryIssue ? true : undefined} aria-describedby={expiryIssue ? 'tok-expiry-err' : undefined} />
        </>
      )}
      <p id="tok-expiry-hint" className="hint">An expired token is refused like a revoked one. Never: only revoking ends it.</p>
      {expiryIssue && <p id="tok-expiry-err" className="error field-error">{expiryIssue}</p>}
      <button type="submit" disabled={busy || scopes.length === 0}>{busy ? 'Creating…' : 'Create token'}</button>
      {scopes.length === 0 && <p className="hint">Pick at least one scope.</p>}
      {error && <ErrorView error={error} />}
    </form>
  );
}
