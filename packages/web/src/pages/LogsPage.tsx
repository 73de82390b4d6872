import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, apiDownload, listItems, type ApiError } from '../api-client.ts';
import { setQuery, useLocation } from '../router.ts';
import { ErrorView } from '../ui/ErrorView.tsx';
import { isoToLocalInput, localInputToIso } from './audit/audit-filters.ts';
import { formatTime } from './audit/format-time.ts';
import { LogsDashboard } from './logs/LogsDashboard.tsx';
import {
  exportFileName,
  LOG_PAGE_SIZE,
  LOG_RANGES,
  LOG_RESULTS,
  LOG_TYPES,
  logFiltersToQuery,
  logsApiPath,
  logsDashboardPath,
  logsExportPath,
  readLogFilters,
  resultTone,
  type LogFilters,
  type LogRange,
} from './logs/log-filters.ts';
// The hub's own answer type: a type-only import, so nothing of the hub reaches the bundle.
import type { LogItem } from '../../../hub/src/logs/search/to-log-item.ts';
import './logs/logs.css';

const CLEARED: LogFilters = { organization_id: '', username: '', q: '', log_type: '', result: '', range: '7d', since: '', until: '' };

/**
 * Duo's logs kept by the hub: filters in the URL (a view is a link), newest first with "Load more"
 * (the API's cursor), exports of the same filters, and the authentication dashboard of the chosen
 * organization and range.
 */
