import { useState } from 'react';
import { storeToken, storedToken } from './api-client.ts';
import { SignIn } from './SignIn.tsx';
import { IntegrationsPage } from './IntegrationsPage.tsx';
import { OrganizationsPage } from './OrganizationsPage.tsx';

/** The UI shell: sign-in until a token is stored, then the pages. */
export function App() {
  const [token, setToken] = useState(storedToken());
  const [page, setPage] = useState<'integrations' | 'organizations'>('integrations');
  if (!token) return <SignIn onSignedIn={(t) => { storeToken(t); setToken(t); }} />;
  return (
    <>
      <header>
        <strong>duohub</strong>
        <nav aria-label="Pages"><button type="button" aria-current={page === 'integrations'} onClick={() => setPage('integrations')}>Integrations</button><button type="button" aria-current={page === 'organizations'} onClick={() => setPage('organizations')}>Organizations</button></nav>
        <button type="button" onClick={() => { storeToken(null); setToken(null); }}>Sign out</button>
      </header>
      <main>{page === 'integrations' ? <IntegrationsPage /> : <OrganizationsPage />}</main>
    </>
  );
}
