import { useState } from 'react';
import { setQuery, useLocation } from '../../router.ts';
import { can, useSession } from '../../session.ts';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { Link } from '../../ui/Link.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { useApiData } from '../../ui/use-api-data.ts';
import type { BulkPage, BulkRunView } from './bulk-types.ts';
import { BulkStatusBadge } from './BulkStatusBadge.tsx';
import { formatWhen } from './format-when.ts';

const RUN_STATUSES = ['planned', 'queued', 'running', 'paused', 'completed', 'cancelled'] as const;

/** `/bulk`: the runs, newest first, filtered by status and paged by the hub's cursor. */
export function BulkRunList() {
  const session = useSession();
  const loc = useLocation();
  const status = loc.query.get('status') ?? '';
  const [size, setSize] = useState(25);
  // The hub pages by cursor: the cursors of the pages before this one make Previous work.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const q = new URLSearchParams({ limit: String(size) });
  if (status) q.set('status', status);
  if (cursor) q.set('cursor', cursor);
  const runs = useApiData<BulkPage<BulkRunView>>(`/api/bulk-runs?${q}`);

  return (
    <section className="bulk" aria-labelledby="bulk-title">
      <h1 id="bulk-title">Bulk runs</h1>
      <p className="hint">
        One action over many organizations or users: planned first (every call listed), approved where required, then run exactly as planned.
        Start one here, or from a coverage drill-down (“Send enrollment to these users”).
      </p>
      <div className="bulk-toolbar">
        {can(session, 'operate') ? <Link className="bulk-new-link" to="/bulk/new">New run</Link> : <span className="hint">Planning a run needs the operate scope.</span>}
        <div>
          <label htmlFor="bulk-status-filter">Status</label>
          <select id="bulk-status-filter" value={status} onChange={(e) => { setCursors([null]); setQuery({ status: e.target.value }); }}>
            <option value="">Any</option>
            {RUN_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
      </div>
      {runs.state === 'loading' && <p role="status">Loading runs…</p>}
      {runs.state === 'error' && <ErrorView error={runs.error} />}
      {runs.state === 'ok' && runs.data.items.length === 0 && cursors.length === 1 && (
        <p className="empty">{status ? `No ${status} runs.` : 'No bulk runs yet.'}</p>
      )}
      {runs.state === 'ok' && (runs.data.items.length > 0 || cursors.length > 1) && (
        <>
          <div className="table-wrap">
            <table className="bulk-runs">
              <caption>Bulk runs, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">Status</th>
                  <th scope="col">Summary</th>
                  <th scope="col">Done</th>
                  <th scope="col">Failed</th>
                  <th scope="col">Items</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {runs.data.items.map((r) => (
                  <tr key={r.id} data-run={r.id}>
                    <th scope="row"><Link to={`/bulk/${encodeURIComponent(r.id ?? '')}`}>{r.title || r.action_id || r.id}</Link></th>
                    <td><BulkStatusBadge of="run" status={r.status} /></td>
                    <td>{r.summary}</td>
                    <td>{r.counts.done}</td>
                    <td>{r.counts.failed}</td>
                    <td>{r.counts.total}</td>
                    <td>{formatWhen(r.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label="Bulk runs"
            page={cursors.length}
            size={size}
            hasNext={runs.data.next_cursor !== null}
            onPage={(p) => setCursors((c) => (p < c.length ? c.slice(0, p) : [...c, runs.data.next_cursor]))}
            onSize={(s) => { setSize(s); setCursors([null]); }}
          />
        </>
      )}
    </section>
  );
}
