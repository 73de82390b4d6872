import type { DuoResponse } from '../request/parse-duo-response.js';
import type { Page } from './paginated.js';
import { readTotal } from './read-total.js';
import { release, take } from './release.js';

/** How to walk an offset-paged list. */
export interface OffsetPagesInput<T> {
  /**
   * Fetches `limit` items from `offset`; must honour `signal` (prefetches are cancelled through it).
   * Return a fresh answer each time: the walk takes its items (`response` is cleared once the page
   * is built, see release.ts); `metadata` is left as it was.
   */
  fetchPage(offset: number, limit: number, signal: AbortSignal): Promise<DuoResponse<T[]>>;
  /** Items per request (the endpoint's maximum by default). */
  pageSize: number;
  /** Stop after this many items. */
  limit?: number | undefined;
  /** First offset. Default 0. */
  startOffset?: number | undefined;
  /** Pages in flight at once once `total_objects` is known. Default 1 (strictly sequential). */
  concurrency?: number | undefined;
  /** The caller's signal; aborting it stops the walk. */
  signal?: AbortSignal | undefined;
}

/**
 * Walks Duo's offset paging (`metadata.next_offset`), yielding pages in order. Sequential by
 * default; with `concurrency` > 1 and a known `total_objects`, the next pages are requested ahead
 * (at most `concurrency` at once) at the offsets the first page's stride predicts. The chain still
 * follows `next_offset`: a prefetched page is used only when its offset is the one Duo named, so a
 * surprise in page size costs a request, never an item. At most `concurrency` pages are held.
 */
export async function* offsetPages<T>(input: OffsetPagesInput<T>): AsyncGenerator<Page<T>> {
  const limit = input.limit ?? Number.POSITIVE_INFINITY;
  if (limit <= 0) return;
  const pageSize = Math.max(1, Math.min(input.pageSize, Number.isFinite(limit) ? limit : input.pageSize));
  const concurrency = Math.max(1, Math.floor(input.concurrency ?? 1));
  const controller = new AbortController();
  const onAbort = () => controller.abort(input.signal?.reason);
  input.signal?.addEventListener('abort', onAbort, { once: true });
  const ahead = new Map<number, Promise<DuoResponse<T[]>>>();
  const request = (offset: number) => {
    const promise = input.fetchPage(offset, pageSize, controller.signal);
    // A prefetch may be dropped unread; its failure must not become an unhandled rejection.
    promise.catch(() => {});
    return promise;
  };

  let offset = input.startOffset ?? 0;
  let remaining = limit;
  let stride: number | undefined;
  let end = Number.POSITIVE_INFINITY;
  let step: PageStep<T> | undefined;
  let page: Page<T> | undefined;
  try {
    while (remaining > 0) {
      let pending = ahead.get(offset);
      if (pending) ahead.delete(offset);
      else {
        ahead.clear();
        pending = request(offset);
      }
      // The page is built outside this frame and each reference dropped before the next await: a
      // suspended generator keeps the values of its registers, so a page left in one would stay in
      // memory until the next page arrives (one page per list for the whole wait, across a fleet).
      step = await readPage(pending, offset, remaining);
      pending = undefined;
      const { more, next, total, received } = step;
      remaining -= step.page.items.length;
      // Prefetch before yielding, so the network works while the caller handles this page.
      if (more && concurrency > 1 && total !== undefined) {
        stride ??= next! - offset;
        end = Math.min(total, offset + received + remaining);
        for (let k = 0, at = next!; k < concurrency && at < end; k++, at += stride) {
          if (!ahead.has(at)) ahead.set(at, request(at));
        }
      }
      page = take(step, 'page');
      step = undefined;
      yield page;
      page = undefined;
      if (!more) break;
      offset = next!;
    }
  } finally {
    input.signal?.removeEventListener('abort', onAbort);
    if (ahead.size > 0) controller.abort();
  }
}

/** One answer read as a page, and what it says about the rest of the walk. */
interface PageStep<T> {
  page: Page<T>;
  /** Items Duo returned (the page may hold fewer when `remaining` ends within it). */
  received: number;
  next: number | undefined;
  total: number | undefined;
  /** Whether another page follows. */
  more: boolean;
}

async function readPage<T>(pending: Promise<DuoResponse<T[]>>, offset: number, remaining: number): Promise<PageStep<T>> {
  const res = await pending;
  const items = Array.isArray(res.response) ? (res.response as T[]) : [];
  const next = readOffset(res.metadata?.['next_offset']);
  const total = readTotal(res.metadata?.['total_objects']);
  // The answer came up through the client's promises, each of which may hold it after its value is
  // taken: the page is carried on from here, so the answer lets go of it (see `release`).
  release(res, 'response');
  const taken = items.length > remaining ? items.slice(0, remaining) : items;
  const page: Page<T> = { items: taken, offset };
  if (next !== undefined) page.nextOffset = next;
  if (total !== undefined) page.totalObjects = total;
  if (res.metadata) page.metadata = res.metadata;
  const more = remaining - taken.length > 0 && items.length > 0 && next !== undefined && next > offset;
  return { page, received: items.length, next, total, more };
}

function readOffset(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}
