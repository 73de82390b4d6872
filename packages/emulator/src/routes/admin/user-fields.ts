import { fail, failures } from '../../duo-result.js';
import { optionalBool, optionalEnum, reject } from '../../params/read-param.js';
import type { Params } from '../../route.js';
import type { Account, User, UserStatus } from '../../state/types.js';

const ALIAS_KEYS = ['alias1', 'alias2', 'alias3', 'alias4', 'alias5', 'alias6', 'alias7', 'alias8'] as const;

/** The user whose username or alias is `name` (case-insensitive, as Duo normalizes usernames). */
export function findUserByName(account: Account, name: string): User | undefined {
  const wanted = name.toLowerCase();
  for (const user of Object.values(account.users)) {
    if (user.username.toLowerCase() === wanted) return user;
    for (const alias of Object.values(user.aliases)) if (alias.toLowerCase() === wanted) return user;
  }
  return undefined;
}

/** A user by id, or 404/40401. */
export function userOr404(account: Account, userId: string | undefined): User {
  const user = userId === undefined ? undefined : account.users[userId];
  if (!user) reject(failures.notFound('user_id'));
  return user;
}

/**
 * Alias changes from `alias1..alias8` and the `aliases` string (`alias1=a&alias2=b`):
 * a blank value clears that alias. Unknown alias keys -> 400/40002.
 */
export function readAliasChanges(params: Params): Record<string, string> {
  const changes: Record<string, string> = {};
  const packed = params.get('aliases');
  if (packed !== undefined) {
    for (const [key, value] of new URLSearchParams(packed)) {
      if (!(ALIAS_KEYS as readonly string[]).includes(key)) reject(failures.invalidParam('aliases'));
      changes[key] = value;
    }
  }
  for (const key of ALIAS_KEYS) {
    const value = params.get(key);
    if (value !== undefined) changes[key] = value;
  }
  return changes;
}

/** Applies alias changes to a copy of `current`; blank values remove the alias. */
export function applyAliases(current: Record<string, string>, changes: Record<string, string>): Record<string, string> {
  const next = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === '') delete next[key];
    else next[key] = value;
  }
  return next;
}

/**
 * Refuses names already taken by another user's username or alias: 400 with the configured code
 * (40003 by default, unverified against Duo) and the offending parameter as detail.
 */
export function assertNamesFree(
  account: Account,
  names: Array<[param: string, name: string]>,
  self: string | undefined,
  code: 40002 | 40003,
): void {
  const seen = new Set<string>();
  for (const [param, name] of names) {
    const lower = name.toLowerCase();
    const holder = findUserByName(account, name);
    if ((holder && holder.user_id !== self) || seen.has(lower)) {
      reject(
        code === 40003
          ? fail(400, 40003, 'Duplicate resource', param)
          : fail(400, 40002, 'Invalid request parameters', param),
      );
    }
    seen.add(lower);
  }
}

/** `status` on create/modify: active, bypass, disabled, and (modify only) `locked out`. */
export function readStatus(params: Params, allowLockedOut: boolean): UserStatus | undefined {
  const allowed: UserStatus[] = allowLockedOut
    ? ['active', 'bypass', 'disabled', 'locked out']
    : ['active', 'bypass', 'disabled'];
  return optionalEnum(params, 'status', allowed);
}

/** Copies the plain string fields and `enable_auto_prompt` present in `params` onto `user`. */
export function applyUserFields(user: User, params: Params): void {
  for (const field of ['realname', 'email', 'notes', 'firstname', 'lastname'] as const) {
    const value = params.get(field);
    if (value !== undefined) user[field] = value;
  }
  const autoPrompt = optionalBool(params, 'enable_auto_prompt');
  if (autoPrompt !== undefined) user.enable_auto_prompt = autoPrompt;
}
