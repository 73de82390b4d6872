import type { Account, User } from '../state/types.js';

/** A user's Duo Desktop authenticators as embedded in the user object (without the user again). */
export function desktopAuthenticatorsOfUser(account: Account, user: User): Record<string, unknown>[] {
  return Object.values(account.desktop_authenticators ?? {})
    .filter((da) => da.user_id === user.user_id)
    .map((da) => ({ dacuid: da.dacuid, dakey: da.dakey, date_added: da.date_added, name: da.name, os_family: da.os_family, plugins: [...da.plugins] }));
}
