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
        <input id="token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} required />
        <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
      {error && <ErrorView error={error} />}
    </main>
  );
}
