import type { AuthLogEntry } from '../state/types.js';

/** A v2 authentication-log query after its parameters were read and checked. */
export interface AuthlogQuery {
  /** Inclusive window, epoch ms. */
  mintime: number;
  maxtime: number;
  limit: number;
  sort: 'ts:asc' | 'ts:desc';
  /** The last row of the previous page: `[ms timestamp, txid]`. */
  cursor?: { ts: number; txid: string };
  /** Each present filter keeps rows whose field is one of its values. */
  users?: ReadonlySet<string>;
  results?: ReadonlySet<string>;
  factors?: ReadonlySet<string>;
  reasons?: ReadonlySet<string>;
  applications?: ReadonlySet<string>;
  eventTypes?: ReadonlySet<string>;
  /** Group filter, already turned into the ids of the groups' members. */
  groupMembers?: ReadonlySet<string>;
}

/** One page: the rows, how many match in all, and the cursor to the next page (absent on the last). */
export interface AuthlogPage {
  rows: AuthLogEntry[];
  total: number;
  next?: [string, string];
}

/** The fields of a row the authentication log's filters read. */
export interface AuthlogFilterFields {
  user_id: string | null;
  result: string;
  factor: string;
  reason: string;
  integration_key: string;
  event_type?: string | undefined;
}

/** Whether a row passes every filter of `q` that is present (the same rule for live rows and generated history). */
export function authlogMatches(e: AuthlogFilterFields, q: Omit<AuthlogQuery, 'mintime' | 'maxtime' | 'limit' | 'sort' | 'cursor'>): boolean {
  return (
    (!q.users || q.users.has(e.user_id ?? '')) &&
    (!q.groupMembers || q.groupMembers.has(e.user_id ?? '')) &&
    (!q.results || q.results.has(e.result)) &&
    (!q.factors || q.factors.has(e.factor)) &&
    (!q.reasons || q.reasons.has(e.reason)) &&
    (!q.applications || q.applications.has(e.integration_key)) &&
    (!q.eventTypes || q.eventTypes.has(e.event_type ?? 'authentication'))
  );
}

/** Orders rows by (timestamp, txid): a total order, so a cursor never skips or repeats a row. */
function compare(a: { timestamp_ms: number; txid: string }, b: { timestamp_ms: number; txid: string }): number {
  if (a.timestamp_ms !== b.timestamp_ms) return a.timestamp_ms - b.timestamp_ms;
  return a.txid < b.txid ? -1 : a.txid > b.txid ? 1 : 0;
}

/**
 * Selects one page of the authentication log: rows in the window that pass every filter, sorted,
 * strictly after the cursor in that order. Rows added later never shift a cursor already handed out.
 */
export function queryAuthlog(log: readonly AuthLogEntry[], q: AuthlogQuery): AuthlogPage {
  const matches = log.filter(
    (e) => e.timestamp_ms >= q.mintime && e.timestamp_ms <= q.maxtime && authlogMatches({ ...e, event_type: e.details?.event_type }, q),
  );
  const dir = q.sort === 'ts:asc' ? 1 : -1;
  matches.sort((a, b) => dir * compare(a, b));
  let start = 0;
  if (q.cursor) {
    const c = { timestamp_ms: q.cursor.ts, txid: q.cursor.txid };
    start = matches.findIndex((e) => dir * compare(e, c) > 0);
    if (start < 0) start = matches.length;
  }
  const rows = matches.slice(start, start + q.limit);
  const last = rows[rows.length - 1];
  const page: AuthlogPage = { rows, total: matches.length };
  if (last && start + rows.length < matches.length) page.next = [String(last.timestamp_ms), last.txid];
  return page;
}
