import { useEffect, useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api-client.ts';
import { ErrorView } from '../ui/ErrorView.tsx';

const KINDS = ['admin', 'accounts', 'auth'] as const;
type Kind = (typeof KINDS)[number];
const KIND_LABEL: Record<Kind, string> = { admin: 'Admin API', accounts: 'Accounts API', auth: 'Auth API' };

interface SetCheck { kind: Kind; status: string; ok: boolean; message: string; missing_grants?: string[] }
interface CheckReport { ok: boolean; checked_at: string; sets: SetCheck[] }
interface SetView { api_host: string; integration_key: string; secret_key_hint: string }
interface Integration {
  id: string;
  name: string;
  base_url: string | null;
  admin?: SetView | null;
  accounts?: SetView | null;
  auth?: SetView | null;
  last_check?: CheckReport | null;
}
type SetForm = { api_host: string; integration_key: string; secret_key: string };
const emptySet = (): SetForm => ({ api_host: '', integration_key: '', secret_key: '' });

/** Per-set check results with their diagnosis. */
function CheckResults({ report }: { report: CheckReport }) {
  return (
    <ul aria-label="Check results">
      {report.sets.map((s) => (
        <li key={s.kind} className={s.ok ? 'ok' : 'error'} data-kind={s.kind} data-status={s.status}>
          {KIND_LABEL[s.kind]}: <strong>{s.status}</strong> — {s.message}
          {s.missing_grants?.length ? ` (missing: ${s.missing_grants.join(', ')})` : ''}
        </li>
      ))}
    </ul>
  );
}

/** Integrations: list, add (checked on save), test connection, delete with confirmation. */
export function IntegrationsPage() {
  const [items, setItems] = useState<Integration[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [sets, setSets] = useState<Record<Kind, SetForm>>({ admin: emptySet(), accounts: emptySet(), auth: emptySet() });
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<CheckReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [rowReports, setRowReports] = useState<Record<string, CheckReport | ApiError>>({});

  async function load() {
    const res = await api<{ items: Integration[] } | Integration[]>('GET', '/api/integrations');
    if (res.ok) setItems(Array.isArray(res.body) ? res.body : res.body.items);
    else setLoadError(res.error);
  }
  useEffect(() => { void load(); }, []);

  function setField(kind: Kind, field: keyof SetForm, value: string) {
    setSets((prev) => ({ ...prev, [kind]: { ...prev[kind], [field]: value } }));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setSaveError(null);
    setReport(null);
    const body: Record<string, unknown> = { name };
    if (baseUrl.trim()) body.base_url = baseUrl.trim();
    for (const k of KINDS) {
      const s = sets[k];
      if (s.api_host || s.integration_key || s.secret_key) body[k] = s;
    }
    const res = await api<Integration>('POST', '/api/integrations', body);
    setBusy(false);
    if (res.ok) {
      if (res.body.last_check) setReport(res.body.last_check);
      // Secrets leave the form once saved; the list shows only their hints.
      setSets({ admin: emptySet(), accounts: emptySet(), auth: emptySet() });
      setName('');
      setBaseUrl('');
      void load();
    } else {
      setSaveError(res.error);
      const d = res.error.details as CheckReport | undefined;
      if (res.error.code === 'integration_check_failed' && d && Array.isArray(d.sets)) setReport(d);
    }
  }

  async function test(id: string) {
    const res = await api<CheckReport | Integration>('POST', `/api/integrations/${id}/test`);
    const value = res.ok ? ('sets' in res.body ? res.body : res.body.last_check) : res.error;
    if (value) setRowReports((p) => ({ ...p, [id]: value }));
  }

  async function remove(it: Integration) {
    if (!window.confirm(`Delete integration "${it.name}"?`)) return;
    const res = await api('DELETE', `/api/integrations/${it.id}`);
    if (res.ok) void load();
    else setRowReports((p) => ({ ...p, [it.id]: res.error }));
  }

  return (
    <section aria-labelledby="int-h">
      <h1 id="int-h">Integrations</h1>
      {loadError && <ErrorView error={loadError} />}
      {!items && !loadError && <p>Loading…</p>}
      {items && items.length === 0 && <p>No integrations yet. Add one below.</p>}
      {items && items.length > 0 && (
        <table>
          <thead><tr><th>Name</th><th>Credentials</th><th>Last check</th><th>Actions</th></tr></thead>
          <tbody>
            {items.map((it) => {
              const rr = rowReports[it.id];
              return (
                <tr key={it.id}>
                  <td>{it.name}</td>
                  <td>{KINDS.map((k) => { const s = it[k]; return s ? <div key={k}>{KIND_LABEL[k]}: {s.api_host} / {s.integration_key} / secret {s.secret_key_hint}</div> : null; })}</td>
                  <td>
                    {rr && 'sets' in rr ? <CheckResults report={rr} /> : it.last_check ? <CheckResults report={it.last_check} /> : '—'}
                    {rr && !('sets' in rr) && <ErrorView error={rr} />}
                  </td>
                  <td>
                    <button type="button" onClick={() => void test(it.id)}>Test connection</button>
                    <button type="button" onClick={() => void remove(it)}>Delete</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>Add an integration</h2>
      <form onSubmit={save} aria-label="Add an integration">
        <label htmlFor="int-name">Name</label>
        <input id="int-name" value={name} onChange={(e) => setName(e.target.value)} required />
        <label htmlFor="int-base">Base URL (optional)</label>
        <input id="int-base" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://api-xxxx.duosecurity.com" />
        {KINDS.map((k) => (
          <fieldset key={k}>
            <legend>{KIND_LABEL[k]}</legend>
            <label htmlFor={`${k}-host`}>{KIND_LABEL[k]} host</label>
            <input id={`${k}-host`} value={sets[k].api_host} onChange={(e) => setField(k, 'api_host', e.target.value)} />
            <label htmlFor={`${k}-ikey`}>{KIND_LABEL[k]} integration key</label>
            <input id={`${k}-ikey`} value={sets[k].integration_key} onChange={(e) => setField(k, 'integration_key', e.target.value)} />
            <label htmlFor={`${k}-skey`}>{KIND_LABEL[k]} secret key</label>
            <input id={`${k}-skey`} type="password" autoComplete="off" value={sets[k].secret_key} onChange={(e) => setField(k, 'secret_key', e.target.value)} />
          </fieldset>
        ))}
        <button type="submit" disabled={busy}>{busy ? 'Checking…' : 'Save'}</button>
      </form>
      {saveError && <ErrorView error={saveError} />}
      {report && <div aria-live="polite"><p className={report.ok ? 'ok' : 'error'}>{report.ok ? 'All checks passed; saved.' : 'Checks failed.'}</p><CheckResults report={report} /></div>}
    </section>
  );
}
