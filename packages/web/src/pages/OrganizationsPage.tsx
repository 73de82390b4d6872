import { useEffect, useState } from 'react';
import { api, type ApiError } from '../api-client.ts';
import { ErrorView } from '../ui/ErrorView.tsx';

interface Organization {
  id: string;
  name: string;
  duo_account_id: string | null;
  duo_account_name: string | null;
  mapping_source: 'manual' | 'suggested' | null;
  mapping_confidence: number | null;
  duo_admin_api_directory_key_hint: string | null;
}
interface Suggestion { organization_id: string; status: string; duo_account_name: string | null; confidence: number; reason: string }
type List<T> = { items: T[] } | T[];
const items = <T,>(b: List<T>): T[] => (Array.isArray(b) ? b : b.items);

/** Organizations: the mapping table, suggestions for review and applying them. */
export function OrganizationsPage() {
  const [orgs, setOrgs] = useState<Organization[] | null>(null);
  const [integrations, setIntegrations] = useState<Array<{ id: string; name: string }>>([]);
  const [integrationId, setIntegrationId] = useState('');
  const [suggestions, setSuggestions] = useState<Record<string, Suggestion>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState('');

  async function load() {
    const [o, i] = await Promise.all([api<List<Organization>>('GET', '/api/organizations'), api<List<{ id: string; name: string }>>('GET', '/api/integrations')]);
    if (o.ok) setOrgs(items(o.body)); else setError(o.error);
    if (i.ok) { const list = items(i.body); setIntegrations(list); setIntegrationId((cur) => cur || list[0]?.id || ''); }
  }
  useEffect(() => { void load(); }, []);

  async function suggest() {
    setError(null);
    const res = await api<{ suggestions: Suggestion[] }>('GET', `/api/integrations/${integrationId}/mapping-suggestions`);
    if (!res.ok) return setError(res.error);
    setSuggestions(Object.fromEntries(res.body.suggestions.map((s) => [s.organization_id, s])));
    setNote(`${res.body.suggestions.length} suggestion(s) to review.`);
  }
  async function apply() {
    setError(null);
    const res = await api<{ applied: unknown[]; skipped: unknown[] }>('POST', `/api/integrations/${integrationId}/mapping-suggestions/apply`, { threshold: 0.8 });
    if (!res.ok) return setError(res.error);
    setNote(`Applied ${res.body.applied.length}, skipped ${res.body.skipped.length}.`);
    setSuggestions({});
    void load();
  }

  return (
    <section aria-labelledby="org-h">
      <h1 id="org-h">Organizations</h1>
      <label htmlFor="org-int">Integration</label>
      <select id="org-int" value={integrationId} onChange={(e) => setIntegrationId(e.target.value)}>
        {integrations.length === 0 && <option value="">No integrations</option>}
        {integrations.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
      </select>{' '}
      <button type="button" disabled={!integrationId} onClick={() => void suggest()}>Suggest</button>
      <button type="button" disabled={!integrationId} onClick={() => void apply()}>Apply</button>
      {note && <p aria-live="polite">{note}</p>}
      {error && <ErrorView error={error} />}
      {!orgs && !error && <p>Loading…</p>}
      {orgs && orgs.length === 0 && <p>No organizations yet.</p>}
      {orgs && orgs.length > 0 && (
        <table>
          <thead><tr><th>Organization</th><th>Duo child account</th><th>Confidence</th><th>Directory key</th><th>Suggestion</th></tr></thead>
          <tbody>
            {orgs.map((o) => {
              const s = suggestions[o.id];
              return (
                <tr key={o.id} data-org={o.name}>
                  <td>{o.name}</td>
                  <td className="mapped">{o.duo_account_name ?? o.duo_account_id ?? 'unmapped'}{o.mapping_source ? ` (${o.mapping_source})` : ''}</td>
                  <td>{o.mapping_confidence ?? '—'}</td>
                  <td>{o.duo_admin_api_directory_key_hint ?? '—'}</td>
                  <td>{s ? `${s.duo_account_name ?? 'none'} (${s.confidence}, ${s.status}): ${s.reason}` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
