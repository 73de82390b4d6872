import { useRef, useState } from 'react';
import { ErrorView } from '../../ui/ErrorView.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { useApiData } from '../../ui/use-api-data.ts';
import { ITEM_STATUSES, type BulkCounts, type BulkItemView, type BulkPage } from './bulk-types.ts';
import { BulkStatusBadge } from './BulkStatusBadge.tsx';
import { inputText, outcomeText } from './item-text.ts';

/**
 * A run's items, paged by the hub's cursor and filtered by status: the plan before it runs (target and
 * redacted input), the results after (status, attempts, outcome). `reloadKey` changes as the run moves,
 * so the page shown follows it.
 */
export function BulkItemsTable(props: { runId: string; counts: BulkCounts; planned: boolean; reloadKey: string }) {
  const { runId, counts, planned } = props;
  const [status, setStatus] = useState('');
  const [size, setSize] = useState(25);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const q = new URLSearchParams({ limit: String(size) });
  if (status) q.set('status', status);
  if (cursor) q.set('cursor', cursor);
  const itemsPath = `/api/bulk-runs/${encodeURIComponent(runId)}/items?${q}`;
  const loaded = useApiData<BulkPage<BulkItemView>>(itemsPath, props.reloadKey);
  // While a running run reloads the page shown, its rows stay until the new ones arrive (no flicker every
  // second); another filter, page or size shows "Loading" rather than rows that no longer match it.
  const lastOk = useRef<{ path: string; data: BulkPage<BulkItemView> } | null>(null);
  if (loaded.state === 'ok') lastOk.current = { path: itemsPath, data: loaded.data };
  const items = loaded.state === 'loading' && lastOk.current?.path === itemsPath ? { state: 'ok' as const, data: lastOk.current.data } : loaded;
  const shownTotal = status ? (counts[status as keyof BulkCounts] ?? 0) : counts.total;
  const caption = planned ? 'Every call the plan will make, in order' : 'Every call of the run and what became of it';

  return (
    <div className="bulk-items">
      <div className="bulk-toolbar">
        <div>
          <label htmlFor="bulk-item-status">Show</label>
          <select id="bulk-item-status" value={status} onChange={(e) => { setStatus(e.target.value); setCursors([null]); }}>
            <option value="">All items ({counts.total})</option>
            {ITEM_STATUSES.map((s) => <option key={s} value={s}>{s === 'review' ? 'needs review' : s} ({counts[s]})</option>)}
          </select>
        </div>
      </div>
      {items.state === 'error' && <ErrorView error={items.error} />}
      {items.state === 'loading' && <p role="status">Loading items…</p>}
      {items.state === 'ok' && (
        <>
          {items.data.items.length === 0 ? (
            <p className="empty">{status ? `No ${status === 'review' ? 'items needing review' : `${status} items`}.` : 'This run has no items.'}</p>
          ) : (
            <div className="table-wrap">
              <table className="bulk-item-table">
                <caption>{caption}{status ? ` (${status === 'review' ? 'needing review' : status} only)` : ''}</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Organization</th>
                    <th scope="col">Action</th>
                    <th scope="col">Target</th>
                    <th scope="col">Input</th>
                    <th scope="col">Status</th>
                    {!planned && <th scope="col">Attempts</th>}
                    {!planned && <th scope="col">Outcome</th>}
                  </tr>
                </thead>
                <tbody>
                  {items.data.items.map((it) => (
                    <tr key={it.seq} data-seq={it.seq} data-status={it.status} data-target={it.target ?? ''}>
                      <td>{it.seq}</td>
                      <td>{it.organization_name}</td>
                      <td><code>{it.action_id}</code></td>
                      <td>{it.target ?? '—'}</td>
                      <td className="mono bulk-input">{inputText(it.input)}</td>
                      <td><BulkStatusBadge of="item" status={it.status} /></td>
                      {!planned && <td>{it.attempts}</td>}
                      {!planned && <td className="bulk-outcome">{outcomeText(it)}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            label={planned ? 'Planned calls' : 'Results'}
            page={cursors.length}
            size={size}
            total={shownTotal}
            hasNext={items.data.next_cursor !== null}
            onPage={(p) => setCursors((c) => (p < c.length ? c.slice(0, p) : [...c, items.data.next_cursor]))}
            onSize={(s) => { setSize(s); setCursors([null]); }}
          />
        </>
      )}
    </div>
  );
}
