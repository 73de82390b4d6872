import type { PlanUser } from './action-user-fields.js';

/** The live user queries (without_mfa comes from a coverage snapshot instead). */
export type LiveUserQuery = 'bypass' | 'locked_out' | 'disabled' | 'inactive' | 'all';

/** Duo's spelling of each status query. */
export const DUO_STATUS: Record<'bypass' | 'locked_out' | 'disabled', string> = { bypass: 'bypass', locked_out: 'locked out', disabled: 'disabled' };

/** Days without a login that make a user inactive when the request does not say. */
export const DEFAULT_INACTIVE_DAYS = 90;

/**
 * The users a live query selects (pure): a status as Duo spells it (`locked out`), everyone, or
 * the inactive: never logged in, or not within `inactiveDays` of `nowMs`.
 */
export function filterPlanUsers(users: readonly PlanUser[], query: LiveUserQuery, options: { nowMs: number; inactiveDays?: number | undefined }): PlanUser[] {
  if (query === 'all') return [...users];
  if (query === 'inactive') {
    const cutoff = options.nowMs / 1000 - (options.inactiveDays ?? DEFAULT_INACTIVE_DAYS) * 86_400;
    return users.filter((u) => u.last_login === null || u.last_login < cutoff);
  }
  const status = DUO_STATUS[query];
  return users.filter((u) => u.status.toLowerCase() === status);
}
