import type { Caller, RequestOptions } from '../client/duo-client.js';
import { bypassCodesDelete, bypassCodesGet, bypassCodesList, usersBypassCodesCreate, usersBypassCodesList } from '../endpoints/bypass-codes.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import { DuoConfigError } from '../errors/error-classes.js';
import type { Paginated } from '../pagination/paginated.js';
import { requireObject, requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';
import type { DuoBypassCode, DuoBypassCodeParams } from './types.js';

/** Bypass-code lists page at most 500 per request (the declaration's maximum). */
export const BYPASS_CODES_MAX_PAGE = bypassCodesList.paging.maxLimit;

/** Admin API bypass codes: wrappers over `endpoints/bypass-codes.ts`. */
export class BypassCodesResource {
  constructor(private readonly caller: Caller) {}

  /** All bypass codes' metadata, 500 per page by default. */
  list(options: ListOptions = {}): Paginated<DuoBypassCode> {
    return offsetList<DuoBypassCode>(this.caller, bypassCodesList, {}, options);
  }

  /** One bypass code's metadata. */
  async get(bypassCodeId: string, options?: RequestOptions): Promise<DuoBypassCode> {
    const bypass_code_id = requireString(bypassCodeId, 'bypassCodeId');
    return (await callEndpoint(this.caller, bypassCodesGet, { bypass_code_id }, options)).response as never;
  }

  /** Deletes a bypass code; succeeds when already gone. */
  async delete(bypassCodeId: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, bypassCodesDelete, { bypass_code_id: requireString(bypassCodeId, 'bypassCodeId') }, options);
  }

  /** A user's bypass codes' metadata, 500 per page by default. */
  listForUser(userId: string, options: ListOptions = {}): Paginated<DuoBypassCode> {
    return offsetList<DuoBypassCode>(this.caller, usersBypassCodesList, { user_id: requireString(userId, 'userId') }, options);
  }

  /**
   * Creates codes for a user and returns them (the only time Duo shows them). Replaces the user's
   * codes unless `preserve_existing`. Never resent after an ambiguous failure.
   */
  async createForUser(userId: string, params: DuoBypassCodeParams = {}, options?: RequestOptions): Promise<string[]> {
    const user_id = requireString(userId, 'userId');
    const { codes, ...rest } = requireObject(params, 'params');
    if (rest.count !== undefined && codes !== undefined) throw new DuoConfigError('codes', 'give count or codes, not both');
    if (codes !== undefined) {
      if (!Array.isArray(codes) || codes.length === 0 || codes.some((c) => typeof c !== 'string' || !/^[0-9A-Za-z]+$/.test(c))) {
        // The codes themselves are secrets: the message never repeats them.
        throw new DuoConfigError('codes', 'codes must be a non-empty array of alphanumeric strings');
      }
    }
    // Duo takes custom codes as one comma-separated string.
    const fields = { ...rest, user_id, ...(codes === undefined ? {} : { codes: codes.join(',') }) };
    return (await callEndpoint(this.caller, usersBypassCodesCreate, fields, options)).response;
  }
}
