import { describe, expect, it } from 'vitest';
import { cursorPages, DuoAdminClient, offsetPages, type DuoResponse } from '../../src/index.js';
import { CREDS, fakeDuo, ok } from '../support/fake-duo.js';

/** A server of `total` numbered items that pages like Duo (max page `max`). */
function pagedServer(total: number, max = 300, options: { omitTotal?: boolean; nullNext?: boolean } = {}) {
  const calls: Array<{ offset: number; limit: number }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchPage = async (offset: number, limit: number): Promise<DuoResponse<number[]>> => {
    calls.push({ offset, limit });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // Later pages answer sooner, so in-order delivery is really tested.
    await new Promise((r) => setTimeout(r, Math.max(0, 5 - calls.length)));
    inFlight--;
    const size = Math.min(limit, max);
    const items = Array.from({ length: Math.max(0, Math.min(size, total - offset)) }, (_, i) => offset + i);
    const metadata: Record<string, unknown> = {};
    if (!options.omitTotal) metadata['total_objects'] = total;
    if (offset + items.length < total) metadata['next_offset'] = offset + items.length;
    else if (options.nullNext) metadata['next_offset'] = null;
    return { status: 200, response: items, metadata };
  };
  return { fetchPage, calls, maxInFlight: () => maxInFlight };
}

async function collect<T>(gen: AsyncIterable<{ items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of gen) out.push(...page.items);
  return out;
}

describe('offsetPages', () => {
  it('walks next_offset sequentially by default', async () => {
    const server = pagedServer(1000);
    const items = await collect(offsetPages({ fetchPage: server.fetchPage, pageSize: 300 }));
    expect(items).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(server.calls.map((c) => c.offset)).toEqual([0, 300, 600, 900]);
    expect(server.maxInFlight()).toBe(1);
  });

  it.each([
    ['limit inside a page', 1000, 5, 5, [0]],
    ['limit across pages', 1000, 450, 450, [0, 300]],
    ['limit zero', 1000, 0, 0, []],
    ['limit beyond the total', 10, 50, 10, [0]],
  ])('%s', async (_name, total, limit, count, offsets) => {
    const server = pagedServer(total);
    const items = await collect(offsetPages({ fetchPage: server.fetchPage, pageSize: 300, limit }));
    expect(items).toHaveLength(count);
    expect(items).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(server.calls.map((c) => c.offset)).toEqual(offsets);
  });

  it('asks only for what the limit needs', async () => {
    const server = pagedServer(1000);
    await collect(offsetPages({ fetchPage: server.fetchPage, pageSize: 300, limit: 7 }));
    expect(server.calls[0]!.limit).toBe(7);
  });

  it.each([
    ['missing next_offset', { omitTotal: false }],
    ['null next_offset', { nullNext: true }],
  ])('stops on %s', async (_name, options) => {
    const server = pagedServer(450, 300, options);
    const items = await collect(offsetPages({ fetchPage: server.fetchPage, pageSize: 300 }));
    expect(items).toHaveLength(450);
    expect(server.calls).toHaveLength(2);
  });

  it('stops on an empty page and on a next_offset that does not advance', async () => {
    let calls = 0;
    const stuck = async (offset: number): Promise<DuoResponse<number[]>> => {
      calls++;
      return { status: 200, response: [offset], metadata: { next_offset: offset } };
    };
    expect(await collect(offsetPages({ fetchPage: stuck, pageSize: 1 }))).toEqual([0]);
    expect(calls).toBe(1);
    const empty = async (): Promise<DuoResponse<number[]>> => ({ status: 200, response: [], metadata: { next_offset: 5 } });
    expect(await collect(offsetPages({ fetchPage: empty, pageSize: 1 }))).toEqual([]);
  });

  it('fetches ahead with concurrency, at most N in flight, yielding in order without gaps or repeats', async () => {
    const server = pagedServer(3000, 100);
    const items = await collect(offsetPages({ fetchPage: server.fetchPage, pageSize: 100, concurrency: 4 }));
    expect(items).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(server.maxInFlight()).toBe(4);
    expect(server.calls.map((c) => c.offset).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i * 100));
  });

  it('does not prefetch past the limit', async () => {
    const server = pagedServer(3000, 100);
    const items = await collect(offsetPages({ fetchPage: server.fetchPage, pageSize: 100, concurrency: 8, limit: 250 }));
    expect(items).toHaveLength(250);
    expect(server.calls.map((c) => c.offset).sort((a, b) => a - b)).toEqual([0, 100, 200]);
  });

  it('falls back to next_offset when the server pages smaller than asked', async () => {
    const server = pagedServer(1000, 100);
    // Asks for 300 but the server clamps to 100: the stride comes from the first answer.
    const items = await collect(offsetPages({ fetchPage: server.fetchPage, pageSize: 300, concurrency: 3 }));
    expect(items).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('stays sequential when the total is unknown', async () => {
    const server = pagedServer(500, 100, { omitTotal: true });
    const items = await collect(offsetPages({ fetchPage: server.fetchPage, pageSize: 100, concurrency: 4 }));
    expect(items).toHaveLength(500);
    expect(server.maxInFlight()).toBe(1);
  });

  it('aborts prefetches when the consumer stops early', async () => {
    const signals: AbortSignal[] = [];
    const server = pagedServer(10_000, 100);
    const fetchPage = (offset: number, limit: number, signal: AbortSignal) => {
      signals.push(signal);
      return server.fetchPage(offset, limit);
    };
    for await (const page of offsetPages({ fetchPage, pageSize: 100, concurrency: 3 })) {
      expect(page.offset).toBe(0);
      break;
    }
    expect(signals.at(-1)!.aborted).toBe(true);
    // The first page, then at most `concurrency` requested ahead.
    expect(server.calls.length).toBeLessThanOrEqual(4);
  });

  it('reports a failed page where it occurs, after the pages before it', async () => {
    const server = pagedServer(1000, 100);
    const fetchPage = (offset: number, limit: number) => (offset === 300 ? Promise.reject(new Error('page 4 failed')) : server.fetchPage(offset, limit));
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const page of offsetPages({ fetchPage, pageSize: 100, concurrency: 3 })) seen.push(...page.items);
      })(),
    ).rejects.toThrow('page 4 failed');
    expect(seen).toHaveLength(300);
  });
});

