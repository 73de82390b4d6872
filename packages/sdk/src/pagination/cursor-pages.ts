import type { DuoResponse } from '../request/parse-duo-response.js';
import type { Page } from './paginated.js';
import { readTotal } from './read-total.js';
import { release, take } from './release.js';

/** A v2 log cursor as Duo sends it: `[ts, txid]` (authentication logs) or `"ts,offset"` (others). */
export type LogCursor = string | string[];

/** How to walk a v2 log list. */
export interface CursorPagesInput {
  /**
   * Fetches one page from `cursor` (undefined for the first). Return a fresh answer each time: the
   * walk takes its items (the `itemsKey` list is cleared once the page is built, see release.ts).
   */
  fetchPage(cursor: LogCursor | undefined, signal: AbortSignal | undefined): Promise<DuoResponse<unknown>>;
  /** Where the items are inside `response`: `authlogs` or `items`. */
  itemsKey: string;
  limit?: number | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Walks Duo's v2 log cursor: `response.metadata.next_offset` (inside `response`, unlike v1).
 * Stops on a missing, null or empty cursor, an empty page, the caller's limit, or a cursor that
 * repeats (a server that does not advance would otherwise loop forever).
 */
export async function* cursorPages<T>(input: CursorPagesInput): AsyncGenerator<Page<T>> {
  let remaining = input.limit ?? Number.POSITIVE_INFINITY;
  let cursor: LogCursor | undefined;
  const seen = new Set<string>();
  // Each page is built outside this frame and dropped before the next await (see offsetPages): a
  // suspended generator keeps its registers' values, so a page left in one would wait with it.
  let step: CursorStep<T> | undefined;
  let page: Page<T> | undefined;
  while (remaining > 0) {
    step = await readCursorPage<T>(input, cursor, remaining);
    const { next, received } = step;
    remaining -= step.page.items.length;
    page = take(step, 'page');
    step = undefined;
    yield page;
    page = undefined;
    if (next === undefined || received === 0) return;
    const key = JSON.stringify(next);
    if (seen.has(key)) return;
    seen.add(key);
    cursor = next;
  }
}

/** One answer read as a page: the page, the cursor Duo named, and how many items Duo sent. */
interface CursorStep<T> {
  page: Page<T>;
  next: LogCursor | undefined;
  received: number;
}

async function readCursorPage<T>(input: CursorPagesInput, cursor: LogCursor | undefined, remaining: number): Promise<CursorStep<T>> {
  const res = await input.fetchPage(cursor, input.signal);
  const body = (typeof res.response === 'object' && res.response !== null ? res.response : {}) as Record<string, unknown>;
  const list = body[input.itemsKey];
  const items = Array.isArray(list) ? (list as T[]) : [];
  const metadata = typeof body['metadata'] === 'object' && body['metadata'] !== null ? (body['metadata'] as Record<string, unknown>) : undefined;
  // The page carries the items on from here; the answer, which the client's promises may still hold,
  // lets go of them (see `release`).
  if (Array.isArray(list)) release(body, input.itemsKey);
  const next = readCursor(metadata?.['next_offset']);
  const page: Page<T> = { items: items.length > remaining ? items.slice(0, remaining) : items };
  if (next !== undefined) page.nextOffset = next;
  const total = readTotal(metadata?.['total_objects']);
  if (total !== undefined) page.totalObjects = total;
  if (metadata) page.metadata = metadata;
  return { page, next, received: items.length };
}

function readCursor(value: unknown): LogCursor | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((v) => String(v));
    return parts.length === 0 ? undefined : parts;
  }
  return undefined;
}
