import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import {
  usersWebauthnCredentialsList,
  webauthnCredentialsDelete,
  webauthnCredentialsGet,
  webauthnCredentialsList,
} from '../endpoints/webauthn.js';
import type { Paginated } from '../pagination/paginated.js';
import { requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';
import type { DuoWebAuthnCredentialRecord } from './authenticator-types.js';

/** Admin API WebAuthn credentials: wrappers over `endpoints/webauthn.ts`. */
export class WebAuthnCredentialsResource {
  constructor(private readonly caller: Caller) {}

  /** Every WebAuthn credential of the account, 500 per page by default. */
  list(options: ListOptions = {}): Paginated<DuoWebAuthnCredentialRecord> {
    return offsetList<DuoWebAuthnCredentialRecord>(this.caller, webauthnCredentialsList, {}, options);
  }

  /** One credential by its `webauthnkey`. */
  async get(webauthnkey: string, options?: RequestOptions): Promise<DuoWebAuthnCredentialRecord> {
    const key = requireString(webauthnkey, 'webauthnkey');
    return (await callEndpoint(this.caller, webauthnCredentialsGet, { webauthnkey: key }, options)).response;
  }

  /** Deletes a credential; succeeds when already gone. */
  async delete(webauthnkey: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, webauthnCredentialsDelete, { webauthnkey: requireString(webauthnkey, 'webauthnkey') }, options);
  }

  /** One user's WebAuthn credentials, 500 per page by default. */
  listForUser(userId: string, options: ListOptions = {}): Paginated<DuoWebAuthnCredentialRecord> {
    return offsetList<DuoWebAuthnCredentialRecord>(this.caller, usersWebauthnCredentialsList, { user_id: requireString(userId, 'userId') }, options);
  }
}
