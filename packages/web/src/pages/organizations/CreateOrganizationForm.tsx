import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../../api-client.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { fieldIssues, issueFor } from '../../ui/field-issues.ts';
import type { Organization } from './organization-types.ts';
import { parseDomains } from './parse-domains.ts';

/** Creates an organization from a name and optional email domains (the domains help Suggest find its account). */
export function CreateOrganizationForm({ onCreated }: { onCreated(o: Organization): void }) {
  const [name, setName] = useState('');
  const [domains, setDomains] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const issues = fieldIssues(error?.details);
  const nameIssue = issueFor(issues, 'name');
  const domainsIssue = issueFor(issues, 'email_domains');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await api<Organization>('POST', '/api/organizations', { name: name.trim(), email_domains: parseDomains(domains) });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setName('');
    setDomains('');
    onCreated(res.body);
  }

  return (
    <form onSubmit={submit} aria-label="Create an organization" className="org-create">
      <div className="field">
        <label htmlFor="org-new-name">Organization name</label>
        <input id="org-new-name" value={name} onChange={(e) => setName(e.target.value)} required aria-describedby={nameIssue ? 'org-new-name-issue' : undefined} />
        {nameIssue && <p id="org-new-name-issue" className="error field-issue">{nameIssue}</p>}
      </div>
      <div className="field">
        <label htmlFor="org-new-domains">Email domains (optional)</label>
        <input
          id="org-new-domains"
          value={domains}
          onChange={(e) => setDomains(e.target.value)}
          placeholder="acme.com, acme.io"
          aria-describedby={['org-new-domains-help', domainsIssue ? 'org-new-domains-issue' : ''].filter(Boolean).join(' ')}
        />
        <p id="org-new-domains-help" className="help">Separate with commas or spaces; Suggest compares them with the users' email domains in Duo.</p>
        {domainsIssue && <p id="org-new-domains-issue" className="error field-issue">{domainsIssue}</p>}
      </div>
      <button type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create organization'}</button>
      {error && <ErrorView error={error} />}
    </form>
  );
}
