import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, apiDownload, fetchJson, listItems, type ApiError } from '../api-client.ts';
import { setQuery, useLocation } from '../router.ts';
import { can, useSession } from '../session.ts';
import { ErrorView } from '../ui/ErrorView.tsx';
import { Pager } from '../ui/Pager.tsx';
import {
  AUDIT_OUTCOMES,
  auditApiPath,
  hasAuditFilters,
  isoToLocalInput,
  localInputToIso,
  readAuditFilters,
  readAuditLimit,
  type AuditFilters,
} from './audit/audit-filters.ts';
import { failureReason, targetLabel, type AuditNames } from './audit/audit-names.ts';
import { formatTime } from './audit/format-time.ts';
// The hub's own answer type: a type-only import, so nothing of the hub reaches the bundle.
import type { AuditEntry } from '../../../hub/src/audit/audit-schemas.ts';
import './audit/audit.css';

// Actions the hub records, offered as suggestions; entries seen on screen are added to them.
const KNOWN_ACTIONS = [
  'integrations.create', 'integrations.update', 'integrations.delete', 'integrations.test',
  'organizations.create', 'organizations.update', 'organizations.delete', 'organizations.apply_suggestions',
  'mfa_methods.create', 'mfa_methods.write', 'mfa_methods.delete', 'mfa.verify',
  'reports.mfa_coverage.run', 'reports.mfa_coverage.cancel', 'tokens.create', 'tokens.revoke', 'tokens.bootstrap',
];

