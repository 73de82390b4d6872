import type { Account, User } from '../state/types.js';
import { AUTH_STATUS } from './auth-messages.js';
import { authDevices, type AuthDevice } from './auth-devices.js';

/** What Duo makes of a user before any factor: the shared core of preauth and auth. */
export type UserStanding =
  | { kind: 'allow'; reason: 'bypass_user' }
  | {
      kind: 'deny';
      reason: 'user_disabled' | 'locked_out' | 'deny_unenrolled_user';
      answer: { status: string; status_msg: string };
    }
  | { kind: 'enroll' }
  | { kind: 'auth'; devices: AuthDevice[] };

/**
 * Decides a user's standing: an unknown or unenrolled user follows the new-user policy (enroll or
 * deny); bypass status allows; disabled, pending deletion and locked out deny; then the status of the
 * user's groups (disabled wins over bypass); otherwise the devices the Auth API can use.
 */
export function userStanding(account: Account, user: User | undefined, newUserPolicy: 'enroll' | 'deny'): UserStanding {
  const unenrolled = (): UserStanding =>
    newUserPolicy === 'deny'
      ? { kind: 'deny', reason: 'deny_unenrolled_user', answer: AUTH_STATUS.not_permitted }
      : { kind: 'enroll' };
  if (user === undefined) return unenrolled();
  if (user.status === 'bypass') return { kind: 'allow', reason: 'bypass_user' };
  if (user.status === 'disabled' || user.status === 'pending deletion') {
    return { kind: 'deny', reason: 'user_disabled', answer: AUTH_STATUS.disabled };
  }
  if (user.status === 'locked out') return { kind: 'deny', reason: 'locked_out', answer: AUTH_STATUS.locked_out };
  const groups = user.group_ids.map((id) => account.groups[id]).filter((g) => g !== undefined);
  if (groups.some((g) => g.status === 'disabled')) return { kind: 'deny', reason: 'user_disabled', answer: AUTH_STATUS.disabled };
  if (groups.some((g) => g.status === 'bypass')) return { kind: 'allow', reason: 'bypass_user' };
  const devices = authDevices(account, user);
  return devices.length === 0 ? unenrolled() : { kind: 'auth', devices };
}
