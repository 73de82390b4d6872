import type { Caller } from '../client/duo-client.js';
import type { EndpointClass } from '../pacing/endpoint-class.js';
import { offsetPages } from '../pagination/offset-pages.js';
import { paginated, type Paginated } from '../pagination/paginated.js';
import type { DuoParamValue } from '../signing/params.js';
import { resolveListOptions, type ListOptions } from './list-options.js';

/** A lazy offset-paged GET list: `limit`/`offset` added per page, filters passed through. */
export function offsetList<T>(
  caller: Caller,
  path: string,
  filters: Record<string, DuoParamValue | undefined>,
  options: ListOptions | undefined,
  maxPageSize: number,
  endpointClass: EndpointClass = 'admin_get_page',
): Paginated<T> {
  const o = resolveListOptions(options, maxPageSize);
  return paginated(() =>
    offsetPages<T>({
      pageSize: o.pageSize,
      limit: o.limit,
      startOffset: o.offset,
      concurrency: o.concurrency,
      signal: o.signal,
      fetchPage: (offset, limit, signal) =>
        caller.call<T[]>({
          method: 'GET',
          path,
          params: { ...filters, limit, offset },
          idempotent: true,
          endpointClass,
          signal,
        }),
    }),
  );
}
