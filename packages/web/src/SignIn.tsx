import { useState, type FormEvent } from 'react';
import { api, storeToken, type ApiError } from './api-client.ts';
import type { Session } from './session.ts';
import { ErrorView } from './ui/ErrorView.tsx';

/** Asks for an API token once and checks it against the hub (`GET /api/tokens/current`) before keeping it. */
export function SignIn({ onSignedIn, notice }: { onSignedIn: (token: string, session: Session) => void; notice?: string | null }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    storeToken(token.trim());
    const res = await api<Session>('GET', '/api/tokens/current');
    setBusy(false);
    // The check's answer is the session: the shell need not ask again.
    if (res.ok) onSignedIn(token.trim(), res.body);
    else { storeToken(null); setError(res.error); }
  }
  return (
    <main>
      <h1>Sign in to duohub</h1>
      {notice && <p role="status" className="warn">{notice}</p>}
      <form onSubmit={submit}>
        <label htmlFor="token">API token</label>
        <input id="token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} required aria-describedby="token-where" />
        <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
      <div id="token-where" className="token-where">
        <p>Where a token comes from:</p>
        <ul>
          <li><code>duohub demo</code> prints one (with a sign-in link) when it starts;</li>
          <li>an admin creates one with <code>duohub tokens create --name you --scopes operate</code> or on the Tokens page;</li>
          <li>a new hub’s first admin token: the one <code>duohub serve</code> printed once on first start (or your <code>DUOHUB_ADMIN_TOKEN</code>).</li>
        </ul>
      </div>
      {error && <ErrorView error={error} />}
    </main>
  );
}
