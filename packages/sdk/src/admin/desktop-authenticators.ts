import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import {
  desktopAuthenticatorsDelete,
  desktopAuthenticatorsGet,
  desktopAuthenticatorsList,
  usersDesktopAuthenticatorsList,
} from '../endpoints/desktop-authenticators.js';
import type { Paginated } from '../pagination/paginated.js';
import { requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';
import type { DuoDesktopAuthenticator } from './authenticator-types.js';

/** Admin API Duo Desktop authenticators: wrappers over `endpoints/desktop-authenticators.ts`. */
export class DesktopAuthenticatorsResource {
  constructor(private readonly caller: Caller) {}

  /** Every Duo Desktop authenticator of the account, 500 per page by default. */
  list(options: ListOptions = {}): Paginated<DuoDesktopAuthenticator> {
    return offsetList<DuoDesktopAuthenticator>(this.caller, desktopAuthenticatorsList, {}, options);
  }

  /** One desktop authenticator by its `dakey`. */
  async get(dakey: string, options?: RequestOptions): Promise<DuoDesktopAuthenticator> {
    return (await callEndpoint(this.caller, desktopAuthenticatorsGet, { dakey: requireString(dakey, 'dakey') }, options)).response;
  }

  /** Deletes a desktop authenticator; succeeds when already gone. */
  async delete(dakey: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, desktopAuthenticatorsDelete, { dakey: requireString(dakey, 'dakey') }, options);
  }

  /** One user's desktop authenticators, 500 per page by default. */
  listForUser(userId: string, options: ListOptions = {}): Paginated<DuoDesktopAuthenticator> {
    return offsetList<DuoDesktopAuthenticator>(this.caller, usersDesktopAuthenticatorsList, { user_id: requireString(userId, 'userId') }, options);
  }
}