describe('cursorPages (v2 logs)', () => {
  function logServer(total: number, form: 'array' | 'string') {
    const cursors: Array<unknown> = [];
    const fetchPage = async (cursor: string | string[] | undefined): Promise<DuoResponse<unknown>> => {
      cursors.push(cursor);
      const start = cursor === undefined ? 0 : Number((Array.isArray(cursor) ? cursor[1] : cursor.split(',')[1]) ?? 0);
      const items = Array.from({ length: Math.min(3, total - start) }, (_, i) => ({ n: start + i }));
      const end = start + items.length;
      const next = end < total ? (form === 'array' ? ['1700000000000', String(end)] : `1700000000000,${end}`) : null;
      return { status: 200, response: { authlogs: items, items, metadata: { next_offset: next, total_objects: total } } };
    };
    return { fetchPage, cursors };
  }

  it.each(['array', 'string'] as const)('follows a %s cursor to the end', async (form) => {
    const server = logServer(8, form);
    const items = await collect(cursorPages<{ n: number }>({ fetchPage: server.fetchPage, itemsKey: 'authlogs' }));
    expect(items.map((i) => i.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(server.cursors[0]).toBeUndefined();
    expect(server.cursors[1]).toEqual(form === 'array' ? ['1700000000000', '3'] : '1700000000000,3');
  });

  it('stops at the limit and on a repeated cursor', async () => {
    const server = logServer(100, 'array');
    const items = await collect(cursorPages({ fetchPage: server.fetchPage, itemsKey: 'items', limit: 4 }));
    expect(items).toHaveLength(4);
    expect(server.cursors).toHaveLength(2);
    let calls = 0;
    const stuck = async (): Promise<DuoResponse<unknown>> => {
      calls++;
      return { status: 200, response: { items: [1], metadata: { next_offset: ['1', 'x'] } } };
    };
    await collect(cursorPages({ fetchPage: stuck, itemsKey: 'items' }));
    expect(calls).toBe(2);
  });
});

describe('Paginated on a client', () => {
  it('items, pages and toArray each start over; limit and pageSize reach the wire', async () => {
    const duo = fakeDuo((seen) => {
      const offset = Number(seen.url.searchParams.get('offset'));
      const limit = Number(seen.url.searchParams.get('limit'));
      const items = Array.from({ length: Math.min(limit, 5 - offset) }, (_, i) => ({ user_id: `DU${offset + i}`, username: `u${offset + i}` }));
      const metadata: Record<string, unknown> = { total_objects: 5 };
      if (offset + items.length < 5) metadata['next_offset'] = offset + items.length;
      return ok(items, metadata);
    });
    const admin = new DuoAdminClient({ ...CREDS, fetch: duo.fetch, pacing: false });
    const list = admin.users.list({ pageSize: 2 });
    const names: string[] = [];
    for await (const user of list) names.push(user.username);
    expect(names).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    const pages: number[] = [];
    for await (const page of list.pages()) pages.push(page.items.length);
    expect(pages).toEqual([2, 2, 1]);
    expect(await admin.users.list({ limit: 3 }).toArray()).toHaveLength(3);
    expect(duo.seen.at(-1)!.url.searchParams.get('limit')).toBe('3');
    await admin.users.list().toArray();
    expect(duo.seen.at(-1)!.url.searchParams.get('limit')).toBe('300');
  });

  it('sends the log cursor joined by default and repeated on request', async () => {
    const duo = fakeDuo((seen) =>
      ok({
        authlogs: [{ txid: 't' }],
        metadata: seen.url.searchParams.has('next_offset') ? {} : { next_offset: ['1700000000000', 'abc'] },
      }),
    );
    const admin = new DuoAdminClient({ ...CREDS, fetch: duo.fetch, pacing: false });
    const mintime = Date.UTC(2026, 0, 1);
    await admin.logs.authentication({ mintime, maxtime: mintime + 3_600_000 }).toArray();
    expect(duo.seen[1]!.url.searchParams.getAll('next_offset')).toEqual(['1700000000000,abc']);
    await admin.logs.authentication({ mintime, maxtime: mintime + 3_600_000, cursorStyle: 'repeated', users: ['DU1', 'DU2'] }).toArray();
    expect(duo.seen[3]!.url.searchParams.getAll('next_offset')).toEqual(['1700000000000', 'abc']);
    expect(duo.seen[3]!.url.searchParams.getAll('users')).toEqual(['DU1', 'DU2']);
    expect(duo.seen[2]!.url.searchParams.get('limit')).toBe('1000');
    expect(duo.seen.every((s) => s.signatureValid)).toBe(true);
  });
});