export function LogsPage() {
  const loc = useLocation();
  const queryKey = loc.query.toString();
  const filters = useMemo(() => readLogFilters(loc.query), [queryKey]);
  // Relative ranges ("last 7 days") are fixed when the filters are applied, so paging and exports agree.
  const now = useMemo(() => Date.now(), [queryKey]);
  const [draft, setDraft] = useState<LogFilters>(filters);
  const [items, setItems] = useState<LogItem[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [exportState, setExportState] = useState<{ busy: string | null; done: string; error: ApiError | null }>({ busy: null, done: '', error: null });
  const [orgs, setOrgs] = useState<Array<{ id: string; name: string }>>([]);
  const orgNames = useMemo(() => new Map(orgs.map((o) => [o.id, o.name])), [orgs]);

  useEffect(() => {
    void api<{ items: Array<{ id: string; name: string }> }>('GET', '/api/organizations').then((r) => r.ok && setOrgs(listItems(r.body)));
  }, []);

  useEffect(() => {
    setDraft(filters);
    let live = true;
    setItems(null);
    setNext(null);
    setError(null);
    void api<{ items: LogItem[]; next_cursor: string | null }>('GET', logsApiPath(filters, now, { limit: LOG_PAGE_SIZE })).then((res) => {
      if (!live) return;
      if (!res.ok) return setError(res.error);
      setItems(res.body.items);
      setNext(res.body.next_cursor);
    });
    return () => { live = false; };
  }, [queryKey]);

  async function loadMore() {
    if (!next) return;
    setLoadingMore(true);
    const res = await api<{ items: LogItem[]; next_cursor: string | null }>('GET', logsApiPath(filters, now, { limit: LOG_PAGE_SIZE, cursor: next }));
    setLoadingMore(false);
    if (!res.ok) return setError(res.error);
    setItems((prev) => [...(prev ?? []), ...res.body.items]);
    setNext(res.body.next_cursor);
  }
  function apply(e: FormEvent) {
    e.preventDefault();
    setQuery(logFiltersToQuery({ ...draft, username: draft.username.trim(), q: draft.q.trim() }));
  }
  function set<K extends keyof LogFilters>(key: K, value: LogFilters[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
  }
  async function download(format: 'csv' | 'jsonl') {
    const name = exportFileName(format, new Date());
    setExportState({ busy: format, done: '', error: null });
    const err = await apiDownload(logsExportPath(filters, now, format), name);
    setExportState({ busy: null, done: err ? '' : `Downloaded ${name}.`, error: err });
  }

  const scope = filters.organization_id ? (orgNames.get(filters.organization_id) ?? filters.organization_id) : 'all organizations';
  const rangeLabel = LOG_RANGES.find((r) => r.id === filters.range)?.label ?? '';
  return (
    <section aria-labelledby="logs-h" className="logs">
      <h1 id="logs-h">Logs</h1>
      <p className="hint">Duo&apos;s authentication, administrator, telephony and other logs, as the hub keeps them. Times are in your time zone.</p>
      <form className="logs-filters" onSubmit={apply} aria-label="Log filters">
        <div>
          <label htmlFor="lf-org">Organization</label>
          <select id="lf-org" value={draft.organization_id} onChange={(e) => set('organization_id', e.target.value)}>
            <option value="">All organizations</option>
            {draft.organization_id && !orgNames.has(draft.organization_id) && <option value={draft.organization_id}>{draft.organization_id}</option>}
            {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="lf-user">User</label>
          <input id="lf-user" value={draft.username} onChange={(e) => set('username', e.target.value)} placeholder="exact username" autoComplete="off" />
        </div>
        <div>
          <label htmlFor="lf-q">Text</label>
          <input id="lf-q" value={draft.q} onChange={(e) => set('q', e.target.value)} placeholder="in username or event type" autoComplete="off" />
        </div>
        <div>
          <label htmlFor="lf-type">Type</label>
          <select id="lf-type" value={draft.log_type} onChange={(e) => set('log_type', e.target.value)}>
            <option value="">All types</option>
            {LOG_TYPES.map((t) => <option key={t} value={t}>{t.replace(/_/g, ' ')}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="lf-result">Result</label>
          <select id="lf-result" value={draft.result} onChange={(e) => set('result', e.target.value)}>
            <option value="">Any result</option>
            {LOG_RESULTS.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="lf-range">Time range</label>
          <select id="lf-range" value={draft.range} onChange={(e) => set('range', e.target.value as LogRange)}>
            {LOG_RANGES.map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
          </select>
        </div>
        {draft.range === 'custom' && (
          <>
            <div>
              <label htmlFor="lf-since">From (inclusive)</label>
              <input id="lf-since" type="datetime-local" value={isoToLocalInput(draft.since)} onChange={(e) => set('since', localInputToIso(e.target.value))} />
            </div>
            <div>
              <label htmlFor="lf-until">Until (exclusive)</label>
              <input id="lf-until" type="datetime-local" value={isoToLocalInput(draft.until)} onChange={(e) => set('until', localInputToIso(e.target.value))} />
            </div>
          </>
        )}
        <div className="logs-filter-buttons">
          <button type="submit">Apply filters</button>
          <button type="button" onClick={() => setQuery(logFiltersToQuery(CLEARED))}>Clear filters</button>
        </div>
      </form>

      <div className="logs-exports" aria-label="Export">
        <button type="button" disabled={exportState.busy !== null} onClick={() => void download('csv')}>{exportState.busy === 'csv' ? 'Exporting…' : 'Export CSV'}</button>
        <button type="button" disabled={exportState.busy !== null} onClick={() => void download('jsonl')}>{exportState.busy === 'jsonl' ? 'Exporting…' : 'Export JSON lines'}</button>
        <span role="status" className="ok">{exportState.done}</span>
        {exportState.error && <ErrorView error={exportState.error} />}
      </div>

      <LogsDashboard key={`${queryKey}|${now}`} path={logsDashboardPath(filters, now, -new Date(now).getTimezoneOffset())} scope={`${scope}, ${rangeLabel.toLowerCase()}`} onUser={(u) => setQuery({ ...logFiltersToQuery(filters), username: u })} />

      <h2>Entries</h2>
      {error && <ErrorView error={error} />}
      {!items && !error && <p role="status">Loading entries…</p>}
      {items && items.length === 0 && (
        <p className="empty" role="status">No log entries match these filters. Widen the time range or clear some filters; entries appear once the hub has synced Duo&apos;s logs.</p>
      )}
      {items && items.length > 0 && (
        <div className="table-wrap">
          <table aria-label="Log entries">
            <thead>
              <tr>
                <th scope="col">Time</th><th scope="col">Type</th><th scope="col">Organization</th><th scope="col">User</th><th scope="col">Application</th>
                <th scope="col">Factor</th><th scope="col">Result</th><th scope="col">Reason</th><th scope="col">IP</th><th scope="col">Event</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} data-log-id={e.id} data-result={e.result ?? ''}>
                  <td><time dateTime={e.occurred_at}>{formatTime(e.occurred_at)}</time></td>
                  <td>{e.log_type.replace(/_/g, ' ')}{e.event_type && e.event_type !== e.log_type && <div className="hint mono">{e.event_type}</div>}</td>
                  <td>{e.organization_id ? (orgNames.get(e.organization_id) ?? e.organization_id) : <span className="hint mono">{e.duo_account_id}</span>}</td>
                  <td>{e.username ?? '—'}</td>
                  <td>{e.application ?? '—'}</td>
                  <td className="mono">{e.factor ?? '—'}</td>
                  <td>{e.result ? <span className={`badge badge-${resultTone(e.result)}`}>{e.result}</span> : '—'}</td>
                  <td className="mono">{e.reason ?? '—'}</td>
                  <td className="mono">{e.ip ?? '—'}</td>
                  <td><details><summary>Show</summary><pre>{JSON.stringify(e.event, null, 2)}</pre></details></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items && items.length > 0 && (
        <div className="logs-more">
          <span aria-live="polite">Showing {items.length} {items.length === 1 ? 'entry' : 'entries'}{next ? '' : ' (all that match)'}</span>
          {next && <button type="button" onClick={() => void loadMore()} disabled={loadingMore}>{loadingMore ? 'Loading…' : 'Load more'}</button>}
        </div>
      )}
    </section>
  );
}
