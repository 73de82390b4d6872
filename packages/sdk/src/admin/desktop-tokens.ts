import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import {
  desktopTokensActivate,
  desktopTokensCreate,
  desktopTokensDelete,
  desktopTokensGet,
  desktopTokensList,
  desktopTokensUpdate,
  usersDesktopTokensList,
} from '../endpoints/desktop-tokens.js';
import type { Paginated } from '../pagination/paginated.js';
import { requireObject, requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';
import type { DuoDesktopToken, DuoDesktopTokenActivation } from './authenticator-types.js';

/**
 * Admin API desktop tokens, which Duo deprecated in favour of Duo Desktop authenticators; kept
 * because Duo's own clients still call them.
 * @deprecated Use `desktopAuthenticators`.
 */
export class DesktopTokensResource {
  constructor(private readonly caller: Caller) {}

  /** Every desktop token, 500 per page by default. */
  list(options: ListOptions = {}): Paginated<DuoDesktopToken> {
    return offsetList<DuoDesktopToken>(this.caller, desktopTokensList, {}, options);
  }

  /** One desktop token. */
  async get(desktoptokenId: string, options?: RequestOptions): Promise<DuoDesktopToken> {
    const desktoptoken_id = requireString(desktoptokenId, 'desktoptokenId');
    return (await callEndpoint(this.caller, desktopTokensGet, { desktoptoken_id }, options)).response;
  }

  /** Creates a desktop token; never resent after an ambiguous failure. */
  async create(params: { platform: string; name?: string }, options?: RequestOptions): Promise<DuoDesktopToken> {
    return (await callEndpoint(this.caller, desktopTokensCreate, requireObject(params, 'params'), options)).response;
  }

  /** Renames a desktop token or changes its platform. */
  async update(desktoptokenId: string, changes: { platform?: string; name?: string }, options?: RequestOptions): Promise<DuoDesktopToken> {
    const desktoptoken_id = requireString(desktoptokenId, 'desktoptokenId');
    return (await callEndpoint(this.caller, desktopTokensUpdate, { ...requireObject(changes, 'changes'), desktoptoken_id }, options)).response;
  }

  /** Deletes a desktop token; succeeds when already gone. */
  async delete(desktoptokenId: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, desktopTokensDelete, { desktoptoken_id: requireString(desktoptokenId, 'desktoptokenId') }, options);
  }

  /** A new activation link for a desktop token; never resent. */
  async activate(desktoptokenId: string, params: { valid_secs?: number } = {}, options?: RequestOptions): Promise<DuoDesktopTokenActivation> {
    const desktoptoken_id = requireString(desktoptokenId, 'desktoptokenId');
    return (await callEndpoint(this.caller, desktopTokensActivate, { ...requireObject(params, 'params'), desktoptoken_id }, options)).response;
  }

  /** One user's desktop tokens. */
  listForUser(userId: string, options: ListOptions = {}): Paginated<DuoDesktopToken> {
    return offsetList<DuoDesktopToken>(this.caller, usersDesktopTokensList, { user_id: requireString(userId, 'userId') }, options);
  }
}
