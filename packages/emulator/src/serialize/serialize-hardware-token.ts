import type { Account, HardwareToken, U2fToken } from '../state/types.js';
import { serializeUser } from './serialize-user.js';

/**
 * A hardware token as the tokens endpoints return it: its users (without devices) and admins.
 * Secrets, counters and YubiKey credentials stay in the state: Duo never returns them.
 */
export function serializeHardwareToken(account: Account, token: HardwareToken): Record<string, unknown> {
  return {
    admins: [],
    serial: token.serial,
    token_id: token.token_id,
    totp_step: token.totp_step,
    type: token.type,
    users: token.user_ids
      .map((id) => account.users[id])
      .filter((u) => u !== undefined)
      .map((u) => serializeUser(account, u, { withDevices: false })),
  };
}

/** A U2F registration with its user (null once the user is gone). */
export function serializeU2fToken(account: Account, u2f: U2fToken): Record<string, unknown> {
  const user = u2f.user_id === null ? undefined : account.users[u2f.user_id];
  return {
    date_added: u2f.date_added,
    registration_id: u2f.registration_id,
    user: user ? serializeUser(account, user, { withDevices: false }) : null,
  };
}
