import type { DuoParams } from '@duohub/sdk';
import { HubError } from '../errors/hub-error.js';
import type { DuoCaller } from './duo-caller.js';

/** One page of a Duo offset-paged list, as the catalog returns it. */
export interface ListPage<T = unknown> {
  items: T[];
  /** Where the next call should start; absent when the list is exhausted. */
  next_offset?: number;
  total_objects?: number;
}

/** How far to read: at most `limit` items from `offset`, in Duo pages of at most `pageSize`. */
export interface ListPageOptions {
  limit: number;
  offset: number;
  pageSize: number;
}

/**
 * Reads at most `limit` items of an offset-paged Duo list, page by page, so a caller can walk a
 * large tenant with `next_offset` instead of the hub loading it whole.
 */
export async function listPage(
  client: DuoCaller,
  path: string,
  params: Record<string, string | number | boolean | undefined>,
  options: ListPageOptions,
): Promise<ListPage<never>> {
  const items: unknown[] = [];
  let offset: number | undefined = options.offset;
  let total: number | undefined;
  while (offset !== undefined && items.length < options.limit) {
    const pageLimit = Math.min(options.pageSize, options.limit - items.length);
    const answer = await client.request('GET', path, { ...params, limit: pageLimit, offset } as DuoParams);
    if (!Array.isArray(answer.response)) {
      throw new HubError('duo_error', { message: `Duo answered ${path} with something other than a list.` });
    }
    items.push(...answer.response);
    const meta = answer.metadata ?? {};
    if (typeof meta['total_objects'] === 'number') total = meta['total_objects'];
    const next = meta['next_offset'];
    offset = typeof next === 'number' && answer.response.length > 0 ? next : undefined;
  }
  // Items are Duo's objects, unchecked here: the action's output schema validates them.
  const page: ListPage<never> = { items: items as never[] };
  if (offset !== undefined) page.next_offset = offset;
  if (total !== undefined) page.total_objects = total;
  return page;
}
