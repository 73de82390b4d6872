import { coverageStatus } from '../mfa-coverage/coverage-status.js';
import type { SeatsCounts } from './seats-types.js';

/** The fields of a Duo user (as `GET /admin/v1/users` returns it) that the seats report reads. */
export interface SeatsUser {
  user_id?: string | undefined;
  status?: string | undefined;
  is_enrolled?: boolean | undefined;
  phones?: readonly unknown[] | undefined;
  tokens?: readonly unknown[] | undefined;
  webauthncredentials?: readonly unknown[] | undefined;
  u2ftokens?: readonly unknown[] | undefined;
}

/** Zero of every figure. */
export function emptySeatsCounts(): SeatsCounts {
  return { users: 0, active: 0, bypass: 0, disabled: 0, locked_out: 0, pending_deletion: 0, other_status: 0, enrolled: 0, not_enrolled: 0, billable: 0 };
}

const some = (list: readonly unknown[] | undefined) => Array.isArray(list) && list.length > 0;

/**
 * Whether Duo counts the user as enrolled: its own `is_enrolled`, or (for answers that omit it) any
 * phone, hardware token, WebAuthn credential or U2F token, which is how Duo defines the flag.
 */
export function isEnrolled(user: SeatsUser): boolean {
  return user.is_enrolled === true || some(user.phones) || some(user.tokens) || some(user.webauthncredentials) || some(user.u2ftokens);
}

/**
 * Whether the user takes a seat by the derived rule (SEATS_BILLABLE_RULE): every user that exists in
 * the account, whatever its status (a disabled user still holds a license, as Duo's staff answer it),
 * except those pending deletion (in the trash, on their way out of the count). A status Duo may add
 * later counts too: an existing user is billed unless Duo says otherwise.
 */
export function isBillable(user: SeatsUser): boolean {
  return coverageStatus(user.status) !== 'pending_deletion';
}

/** Adds one user to `counts` (in place). */
export function countSeatsUser(counts: SeatsCounts, user: SeatsUser): void {
  counts.users += 1;
  const status = coverageStatus(user.status);
  if (status === 'unknown') counts.other_status += 1;
  else counts[status] += 1;
  if (isEnrolled(user)) counts.enrolled += 1;
  else counts.not_enrolled += 1;
  if (isBillable(user)) counts.billable += 1;
}

/** Adds `more` into `into` (in place). */
export function addSeatsCounts(into: SeatsCounts, more: SeatsCounts): void {
  for (const key of Object.keys(into) as Array<keyof SeatsCounts>) into[key] += more[key];
}
