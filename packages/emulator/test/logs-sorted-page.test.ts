import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/random.js';
import { byTimeThenId, compareIds, listRows, sortedPage, type PageQuery, type SortedRows } from '../src/logs/sorted-page.js';

interface Row {
  ts: number;
  id: string;
  even: boolean;
}

/** Rows with many equal times, so ids decide the order often. */
function rows(n: number, seed: number, prefix: string): Row[] {
  const r = createRandom(seed);
  const out: Row[] = [];
  for (let i = 0; i < n; i++) out.push({ ts: 1_000 + Math.floor(r() * 40), id: `${prefix}${Math.floor(r() * 1e6).toString(36)}-${i}`, even: i % 2 === 0 });
  return byTimeThenId(out, (x) => x.ts, (x) => x.id);
}

function source(list: Row[], filter?: (x: Row) => boolean): SortedRows<Row> {
  const s = listRows(list, (x) => x.ts, (x) => x.id, (x) => x);
  if (filter) s.matches = (i) => filter(list[i]!);
  return s;
}

/** Ground truth: every row of every source in the window, filtered, in order. */
function brute(lists: Row[][], q: Omit<PageQuery, 'limit' | 'cursor'>, filter?: (x: Row) => boolean): Row[] {
  const all = lists.flat().filter((x) => x.ts >= q.mintime && x.ts <= q.maxtime && (!filter || filter(x)));
  all.sort((a, b) => a.ts - b.ts || compareIds(a.id, b.id));
  return q.sort === 'asc' ? all : all.reverse();
}

function walk(sources: SortedRows<Row>[], q: Omit<PageQuery, 'cursor'>): { ids: string[]; totals: Set<number> } {
  const ids: string[] = [];
  const totals = new Set<number>();
  let cursor: PageQuery['cursor'];
  for (let n = 0; n < 1000; n++) {
    const page = sortedPage(sources, { ...q, ...(cursor ? { cursor } : {}) });
    totals.add(page.total);
    ids.push(...page.items.map((x) => x.id));
    expect(page.items.length).toBeLessThanOrEqual(q.limit);
    if (!page.more) break;
    cursor = page.last;
  }
  return { ids, totals };
}

describe('sortedPage', () => {
  it.each([
    ['asc', 7, undefined],
    ['desc', 7, undefined],
    ['asc', 1, undefined],
    ['desc', 13, (x: Row) => x.even],
    ['asc', 5, (x: Row) => x.even],
  ] as const)('walks two merged sources %s, %i a page (filtered: %s) and finds every row once', (sort, limit, filter) => {
    const a = rows(120, 1, 'a');
    const b = rows(80, 2, 'b');
    const q = { mintime: 1_005, maxtime: 1_030, sort, limit };
    const want = brute([a, b], q, filter);
    const { ids, totals } = walk([source(a, filter), source(b, filter)], q);
    expect(ids).toEqual(want.map((x) => x.id));
    expect([...totals]).toEqual([want.length]);
  });

  it('says no more on the last page and gives no cursor on an empty one', () => {
    const a = rows(10, 3, 'a');
    const all = sortedPage([source(a)], { mintime: 0, maxtime: 10_000, sort: 'asc', limit: 10 });
    expect(all.more).toBe(false);
    expect(all.items).toHaveLength(10);
    const none = sortedPage([source(a)], { mintime: 5_000, maxtime: 6_000, sort: 'asc', limit: 10 });
    expect(none).toEqual({ items: [], total: 0, more: false });
  });

  it('keeps a cursor valid when rows are added before it', () => {
    const a = rows(30, 4, 'a');
    const q = { mintime: 0, maxtime: 10_000, sort: 'asc' as const, limit: 10 };
    const first = sortedPage([source(a)], q);
    const later = byTimeThenId([...a, { ts: 900, id: 'early', even: true }], (x) => x.ts, (x) => x.id);
    const second = sortedPage([source(later)], { ...q, cursor: first.last! });
    expect(second.items[0]!.id).toBe(a[10]!.id);
  });
});
