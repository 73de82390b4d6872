import type { Account, Group, HardwareToken, User } from '../state/types.js';
import { desktopAuthenticatorsOfUser } from './desktop-authenticators-of-user.js';
import { serializePhone } from './serialize-phone.js';

/** True when the user has any phone, hardware token or WebAuthn credential (Duo's `is_enrolled`). */
export function isEnrolled(account: Account, user: User): boolean {
  return (
    user.phone_ids.some((id) => account.phones[id] !== undefined) ||
    user.token_ids.some((id) => account.tokens[id] !== undefined) ||
    user.webauthn.length > 0
  );
}

/**
 * A user as the Admin API returns it: `alias1..alias4` (null when unset) and the `aliases` map,
 * derived `is_enrolled`, and embedded groups, phones (without users), tokens and WebAuthn credentials.
 * `withDevices: false` gives the shorter form embedded in a phone's `users`.
 */
export function serializeUser(account: Account, user: User, opts: { withDevices?: boolean } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {
    alias1: user.aliases['alias1'] ?? null,
    alias2: user.aliases['alias2'] ?? null,
    alias3: user.aliases['alias3'] ?? null,
    alias4: user.aliases['alias4'] ?? null,
    aliases: { ...user.aliases },
    created: user.created,
    email: user.email,
    enable_auto_prompt: user.enable_auto_prompt,
    external_id: user.external_id,
    firstname: user.firstname,
    is_enrolled: isEnrolled(account, user),
    last_directory_sync: user.last_directory_sync,
    last_login: user.last_login,
    lastname: user.lastname,
    lockout_reason: user.lockout_reason,
    notes: user.notes,
    realname: user.realname,
    status: user.status,
    user_id: user.user_id,
    username: user.username,
  };
  if (opts.withDevices === false) return out;
  out['groups'] = user.group_ids
    .map((id) => account.groups[id])
    .filter((g) => g !== undefined)
    .map(serializeGroup);
  out['phones'] = user.phone_ids
    .map((id) => account.phones[id])
    .filter((p) => p !== undefined)
    .map((p) => serializePhone(account, p, { withUsers: false }));
  out['tokens'] = user.token_ids
    .map((id) => account.tokens[id])
    .filter((t) => t !== undefined)
    .map(serializeToken);
  out['u2ftokens'] = Object.values(account.u2ftokens ?? {})
    .filter((u) => u.user_id === user.user_id)
    .map((u) => ({ date_added: u.date_added, registration_id: u.registration_id }));
  out['webauthncredentials'] = user.webauthn.map((w) => ({ ...w }));
  out['desktopauthenticators'] = desktopAuthenticatorsOfUser(account, user);
  return out;
}

/** A group as embedded in a user, with Duo's legacy factor flags. */
export function serializeGroup(group: Group): Record<string, unknown> {
  return {
    desc: group.desc,
    group_id: group.group_id,
    mobile_otp_enabled: false,
    name: group.name,
    push_enabled: false,
    sms_enabled: false,
    status: group.status,
    voice_enabled: false,
  };
}

/** A hardware token as embedded in a user. */
export function serializeToken(token: HardwareToken): Record<string, unknown> {
  return { serial: token.serial, token_id: token.token_id, totp_step: token.totp_step, type: token.type };
}
