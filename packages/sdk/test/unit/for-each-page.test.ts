import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { cursorPages, forEachPage, offsetPages, paginated, type DuoResponse, type LogCursor, type Page } from '../../src/index.js';

// A full collection, as `node --expose-gc` gives it, so the test can see what is still reachable.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Answers the walk's requests one by one (`rounds` of them); after each, once the walk has handed out
 * the page and gone back to waiting, collects garbage and asserts no page handed out so far (each
 * tracked in `seen`) is still reachable. `check` adds assertions of its own at that point.
 */
async function answerAndExpectNoneHeld(gates: Array<() => void>, seen: Array<WeakRef<object>>, rounds: number, check?: () => void): Promise<void> {
  for (let answered = 1; answered <= rounds; answered++) {
    while (gates.length === 0) await tick();
    gates.shift()!();
    while (seen.length < answered) await tick();
    await tick();
    gc();
    check?.();
    expect(seen.map((ref) => ref.deref() !== undefined)).toEqual(seen.map(() => false));
  }
}

/** A Duo list of `total` items whose pages are answered only when the test says so. */
function gatedList(total: number) {
  const gates: Array<() => void> = [];
  const signals: AbortSignal[] = [];
  const fetchPage = (offset: number, limit: number, signal: AbortSignal) => {
    signals.push(signal);
    return new Promise<DuoResponse<Array<{ n: number }>>>((resolve) => {
      gates.push(() => {
        const count = Math.max(0, Math.min(limit, total - offset));
        const next = offset + count < total ? offset + count : undefined;
        resolve({
          stat: 'OK',
          response: Array.from({ length: count }, (_, i) => ({ n: offset + i })),
          metadata: { total_objects: total, ...(next !== undefined ? { next_offset: next } : {}) },
        } as unknown as DuoResponse<Array<{ n: number }>>);
      });
    });
  };
  return { gates, signals, fetchPage };
}

describe('forEachPage over offsetPages', () => {
  it.each([1, 4])('holds no page while the next is awaited (concurrency %i)', async (concurrency) => {
    const list = gatedList(1_000);
    const seen: Array<WeakRef<object>> = [];
    const numbers: number[] = [];
    const done = forEachPage(offsetPages({ fetchPage: list.fetchPage, pageSize: 100, concurrency }), (page: Page<{ n: number }>) => {
      seen.push(new WeakRef(page.items));
      numbers.push(...page.items.map((item) => item.n));
    });
    // Every page handed out so far, the latest included, is garbage while the walk waits.
    await answerAndExpectNoneHeld(list.gates, seen, 10);
    await done;
    expect(numbers).toEqual(Array.from({ length: 1_000 }, (_, i) => i));
  });

  it('a handler that throws ends the walk and cancels its prefetches', async () => {
    const list = gatedList(1_000);
    const walk = forEachPage(offsetPages({ fetchPage: list.fetchPage, pageSize: 100, concurrency: 3 }), () => {
      throw new Error('stop here');
    });
    while (list.gates.length === 0) await tick();
    list.gates.shift()!();
    await expect(walk).rejects.toThrow('stop here');
    // The first page's answer requested the next three; the walk aborted them.
    expect(list.signals.length).toBe(4);
    expect(list.signals.slice(1).every((signal) => signal.aborted)).toBe(true);
  });

  it('a walk that fails passes the error on after the pages before it', async () => {
    let calls = 0;
    const pages: number[] = [];
    const walk = forEachPage(
      offsetPages({
        pageSize: 2,
        fetchPage: async (offset) => {
          calls += 1;
          if (offset >= 4) throw new Error('Duo went away');
          return { stat: 'OK', response: [{ n: offset }, { n: offset + 1 }], metadata: { next_offset: offset + 2 } } as unknown as DuoResponse<Array<{ n: number }>>;
        },
      }),
      (page) => void pages.push(page.items.length),
    );
    await expect(walk).rejects.toThrow('Duo went away');
    expect(pages).toEqual([2, 2]);
    expect(calls).toBe(3);
  });

  it('holds no log page while the next is awaited (cursorPages)', async () => {
    const gates: Array<() => void> = [];
    const fetchPage = (cursor: LogCursor | undefined) =>
      new Promise<DuoResponse<unknown>>((resolve) => {
        const from = cursor === undefined ? 0 : Number(String(cursor).split(',')[1]);
        gates.push(() => {
          const items = Array.from({ length: 100 }, (_, i) => ({ n: from + i }));
          const next = from + 100 < 500 ? `1700000000000,${from + 100}` : null;
          resolve({ status: 200, response: { items, metadata: { next_offset: next } } });
        });
      });
    const seen: Array<WeakRef<object>> = [];
    const done = forEachPage(cursorPages<{ n: number }>({ fetchPage, itemsKey: 'items' }), (page) => void seen.push(new WeakRef(page.items)));
    await answerAndExpectNoneHeld(gates, seen, 5);
    await done;
    expect(seen).toHaveLength(5);
  });
});

