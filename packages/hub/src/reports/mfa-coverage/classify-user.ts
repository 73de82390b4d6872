import { coverageStatus } from './coverage-status.js';
import type { BypassRisk, CoverageUser, UserCoverage } from './coverage-types.js';
import { factorClass, type FactorRuleOptions } from './factor-class.js';

/** Options of `classifyUser`. */
export interface ClassifyOptions extends FactorRuleOptions {
  /** The user's risky bypass codes, from a `BypassRiskIndex` of the account. */
  bypass?: BypassRisk | undefined;
  /** Days without a login after which a user who has logged in counts as stale. Default 90. */
  staleDays?: number | undefined;
}

/** Default stale window, days. */
export const STALE_DAYS = 90;

const DAY_MS = 86_400_000;

/**
 * Classifies one Duo user at `nowMs` (epoch milliseconds; Duo's times are seconds). Never-logged-in
 * and stale are exclusive: stale needs a login, older than `staleDays` (a login exactly that old is stale).
 */
export function classifyUser(user: CoverageUser, nowMs: number, options: ClassifyOptions = {}): UserCoverage {
  const factor = factorClass(user, options);
  const lastLogin = typeof user.last_login === 'number' && Number.isFinite(user.last_login) ? user.last_login : null;
  const staleDays = options.staleDays ?? STALE_DAYS;
  const bypass = options.bypass;
  return {
    mfa: factor !== 'none',
    factorClass: factor,
    status: coverageStatus(user.status),
    neverLoggedIn: lastLogin === null,
    stale: lastLogin !== null && lastLogin * 1000 <= nowMs - staleDays * DAY_MS,
    riskyBypass: bypass !== undefined && bypass.neverExpiring + bypass.unlimitedReuse > 0,
  };
}
