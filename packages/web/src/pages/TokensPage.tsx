import { useEffect, useMemo, useState } from 'react';
import { api, listItems, type ApiError } from '../api-client.ts';
import { useSession } from '../session.ts';
import { ErrorView } from '../ui/ErrorView.tsx';
import { Pager, pageSlice } from '../ui/Pager.tsx';
import { formatTime } from './audit/format-time.ts';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { OnceBox } from './tokens/OnceBox.tsx';
import { TokenCreateForm, type CreatedToken } from './tokens/TokenCreateForm.tsx';
import { expiryText, organizationSummary, scopeSummary, tokenStateText } from './tokens/token-form.ts';
import './tokens/tokens.css';

interface TokenView {
  id: string;
  name: string;
  scopes: string[];
  organization_ids: string[] | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** When the token stops working; absent or null: it never expires (only revoking ends it). */
  expires_at?: string | null;
  /** `active`, `revoked` or `expired`, as the hub saw it when listing. */
  status?: string;
}

/** Tokens (admin only): the list, create with the value shown once, revoke with confirmation. */
export function TokensPage() {
  const session = useSession();
  const [tokens, setTokens] = useState<TokenView[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [orgs, setOrgs] = useState<Array<{ id: string; name: string }>>([]);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, ApiError>>({});
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(25);
  const names = useMemo(() => new Map(orgs.map((o) => [o.id, o.name])), [orgs]);

  async function load() {
    const res = await api<{ items: TokenView[] }>('GET', '/api/tokens');
    if (res.ok) {
      setTokens(listItems(res.body));
      setLoadError(null);
    } else setLoadError(res.error);
  }
  useEffect(() => {
    void load();
    void api<{ items: Array<{ id: string; name: string }> }>('GET', '/api/organizations').then((res) => {
      if (res.ok) setOrgs(listItems(res.body));
    });
  }, []);

  async function revoke(t: TokenView) {
    const res = await api<TokenView>('DELETE', `/api/tokens/${encodeURIComponent(t.id)}`);
    if (!res.ok) return setRowErrors((p) => ({ ...p, [t.id]: res.error }));
    setRowErrors(({ [t.id]: _gone, ...rest }) => rest);
    // A token shown once and then revoked must not linger on screen (nor any other: the box is for one new token).
    setCreated(null);
    // Revoking this tab's own token needs nothing special: the reload's 401 sends the shell back to sign-in.
    await load();
  }

  if (loadError?.status === 403) {
    return (
      <section aria-labelledby="tok-h">
        <h1 id="tok-h">Tokens</h1>
        <p>Only admin tokens can see and manage tokens. Ask an administrator for a token with the admin scope.</p>
        <ErrorView error={loadError} />
      </section>
    );
  }

  const shown = tokens ? pageSlice(tokens, page, size) : [];
  return (
    <section aria-labelledby="tok-h">
      <h1 id="tok-h">Tokens</h1>
      <p className="hint">API tokens for people and programs. The hub stores only a hash; a token is shown once, when it is created.</p>
      {created && <OnceBox name={created.name} token={created.token} onDone={() => setCreated(null)} />}
      {loadError && <ErrorView error={loadError} />}
      {!tokens && !loadError && <p role="status">Loading tokens…</p>}
      {tokens && tokens.length === 0 && <p>No tokens to show. Create one below.</p>}
      {tokens && tokens.length > 0 && (
        <>
          <div className="table-wrap">
            <table aria-label="Tokens">
              <thead>
                <tr><th scope="col">Name</th><th scope="col">Scopes</th><th scope="col">Organizations</th><th scope="col">Created</th><th scope="col">Expires</th><th scope="col">Last used</th><th scope="col">Status</th><th scope="col">Actions</th></tr>
              </thead>
              <tbody>
                {shown.map((t) => (
                  <tr key={t.id} data-token-id={t.id} data-token-name={t.name}>
                    <td>{t.name}{t.id === session.token_id && <> <em>(this session)</em></>}<div className="hint mono">{t.id}</div></td>
                    <td className="scopes">{scopeSummary(t.scopes)}</td>
                    <td>{organizationSummary(t.organization_ids, names)}</td>
                    <td><time dateTime={t.created_at}>{formatTime(t.created_at)}</time></td>
                    <td className="expires">{expiryText(t.expires_at, t.revoked_at)}</td>
                    <td>{t.last_used_at ? <time dateTime={t.last_used_at}>{formatTime(t.last_used_at)}</time> : 'Never'}</td>
                    <td className="status">{t.revoked_at ? <>Revoked <time dateTime={t.revoked_at}>{formatTime(t.revoked_at)}</time></> : tokenStateText(t)}</td>
                    <td>
                      {!t.revoked_at && (
                        <ConfirmButton
                          label="Revoke"
                          confirmLabel="Yes, revoke"
                          question={t.id === session.token_id ? `Revoke “${t.name}”, the token you are signed in with? You will be signed out.` : `Revoke “${t.name}”? Programs using it stop working at once.`}
                          onConfirm={() => revoke(t)}
                        />
                      )}
                      {rowErrors[t.id] && <ErrorView error={rowErrors[t.id]!} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager label="Tokens" page={page} size={size} total={tokens.length} onPage={setPage} onSize={(s) => { setSize(s); setPage(1); }} />
        </>
      )}
      <TokenCreateForm organizations={orgs} onCreated={(t) => { setCreated(t); void load(); }} />
    </section>
  );
}
