import type { TestHub } from '../../helpers/test-hub.js';
import type { LogRow } from './log-event-fixture.js';

/** A search item as the API returns it. */
export interface ApiLogItem {
  id: string;
  occurred_at: string;
  organization_id: string | null;
  username: string | null;
  event: unknown;
  [key: string]: unknown;
}

/** Every item of a search, page by page (`limit` per page), checking each page's shape on the way. */
export async function searchAll(t: TestHub, query: string, options: { token?: string; limit?: number } = {}): Promise<{ items: ApiLogItem[]; pages: number }> {
  const items: ApiLogItem[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = query ? '&' : '';
    const res = await t.api('GET', `/api/logs?${query}${sep}limit=${options.limit ?? 1000}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: options.token });
    if (res.status !== 200) throw new Error(`search ${query} -> ${res.status} ${res.text}`);
    items.push(...(res.body.items as ApiLogItem[]));
    cursor = res.body.next_cursor;
    pages++;
    if (pages > 10_000) throw new Error('paging does not end');
  } while (cursor);
  return { items, pages };
}

/** Ids of rows, for comparing lists in order. */
export const idsOf = (rows: ReadonlyArray<{ id: string }>) => rows.map((r) => r.id);

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

/** The dashboard a list of stored rows should give (authentication rows only), computed here independently. */
export function expectedDashboard(rows: readonly LogRow[], options: { since: number; until?: number; offsetMinutes?: number }) {
  const auth = rows.filter((r) => r.log_type === 'authentication' && r.occurred_at >= options.since && (options.until === undefined || r.occurred_at < options.until));
  const count = (result: string) => auth.filter((r) => r.result === result).length;
  const factors = new Map<string, number>();
  for (const r of auth) if (r.factor) factors.set(r.factor, (factors.get(r.factor) ?? 0) + 1);
  const days = new Map<string, { total: number; results: Record<string, number> }>();
  const offset = (options.offsetMinutes ?? 0) * 60_000;
  for (const r of auth) {
    const day = new Date(Math.floor((r.occurred_at + offset) / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
    const d = days.get(day) ?? { total: 0, results: {} };
    d.total++;
    const key = r.result ?? 'none';
    d.results[key] = (d.results[key] ?? 0) + 1;
    days.set(day, d);
  }
  const users = new Map<string, { username: string; denied: number; fraud: number; failures: number; last: number }>();
  for (const r of auth) {
    if (!r.username || (r.result !== 'denied' && r.result !== 'fraud')) continue;
    const u = users.get(r.username) ?? { username: r.username, denied: 0, fraud: 0, failures: 0, last: 0 };
    if (r.result === 'denied') u.denied++;
    else u.fraud++;
    u.failures++;
    u.last = Math.max(u.last, r.occurred_at);
    users.set(r.username, u);
  }
  return {
    totals: { authentications: auth.length, success: count('success'), denied: count('denied'), fraud: count('fraud') },
    factors: [...factors.entries()].map(([factor, n]) => ({ factor, count: n })).sort((a, b) => (a.factor < b.factor ? -1 : 1)),
    results_by_day: [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, v]) => ({ day, ...v })),
    top_failing_users: [...users.values()]
      .sort((a, b) => b.failures - a.failures || (a.username < b.username ? -1 : 1))
      .slice(0, 10)
      .map((u) => ({ username: u.username, denied: u.denied, fraud: u.fraud, failures: u.failures, last_failure_at: new Date(u.last).toISOString() })),
  };
}
