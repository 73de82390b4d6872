import { fetchJson, NETWORK_ERROR, storeToken } from './api-client.ts';

/** What a sign-in link did: nothing (no `#token=`), signed the tab in, or failed with a message for the sign-in page. */
export type FragmentSignIn = { kind: 'none' } | { kind: 'signed_in' } | { kind: 'failed'; message: string };

/** The one-time sign-in token of a `#token=dhs_...` fragment, or null when there is none. */
export function signInTokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim();
  return token ? token : null;
}

/**
 * Signs the tab in from a link such as `duohub demo` prints (`http://hub/#token=dhs_...`): the token
 * leaves the address bar first (history.replaceState: not in history, bookmarks or a shared
 * screenshot), then is traded once at `POST /api/sign-in/exchange` for an API token, stored as a
 * pasted token is. Runs before the app first reads the stored token.
 */
export async function signInFromFragment(win: Pick<Window, 'location' | 'history'> = window): Promise<FragmentSignIn> {
  const token = signInTokenFromHash(win.location.hash);
  if (!token) return { kind: 'none' };
  win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
  const answer = await fetchJson('POST', '/api/sign-in/exchange', { sign_in_token: token });
  if (!answer) return { kind: 'failed', message: `The sign-in link could not be used: ${NETWORK_ERROR.message}` };
  const body = answer.body as { token?: unknown; error?: { message?: string } } | undefined;
  if (answer.ok && typeof body?.token === 'string') {
    storeToken(body.token);
    return { kind: 'signed_in' };
  }
  return { kind: 'failed', message: body?.error?.message ?? `The sign-in link could not be used (HTTP ${answer.status}).` };
}
