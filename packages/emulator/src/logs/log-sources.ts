import type { Account, AuthLogEntry } from '../state/types.js';
import { historyOf, type HistoryRow } from './history-rows.js';
import type { HistoryKind } from './history-columns.js';
import type { ActivityLogEntry, AdminLogEntry, OfflineEnrollmentEntry, TelephonyLogEntry, TrustMonitorEventRecord } from './log-records.js';
import { logsOf } from './logs-of.js';
import { byTimeThenId, listRows, sortedPage, type PageQuery, type PageResult, type SortedRows } from './sorted-page.js';

/** A row filter over decoded entries; absent: every row. */
export type RowFilter<E> = ((entry: E) => boolean) | undefined;

function live<E>(rows: readonly E[], ts: (e: E) => number, id: (e: E) => string, filter: RowFilter<E>): SortedRows<E> {
  const kept = filter ? rows.filter(filter) : [...rows];
  return listRows(byTimeThenId(kept, ts, id), ts, id, (e) => e);
}

function history<K extends HistoryKind>(account: Account, kind: K, filter: RowFilter<HistoryRow<K>>): SortedRows<HistoryRow<K>> | undefined {
  const h = historyOf(account, kind);
  if (!h) return undefined;
  const rows: SortedRows<HistoryRow<K>> = { length: h.length, ts: h.ts, id: h.id, item: h.row };
  if (filter) rows.matches = (i) => filter(h.row(i));
  return rows;
}

function both<E>(a: SortedRows<E>, b: SortedRows<E> | undefined): SortedRows<E>[] {
  return b ? [a, b] : [a];
}

/** The authentication log: the account's rows and its generated history. */
export function authSources(account: Account, filter?: RowFilter<AuthLogEntry>): SortedRows<AuthLogEntry>[] {
  return both(
    live(account.auth_log, (e) => e.timestamp_ms, (e) => e.txid, filter),
    history(account, 'authentication', filter as RowFilter<HistoryRow<'authentication'>>),
  );
}

/** The telephony log. */
export function telephonySources(account: Account): SortedRows<TelephonyLogEntry>[] {
  return both(
    live(logsOf(account).telephony, (e) => e.ts_ms, (e) => e.telephony_id, undefined),
    history(account, 'telephony', undefined),
  );
}

/** The administrator log. */
export function administratorSources(account: Account): SortedRows<AdminLogEntry>[] {
  return both(
    live(logsOf(account).administrator, (e) => e.ts_ms, (e) => e.id, undefined),
    history(account, 'administrator', undefined),
  );
}

/** The activity log. */
export function activitySources(account: Account): SortedRows<ActivityLogEntry>[] {
  return both(
    live(logsOf(account).activity, (e) => e.ts_ms, (e) => e.activity_id, undefined),
    history(account, 'activity', undefined),
  );
}

/** The offline enrollment log (no generated history: Duo Windows Logon offline access is rare). */
export function offlineEnrollmentSources(account: Account): SortedRows<OfflineEnrollmentEntry>[] {
  return [live(logsOf(account).offline_enrollment, (e) => e.ts_ms, (e) => e.id, undefined)];
}

/** Trust Monitor events, by surfaced time, optionally of one type. */
export function trustMonitorSources(account: Account, type: string | undefined): SortedRows<TrustMonitorEventRecord>[] {
  const filter = type === undefined ? undefined : (e: TrustMonitorEventRecord) => e.type === type;
  return [live(logsOf(account).trust_monitor, (e) => e.surfaced_timestamp, (e) => e.sekey, filter)];
}

/**
 * A v1 page: the `limit` oldest rows in the window; with `wholeSecond`, every further row of the last
 * row's second too, so that asking again from that second + 1 (as Duo documents) skips nothing.
 */
export function v1Page<E>(sources: ReadonlyArray<SortedRows<E>>, window: { mintime: number; maxtime: number }, limit: number, wholeSecond: boolean): PageResult<E> {
  const first = sortedPage(sources, { ...window, sort: 'asc', limit });
  if (!wholeSecond || !first.more || !first.last) return first;
  const endOfSecond = Math.floor(first.last.ts / 1000) * 1000 + 999;
  const query: PageQuery = { mintime: window.mintime, maxtime: Math.min(window.maxtime, endOfSecond), sort: 'asc', limit: Number.MAX_SAFE_INTEGER, cursor: first.last };
  const rest = sortedPage(sources, query);
  const page: PageResult<E> = { items: [...first.items, ...rest.items], total: first.total, more: first.more };
  const last = rest.last ?? first.last;
  page.last = last;
  return page;
}
