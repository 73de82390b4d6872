import type { Caller } from '../client/duo-client.js';
import { callDeclared } from '../endpoints/call-endpoint.js';
import type { EndpointDeclaration } from '../endpoints/define-endpoint.js';
import type { EndpointClass } from '../pacing/endpoint-class.js';
import { offsetPages } from '../pagination/offset-pages.js';
import { paginated, type Paginated } from '../pagination/paginated.js';
import { resolveListOptions, type ListOptions } from './list-options.js';

/**
 * A lazy walk of a declared offset-paged list: `limit`/`offset` added per page, filters checked
 * against the declaration; pages default to the declared maximum size.
 */
export function offsetList<T>(
  caller: Caller,
  endpoint: EndpointDeclaration,
  filters: Record<string, unknown>,
  options: ListOptions | undefined,
  endpointClass?: EndpointClass,
): Paginated<T> {
  if (endpoint.paging?.style !== 'offset') throw new TypeError(`${endpoint.id} is not an offset-paged list`);
  const o = resolveListOptions(options, endpoint.paging.maxLimit);
  return paginated(() =>
    offsetPages<T>({
      pageSize: o.pageSize,
      limit: o.limit,
      startOffset: o.offset,
      concurrency: o.concurrency,
      signal: o.signal,
      fetchPage: (offset, limit, signal) =>
        callDeclared(caller, endpoint, { ...filters, limit, offset }, { signal, ...(endpointClass ? { endpointClass } : {}) }) as never,
    }),
  );
}
