import { useEffect, useMemo, useRef, useState } from 'react';
import { api, listItems, type ApiError } from '../api-client.ts';
import { can, useSession } from '../session.ts';
import { ErrorView } from '../ui/ErrorView.tsx';
import { formatTime } from './audit/format-time.ts';
import { MethodForm } from './mfa/MethodForm.tsx';
import type { OrgOption, VaultMethod } from './mfa/types.ts';
import { vaultApi } from './mfa/vault-api.ts';
import type { VaultError } from './mfa/vault-errors.ts';
import { VerifyPanel } from './mfa/VerifyPanel.tsx';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import './mfa/mfa.css';
import './tokens/tokens.css';

const BASE = '/v1/identity/mfa/method/duo';

/** MFA methods: the Vault-compatible Duo methods (list, create, delete) and a panel to verify a user. */
export function MfaPage() {
  const session = useSession();
  const admin = can(session, 'admin');
  const unlimited = session.organization_ids === null;
  const [methods, setMethods] = useState<VaultMethod[] | null>(null);
  const [listError, setListError] = useState<VaultError | ApiError | null>(null);
  const [orgs, setOrgs] = useState<OrgOption[]>([]);
  const [note, setNote] = useState<{ text: string; warnings: string[] } | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, VaultError>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  const orgNames = useMemo(() => new Map(orgs.map((o) => [o.id, o.name])), [orgs]);

  async function load() {
    // Methods are fleet-wide: a token limited to organizations cannot list them (it can still verify).
    if (!unlimited) return setMethods([]);
    const res = await vaultApi<{ data: { keys: string[]; key_info: Record<string, VaultMethod> } }>('GET', `${BASE}?list=true`);
    if (res.ok) {
      setMethods(res.body.data.keys.map((k) => res.body.data.key_info[k]!).filter(Boolean));
      setListError(null);
    } else if (res.error.status === 404 && res.error.code !== 'not_found') {
      // Vault answers an empty LIST with a bare 404.
      setMethods([]);
      setListError(null);
    } else setListError(res.error);
  }
  useEffect(() => {
    void load();
    void api<{ items: OrgOption[] }>('GET', '/api/organizations').then((r) => r.ok && setOrgs(listItems(r.body)));
  }, []);

  async function remove(m: VaultMethod) {
    const res = await vaultApi('DELETE', `${BASE}/${encodeURIComponent(m.id)}`);
    if (!res.ok) return setRowErrors((p) => ({ ...p, [m.id]: res.error }));
    setNote({ text: `Deleted method ${m.method_name || m.id}.`, warnings: [] });
    await load();
    heading.current?.focus();
  }

  return (
    <section aria-labelledby="mfa-h">
      <h1 id="mfa-h" tabIndex={-1} ref={heading}>MFA methods</h1>
      <p className="hint">
        Duo as an MFA method for other systems, through Vault’s API at <code>{BASE}</code>: Vault (or any of its clients) can
        create, read and use these methods with a hub token.
      </p>
      {note && (
        <div role="status" className="ok">
          <p>{note.text}</p>
          {note.warnings.length > 0 && <ul className="warn">{note.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>}
        </div>
      )}
      {!unlimited && <p>Your token is limited to organizations, so it cannot see the fleet-wide methods; you can still verify users of your organizations below.</p>}
      {listError && <ErrorView error={listError} />}
      {!methods && !listError && <p role="status">Loading methods…</p>}
      {methods && methods.length === 0 && unlimited && (
        <p className="empty">
          No MFA methods yet. {admin ? 'Create one below: pick an organization (or paste Auth API keys) and a username template.' : 'An admin token can create one.'}
        </p>
      )}
      {methods && methods.length > 0 && (
        <div className="table-wrap">
          <table aria-label="MFA methods">
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Keys from</th><th scope="col">Username template</th><th scope="col">Push info</th><th scope="col">Push limits</th><th scope="col">Created</th>{admin && <th scope="col">Actions</th>}</tr>
            </thead>
            <tbody>
              {methods.map((m) => (
                <tr key={m.id} data-method-id={m.id} data-method-name={m.method_name}>
                  <td>{m.method_name || <em>unnamed</em>}<div className="hint mono">{m.id}</div></td>
                  <td>
                    {m.organization_id
                      ? <>Organization {orgNames.get(m.organization_id) ?? m.organization_id}</>
                      : <>{m.api_hostname} <span className="hint">(key {m.integration_key_hint}, secret {m.secret_key_hint})</span></>}
                  </td>
                  <td className="mono">{m.username_format || '—'}{m.use_passcode && <div className="hint">asks for a passcode</div>}</td>
                  <td className="mono">{m.push_info || '—'}</td>
                  <td>{m.push_limit} per {m.push_window_seconds} s; cooldown {m.cooldown_seconds} s</td>
                  <td><time dateTime={m.created_at}>{formatTime(m.created_at)}</time></td>
                  {admin && (
                    <td>
                      <ConfirmButton label="Delete" confirmLabel="Yes, delete" question={`Delete method “${m.method_name || m.id}”? Vault logins that use it will fail.`} onConfirm={() => remove(m)} />
                      {rowErrors[m.id] && <ErrorView error={rowErrors[m.id]!} />}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {admin && unlimited ? (
        <MethodForm organizations={orgs} onSaved={(id, warnings) => { setNote({ text: `Created method ${id}; Duo accepted its keys.`, warnings }); void load(); }} />
      ) : (
        unlimited && <p className="hint">Creating and deleting methods needs an admin token.</p>
      )}
      {can(session, 'operate') ? (
        (methods || listError) && <VerifyPanel methods={methods ?? []} organizations={orgs} />
      ) : (
        <p className="hint">Verifying users needs a token with the operate scope.</p>
      )}
    </section>
  );
}