/** The audit log: filters kept in the URL (so a view is linkable), cursor paging, CSV export. */
export function AuditPage() {
  const session = useSession();
  const loc = useLocation();
  const queryKey = loc.query.toString();
  const filters = useMemo(() => readAuditFilters(loc.query), [queryKey]);
  const limit = readAuditLimit(loc.query);
  const [draft, setDraft] = useState<AuditFilters>(filters);
  // Cursors of the pages after the first, in order: page n is fetched with trail[n - 2].
  const [trail, setTrail] = useState<string[]>([]);
  const [page, setPage] = useState<{ items: AuditEntry[]; next_cursor: string | null } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const [orgs, setOrgs] = useState<Array<{ id: string; name: string }>>([]);
  const [tokens, setTokens] = useState<Array<{ id: string; name: string }> | null>(null);
  const [integrations, setIntegrations] = useState<Array<{ id: string; name: string }>>([]);
  const [methods, setMethods] = useState<Array<{ id: string; name: string }>>([]);
  const [seenActions, setSeenActions] = useState<string[]>([]);
  const orgNames = useMemo(() => new Map(orgs.map((o) => [o.id, o.name])), [orgs]);
  const tokenNames = useMemo(() => new Map((tokens ?? []).map((t) => [t.id, t.name])), [tokens]);
  const names: AuditNames = useMemo(
    () => ({
      organization: orgNames,
      token: tokenNames,
      integration: new Map(integrations.map((i) => [i.id, i.name])),
      mfa_method: new Map(methods.map((m) => [m.id, m.name])),
    }),
    [orgNames, tokenNames, integrations, methods],
  );
  const cursor = trail.length > 0 ? trail[trail.length - 1]! : null;

  useEffect(() => {
    void api<{ items: Array<{ id: string; name: string }> }>('GET', '/api/organizations').then((r) => r.ok && setOrgs(listItems(r.body)));
    if (can(session, 'admin')) void api<{ items: Array<{ id: string; name: string }> }>('GET', '/api/tokens').then((r) => r.ok && setTokens(listItems(r.body)));
    // Names beside ids: tokens limited to organizations may not list integrations, and then see ids.
    if (session.organization_ids === null) {
      void api<{ items: Array<{ id: string; name: string }> }>('GET', '/api/integrations').then((r) => r.ok && setIntegrations(listItems(r.body)));
      // MFA methods live behind the Vault-compatible API; an empty list answers 404, which leaves ids as they are.
      void fetchJson('GET', '/v1/identity/mfa/method/duo?list=true').then((r) => {
        const info = (r?.ok ? (r.body as { data?: { key_info?: Record<string, { method_name?: string }> } }).data?.key_info : undefined) ?? {};
        setMethods(Object.entries(info).filter(([, m]) => m.method_name).map(([id, m]) => ({ id, name: m.method_name! })));
      });
    }
  }, []);

  // A new filter set (from the form, a link, Back) starts again at the first page.
  useEffect(() => {
    setDraft(filters);
    setTrail([]);
  }, [queryKey]);

  useEffect(() => {
    let live = true;
    setPage(null);
    setError(null);
    void api<{ items: AuditEntry[]; next_cursor: string | null }>('GET', auditApiPath(filters, { limit, cursor })).then((res) => {
      if (!live) return;
      if (!res.ok) return setError(res.error);
      setPage(res.body);
      setSeenActions((prev) => [...new Set([...prev, ...res.body.items.map((e) => e.action)])]);
    });
    return () => { live = false; };
  }, [queryKey, cursor]);

  function apply(e: FormEvent) {
    e.preventDefault();
    setQuery({ ...draft });
  }
  function clear() {
    setQuery({ action: null, outcome: null, organization_id: null, token_id: null, since: null, until: null });
  }
  function set<K extends keyof AuditFilters>(key: K, value: string) {
    setDraft((d) => ({ ...d, [key]: value }));
  }
  async function exportCsv() {
    setExportError(await apiDownload(auditApiPath(filters, { format: 'csv' }), 'duohub-audit.csv'));
  }

  const actions = [...new Set([...KNOWN_ACTIONS, ...seenActions])].sort();
  const filtered = hasAuditFilters(filters);
  return (
    <section aria-labelledby="audit-h">
      <h1 id="audit-h">Audit log</h1>
      <form className="audit-filters" onSubmit={apply} aria-label="Audit filters">
        <div>
          <label htmlFor="af-action">Action</label>
          <input id="af-action" list="af-actions" value={draft.action} onChange={(e) => set('action', e.target.value)} placeholder="e.g. tokens.create" />
          <datalist id="af-actions">{actions.map((a) => <option key={a} value={a} />)}</datalist>
        </div>
        <div>
          <label htmlFor="af-outcome">Outcome</label>
          <select id="af-outcome" value={draft.outcome} onChange={(e) => set('outcome', e.target.value)}>
            <option value="">Any outcome</option>
            {AUDIT_OUTCOMES.map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="af-org">Organization</label>
          <select id="af-org" value={draft.organization_id} onChange={(e) => set('organization_id', e.target.value)}>
            <option value="">Any organization</option>
            {draft.organization_id && !orgNames.has(draft.organization_id) && <option value={draft.organization_id}>{draft.organization_id}</option>}
            {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </div>
        <div>
          {tokens ? (
            <>
              <label htmlFor="af-token">Actor (token)</label>
              <select id="af-token" value={draft.token_id} onChange={(e) => set('token_id', e.target.value)}>
                <option value="">Any actor</option>
                {draft.token_id && !tokenNames.has(draft.token_id) && <option value={draft.token_id}>{draft.token_id}</option>}
                {tokens.map((t) => <option key={t.id} value={t.id}>{t.name} ({t.id})</option>)}
              </select>
            </>
          ) : (
            <>
              <label htmlFor="af-token">Actor token id</label>
              <input id="af-token" value={draft.token_id} onChange={(e) => set('token_id', e.target.value)} placeholder="tok_…" />
            </>
          )}
        </div>
        <div>
          <label htmlFor="af-since">From (inclusive)</label>
          <input id="af-since" type="datetime-local" value={isoToLocalInput(draft.since)} onChange={(e) => set('since', localInputToIso(e.target.value))} />
        </div>
        <div>
          <label htmlFor="af-until">Until (exclusive)</label>
          <input id="af-until" type="datetime-local" value={isoToLocalInput(draft.until)} onChange={(e) => set('until', localInputToIso(e.target.value))} />
        </div>
        <div className="audit-filter-buttons">
          <button type="submit">Apply filters</button>
          <button type="button" onClick={clear} disabled={!filtered}>Clear filters</button>
          <button type="button" onClick={() => void exportCsv()}>Export CSV</button>
        </div>
      </form>
      {exportError && <ErrorView error={exportError} />}
      {error && <ErrorView error={error} />}
      {!page && !error && <p role="status">Loading entries…</p>}
      {page && page.items.length === 0 && (
        <p className="empty" role="status">
          {trail.length > 0
            ? 'No more entries. Go back to the previous page.'
            : filtered
              ? 'No entries match these filters. Widen the time range or clear some filters.'
              : 'No audit entries yet. Changes made through the hub (integrations, organizations, methods, tokens, actions) appear here.'}
        </p>
      )}
      {page && page.items.length > 0 && (
        <div className="table-wrap">
          <table aria-label="Audit entries" className="audit-table">
            <thead>
              <tr><th scope="col">Time</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Organization</th><th scope="col">Outcome</th></tr>
            </thead>
            <tbody>
              {page.items.map((e) => {
                const target = targetLabel(e.target_type, e.target_id, names);
                const reason = failureReason(e.outcome, e.inputs);
                return (
                  <tr key={e.id} data-audit-id={e.id} data-action={e.action} data-outcome={e.outcome}>
                    <td><time dateTime={e.at}>{formatTime(e.at)}</time></td>
                    <td>{(e.token_id && tokenNames.get(e.token_id)) || e.actor}{e.token_id && <div className="hint mono">{e.token_id}</div>}</td>
                    <td>
                      <span className="mono">{e.action}</span>
                      {e.inputs !== null && e.inputs !== undefined && (
                        <details className="audit-inputs">
                          <summary>Inputs</summary>
                          <pre>{JSON.stringify(e.inputs, null, 2)}</pre>
                        </details>
                      )}
                    </td>
                    <td className="audit-target">
                      {target.kind === null && target.id === null ? '—' : (
                        <>
                          {target.kind ?? ''}{target.kind && (target.name ?? target.id) ? ' ' : ''}{target.name ?? target.id ?? ''}
                          {target.name && target.id && <div className="hint mono">{target.id}</div>}
                        </>
                      )}
                    </td>
                    <td>
                      {e.organization_id ? (
                        <>{orgNames.get(e.organization_id) ?? e.organization_id}{orgNames.has(e.organization_id) && <div className="hint mono">{e.organization_id}</div>}</>
                      ) : '—'}
                    </td>
                    <td className={`outcome outcome-${e.outcome}`}>
                      {e.outcome}{e.error_code ? ` (${e.error_code})` : ''}
                      {reason && <div className="audit-reason">{reason}</div>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {(page || trail.length > 0) && (
        <Pager
          label="Audit log"
          page={trail.length + 1}
          size={limit}
          hasNext={Boolean(page?.next_cursor)}
          onPage={(n) => {
            if (n > trail.length + 1 && page?.next_cursor) setTrail((t) => [...t, page.next_cursor!]);
            else if (n < trail.length + 1) setTrail((t) => t.slice(0, n - 1));
          }}
          onSize={(s) => setQuery({ limit: s })}
        />
      )}
    </section>
  );
}
