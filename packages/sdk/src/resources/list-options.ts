import { optionalInteger } from './check.js';

/** Options of every list method. */
export interface ListOptions {
  /** Stop after this many items. */
  limit?: number;
  /** Items per request; defaults to the endpoint's maximum. */
  pageSize?: number;
  /** Start at this offset (offset-paged lists). */
  offset?: number;
  /** Requests in flight at once after the first page tells the total. Default 1. */
  concurrency?: number;
  signal?: AbortSignal;
}

/** Checks list options; `maxPageSize` is the endpoint's documented maximum. */
export function resolveListOptions(options: ListOptions | undefined, maxPageSize: number) {
  const o = options ?? {};
  return {
    limit: optionalInteger(o.limit, 'limit', 0),
    pageSize: optionalInteger(o.pageSize, 'pageSize', 1, maxPageSize) ?? maxPageSize,
    offset: optionalInteger(o.offset, 'offset', 0),
    concurrency: optionalInteger(o.concurrency, 'concurrency', 1),
    signal: o.signal,
  };
}
