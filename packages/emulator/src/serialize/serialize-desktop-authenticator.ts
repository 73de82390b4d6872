import type { Account, DesktopAuthenticator } from '../state/types.js';
import { serializeAuthenticatorUser } from './serialize-authenticator-user.js';

/** A Duo Desktop authenticator as the Admin API lists it, with its owner. */
export function serializeDesktopAuthenticator(account: Account, da: DesktopAuthenticator): Record<string, unknown> {
  return {
    dacuid: da.dacuid,
    dakey: da.dakey,
    date_added: da.date_added,
    name: da.name,
    os_family: da.os_family,
    plugins: [...da.plugins],
    user: serializeAuthenticatorUser(account.users[da.user_id]),
  };
}