describe('a paginated list walked item by item', () => {
  it('holds no page while the next is awaited, and stops the walk when the caller breaks', async () => {
    const list = gatedList(500);
    const walk = offsetList(list);
    const seen: Array<WeakRef<object>> = [];
    let current: object | undefined;
    const items = (async () => {
      let count = 0;
      for await (const item of walk) {
        count += 1;
        if (item.n % 100 === 0) seen.push(new WeakRef((current = item)));
        current = undefined;
        if (count === 350) break;
      }
      return count;
    })();
    // The walk goes through each page (its items take microtasks, the collection a timer later) and
    // waits for the next: no page walked so far, the latest included, is reachable.
    await answerAndExpectNoneHeld(list.gates, seen, 4, () => expect(current).toBeUndefined());
    expect(await items).toBe(350);
    // Breaking off ended the walk: its prefetch of the fifth page was cancelled.
    expect(list.signals.at(-1)!.aborted).toBe(true);
  });
});

/** The SDK's item view over an offset walk of `list` (pages of 100, one in flight ahead). */
function offsetList(list: ReturnType<typeof gatedList>) {
  return paginated(() => offsetPages({ fetchPage: list.fetchPage, pageSize: 100, concurrency: 2 }));
}

// Promises that fulfilled with a page can stay reachable after their value is taken (see
// src/pagination/release.ts); these tests keep every such promise, as a lingering holder would, and
// check that none of them still leads to a page once the walk has handed it on.
describe('what a page came through lets go of it', () => {
  it('offsetPages: each answer lets go of its items once the walk has built the page', async () => {
    const kept: Array<Promise<DuoResponse<number[]>>> = [];
    const fetchPage = (offset: number, limit: number) => {
      const count = Math.max(0, Math.min(limit, 250 - offset));
      const answer = Promise.resolve<DuoResponse<number[]>>({
        status: 200,
        response: Array.from({ length: count }, (_, i) => offset + i),
        metadata: { total_objects: 250, ...(offset + count < 250 ? { next_offset: offset + count } : {}) },
      });
      kept.push(answer);
      return answer;
    };
    const received: number[] = [];
    await forEachPage(offsetPages({ fetchPage, pageSize: 100, concurrency: 2 }), (page) => {
      received.push(...page.items);
    });
    expect(received).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(kept).toHaveLength(3);
    for (const answer of kept) {
      const res = await answer;
      expect(res.response).toBeUndefined();
      // What the walk reads besides the items stays: a caller holding the answer still sees its paging.
      expect(res.metadata?.['total_objects']).toBe(250);
    }
  });

  it('forEachPage: the iterator result lets go of the page; the handler keeps it as long as it likes', async () => {
    const kept: Array<Promise<IteratorResult<Page<number>>>> = [];
    let n = 0;
    const pages: AsyncIterable<Page<number>> = {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          const result = Promise.resolve<IteratorResult<Page<number>>>(n < 3 ? { done: false, value: { items: [n, n], offset: 2 * n++ } } : { done: true, value: undefined });
          kept.push(result);
          return result;
        },
      }),
    };
    const handled: Array<Page<number>> = [];
    await forEachPage(pages, (page) => {
      handled.push(page);
    });
    expect(handled.map((p) => p.items)).toEqual([[0, 0], [1, 1], [2, 2]]);
    for (const result of kept.slice(0, 3)) expect((await result).value).toBeUndefined();
  });
});
