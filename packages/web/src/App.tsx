import { Suspense, useEffect, useRef, useState } from 'react';
import { api, storeToken, storedToken, TOKEN_REFUSED_EVENT, type ApiError } from './api-client.ts';
import { PAGES, pageFor } from './pages.tsx';
import { navigate, useLocation } from './router.ts';
import { SessionContext, type Session } from './session.ts';
import { SignIn } from './SignIn.tsx';
import { ErrorView } from './ui/ErrorView.tsx';
import { Link } from './ui/Link.tsx';

/** The UI shell: sign-in until a token is stored and accepted, then the nav and the routed page; `notice` shows on the sign-in page. */
export function App({ notice: initialNotice = null }: { notice?: string | null } = {}) {
  const [token, setToken] = useState(storedToken());
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(initialNotice);
  const loc = useLocation();

  // Only a signed-in tab is signed out by a refused token; a sign-in attempt reports its own error.
  const signedIn = useRef(false);
  signedIn.current = session !== null;
  useEffect(() => {
    const refused = () => {
      if (!signedIn.current) return;
      signOut();
      setNotice('The hub no longer accepts this token (it may have been revoked). Sign in with a valid one.');
    };
    window.addEventListener(TOKEN_REFUSED_EVENT, refused);
    return () => window.removeEventListener(TOKEN_REFUSED_EVENT, refused);
  }, []);

  // A stored token from an earlier visit is checked here; a fresh sign-in hands its session over.
  useEffect(() => {
    if (!token || session) return;
    let live = true;
    void api<Session>('GET', '/api/tokens/current').then((res) => {
      if (!live) return;
      if (res.ok) setSession(res.body);
      else if (res.error.status === 401) signOut();
      else setError(res.error);
    });
    return () => { live = false; };
  }, [token]);

  const pages = session ? PAGES.filter((p) => !p.visible || p.visible(session)) : [];
  const current = pageFor(loc.path, pages);
  // Unknown paths (and `/`) land on the first page the session may see.
  useEffect(() => {
    if (session && !current && pages[0]) navigate(pages[0].path, { replace: true });
  }, [session, current, pages]);

  function signOut() {
    storeToken(null);
    setToken(null);
    setSession(null);
  }

  if (!token) return <SignIn notice={notice} onSignedIn={(t, s) => { storeToken(t); setSession(s); setToken(t); setNotice(null); }} />;
  if (!session) return <main>{error ? <ErrorView error={error} /> : <p>Loading…</p>}</main>;

  const Page = current?.component;
  return (
    <SessionContext.Provider value={session}>
      <a className="skip" href="#main">Skip to content</a>
      <header>
        <strong>duohub</strong>
        <nav aria-label="Pages">
          <ul>
            {pages.map((p) => (
              <li key={p.path}><Link to={p.path} aria-current={p === current ? 'page' : undefined}>{p.label}</Link></li>
            ))}
          </ul>
        </nav>
        <button type="button" onClick={signOut}>Sign out</button>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p>Loading…</p>}>{current && Page && <Page key={current.path} />}</Suspense>
      </main>
    </SessionContext.Provider>
  );
}
