import type { Paging, ParamSpec } from './define-endpoint.js';
import { t } from './shape.js';

/**
 * The paging parameters and `paging` entry of a v1 offset list with Duo's page sizes; spread
 * into a declaration. The maximum is what Duo documents, the default what Duo uses without `limit`.
 */
export function offsetPaging(defaultLimit: number, maxLimit: number) {
  return {
    paging: { style: 'offset', defaultLimit, maxLimit } satisfies Paging,
    limit: t.integer({ minimum: 1, description: `Items per page (default ${defaultLimit}, at most ${maxLimit})` }) satisfies ParamSpec,
    offset: t.integer({ minimum: 0, description: 'Index of the first item (from metadata.next_offset)' }) satisfies ParamSpec,
  };
}
