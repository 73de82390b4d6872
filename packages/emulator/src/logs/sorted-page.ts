/** A log's rows in ascending (time, id) order, read by index: a live list or generated history. */
export interface SortedRows<T> {
  length: number;
  ts(i: number): number;
  id(i: number): string;
  item(i: number): T;
  /** Whether row `i` passes the query's filters; absent: every row does. */
  matches?: (i: number) => boolean;
}

/** One page request over one or more sources. Times are epoch ms, both ends inclusive. */
export interface PageQuery {
  mintime: number;
  maxtime: number;
  sort: 'asc' | 'desc';
  limit: number;
  /** The last row of the previous page: the page holds rows strictly after it in `sort` order. */
  cursor?: { ts: number; id: string };
}

/** One page: its rows, how many rows the window holds in all, and whether rows follow. */
export interface PageResult<T> {
  items: T[];
  total: number;
  /** The page's last row, for the next cursor; absent on an empty page. */
  last?: { ts: number; id: string };
  more: boolean;
}

/** Sorts live entries by (time, id) ascending, as `SortedRows` needs them. */
export function byTimeThenId<E>(rows: E[], ts: (e: E) => number, id: (e: E) => string): E[] {
  return rows.sort((a, b) => ts(a) - ts(b) || compareIds(id(a), id(b)));
}

/** Compares two ids as Duo's cursors order them (code units). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows from a list already sorted by `byTimeThenId`. */
export function listRows<E, T>(rows: readonly E[], ts: (e: E) => number, id: (e: E) => string, item: (e: E) => T): SortedRows<T> {
  return { length: rows.length, ts: (i) => ts(rows[i]!), id: (i) => id(rows[i]!), item: (i) => item(rows[i]!) };
}

/**
 * One page over several sorted sources, merged by (time, id): binary searches find the window and
 * the cursor, so an unfiltered page costs O(log n + limit) however long the history; a filtered one
 * scans the window once to count. Rows added later never shift a cursor already handed out.
 */
export function sortedPage<T>(sources: ReadonlyArray<SortedRows<T>>, q: PageQuery): PageResult<T> {
  const candidates: Array<{ src: SortedRows<T>; i: number; ts: number; id: string }> = [];
  let total = 0;
  let after = 0;
  for (const src of sources) {
    const lo = lowerBound(src, q.mintime);
    const hi = lowerBound(src, q.maxtime + 1);
    if (hi <= lo) continue;
    const [from, to] = afterCursor(src, lo, hi, q);
    total += countMatches(src, lo, hi);
    after += countMatches(src, from, to);
    let taken = 0;
    const step = q.sort === 'asc' ? 1 : -1;
    for (let i = step === 1 ? from : to - 1; i >= from && i < to && taken < q.limit; i += step) {
      if (src.matches && !src.matches(i)) continue;
      candidates.push({ src, i, ts: src.ts(i), id: src.id(i) });
      taken++;
    }
  }
  const dir = q.sort === 'asc' ? 1 : -1;
  candidates.sort((a, b) => dir * (a.ts - b.ts || compareIds(a.id, b.id)));
  const page = candidates.slice(0, q.limit);
  const result: PageResult<T> = { items: page.map((c) => c.src.item(c.i)), total, more: after > page.length };
  const last = page[page.length - 1];
  if (last) result.last = { ts: last.ts, id: last.id };
  return result;
}

/** First index whose time is at least `ts`. */
function lowerBound<T>(src: SortedRows<T>, ts: number): number {
  let lo = 0;
  let hi = src.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (src.ts(mid) < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The part of [lo, hi) that lies strictly after the cursor in the query's order. */
function afterCursor<T>(src: SortedRows<T>, lo: number, hi: number, q: PageQuery): [number, number] {
  const c = q.cursor;
  if (!c) return [lo, hi];
  let k = Math.min(Math.max(lowerBound(src, c.ts), lo), hi);
  if (q.sort === 'asc') {
    while (k < hi && src.ts(k) === c.ts && compareIds(src.id(k), c.id) <= 0) k++;
    return [k, hi];
  }
  while (k < hi && src.ts(k) === c.ts && compareIds(src.id(k), c.id) < 0) k++;
  return [lo, k];
}

function countMatches<T>(src: SortedRows<T>, from: number, to: number): number {
  if (to <= from) return 0;
  if (!src.matches) return to - from;
  let n = 0;
  for (let i = from; i < to; i++) if (src.matches(i)) n++;
  return n;
}
