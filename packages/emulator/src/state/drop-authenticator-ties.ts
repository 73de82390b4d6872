import type { Account } from './types.js';

/**
 * What deleting a user does to its authenticators, as Duo keeps them: its Duo Desktop
 * authenticators go (they belong to one user), and it leaves the users of desktop tokens.
 * WebAuthn credentials live on the user record and go with it.
 */
export function dropAuthenticatorTies(account: Account, userId: string): void {
  for (const [dakey, da] of Object.entries(account.desktop_authenticators ?? {})) {
    if (da.user_id === userId) delete account.desktop_authenticators![dakey];
  }
  for (const token of Object.values(account.desktop_tokens ?? {})) {
    token.user_ids = token.user_ids.filter((id) => id !== userId);
  }
}
