import type { Caller, RequestOptions } from '../client/duo-client.js';
import { DuoConfigError } from '../errors/error-classes.js';
import type { Paginated } from '../pagination/paginated.js';
import { optionalBoolean, optionalInteger, requireObject } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';
import { pathSegment } from '../resources/path-segment.js';
import type { DuoBypassCode, DuoBypassCodeParams } from './types.js';

/** Bypass-code lists page at most 500 per request. */
export const BYPASS_CODES_MAX_PAGE = 500;

/** Admin API bypass codes: metadata lists, delete, and creation for a user. */
export class BypassCodesResource {
  constructor(private readonly caller: Caller) {}

  /** All bypass codes' metadata, 500 per page by default. */
  list(options: ListOptions = {}): Paginated<DuoBypassCode> {
    return offsetList<DuoBypassCode>(this.caller, '/admin/v1/bypass_codes', {}, options, BYPASS_CODES_MAX_PAGE);
  }

  /** One bypass code's metadata. */
  async get(bypassCodeId: string, options?: RequestOptions): Promise<DuoBypassCode> {
    const path = `/admin/v1/bypass_codes/${pathSegment(bypassCodeId, 'bypassCodeId')}`;
    return (await this.caller.call<DuoBypassCode>({ ...options, method: 'GET', path, idempotent: true, endpointClass: 'admin_get_one' })).response;
  }

  /** Deletes a bypass code; succeeds when already gone. */
  async delete(bypassCodeId: string, options?: RequestOptions): Promise<void> {
    const path = `/admin/v1/bypass_codes/${pathSegment(bypassCodeId, 'bypassCodeId')}`;
    await this.caller.call({ ...options, method: 'DELETE', path, idempotent: true, endpointClass: 'admin_modify' });
  }

  /** A user's bypass codes' metadata, 500 per page by default. */
  listForUser(userId: string, options: ListOptions = {}): Paginated<DuoBypassCode> {
    const path = `/admin/v1/users/${pathSegment(userId, 'userId')}/bypass_codes`;
    return offsetList<DuoBypassCode>(this.caller, path, {}, options, BYPASS_CODES_MAX_PAGE);
  }

  /**
   * Creates codes for a user and returns them (the only time Duo shows them). Replaces the user's
   * codes unless `preserve_existing`. Never resent after an ambiguous failure.
   */
  async createForUser(userId: string, params: DuoBypassCodeParams = {}, options?: RequestOptions): Promise<string[]> {
    const path = `/admin/v1/users/${pathSegment(userId, 'userId')}/bypass_codes`;
    requireObject(params, 'params');
    if (params.count !== undefined && params.codes !== undefined) throw new DuoConfigError('codes', 'give count or codes, not both');
    const body: Record<string, string | number | boolean> = {};
    const count = optionalInteger(params.count, 'count', 1, 10);
    if (count !== undefined) body['count'] = count;
    if (params.codes !== undefined) {
      if (!Array.isArray(params.codes) || params.codes.length === 0 || params.codes.some((c) => typeof c !== 'string' || !/^[0-9A-Za-z]+$/.test(c))) {
        // The codes themselves are secrets: the message never repeats them.
        throw new DuoConfigError('codes', 'codes must be a non-empty array of alphanumeric strings');
      }
      body['codes'] = params.codes.join(',');
    }
    const reuse = optionalInteger(params.reuse_count, 'reuse_count', 0);
    if (reuse !== undefined) body['reuse_count'] = reuse;
    const validSecs = optionalInteger(params.valid_secs, 'valid_secs', 0);
    if (validSecs !== undefined) body['valid_secs'] = validSecs;
    const preserve = optionalBoolean(params.preserve_existing, 'preserve_existing');
    if (preserve !== undefined) body['preserve_existing'] = preserve;
    return (await this.caller.call<string[]>({ ...options, method: 'POST', path, params: body, idempotent: false, endpointClass: 'admin_modify' })).response;
  }
}
