import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import type { ResponseOf } from '../endpoints/params-of.js';
import { u2ftokensDelete, u2ftokensGet, u2ftokensList, usersU2ftokensList } from '../endpoints/tokens.js';
import type { Paginated } from '../pagination/paginated.js';
import { requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';

/** A U2F registration with its user. */
export type DuoU2fToken = ResponseOf<typeof u2ftokensGet>;

/**
 * Admin API U2F tokens. Deprecated by Duo (WebAuthn replaced U2F); kept because Duo still serves
 * them and its own clients still call them.
 */
export class U2fTokensResource {
  constructor(private readonly caller: Caller) {}

  /** @deprecated Duo's U2F endpoints are legacy; lists registrations lazily, 500 per page. */
  list(options: ListOptions = {}): Paginated<DuoU2fToken> {
    return offsetList<DuoU2fToken>(this.caller, u2ftokensList, {}, options);
  }

  /** @deprecated One registration by id. */
  async get(registrationId: string, options?: RequestOptions): Promise<DuoU2fToken> {
    return (await callEndpoint(this.caller, u2ftokensGet, { registration_id: requireString(registrationId, 'registrationId') }, options)).response;
  }

  /** @deprecated Deletes a registration; succeeds when already gone. */
  async delete(registrationId: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, u2ftokensDelete, { registration_id: requireString(registrationId, 'registrationId') }, options);
  }

  /** @deprecated A user's registrations, 500 per page by default. */
  listForUser(userId: string, options: ListOptions = {}): Paginated<DuoU2fToken> {
    return offsetList<DuoU2fToken>(this.caller, usersU2ftokensList, { user_id: requireString(userId, 'userId') }, options);
  }
}
