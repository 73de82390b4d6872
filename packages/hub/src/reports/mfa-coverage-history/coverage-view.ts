import type { CoverageCounts, CoveragePercentages, CoverageStatus, FactorClass, NoMfaUser, ScanStats } from '../mfa-coverage/index.js';

/**
 * The coverage figures as the REST API shows them: snake_case like every other answer. Stored
 * snapshots keep the scanner's own (camelCase) shapes, so old snapshots read unchanged; the names
 * change here, at the edge.
 */
export interface CoverageCountsView {
  users: number;
  mfa: number;
  no_mfa: number;
  factor_class: Record<FactorClass, number>;
  status: Record<CoverageStatus, number>;
  no_mfa_by_status: Record<CoverageStatus, number>;
  never_logged_in: number;
  stale: number;
  risky_bypass: number;
}

/** Per cent of users, as the REST API shows them. */
export interface CoveragePercentagesView {
  mfa: number;
  no_mfa: number;
  factor_class: Record<FactorClass, number>;
  status: Record<CoverageStatus, number>;
  never_logged_in: number;
  stale: number;
  risky_bypass: number;
}

/** A user without MFA, as the REST API shows them. */
export interface NoMfaUserView {
  user_id: string;
  username: string;
  email: string | null;
  status: CoverageStatus;
  /** Unix seconds, or null when never. */
  last_login: number | null;
  risky_bypass: boolean;
}

/** How a scan went, as the REST API shows it. */
export interface ScanStatsView {
  user_pages: number;
  bypass_code_pages: number;
  bypass_codes: number;
  duo_total_users: number | null;
  duplicates_dropped: number;
  consistent: boolean;
}

/** Counts in the API's casing. */
export function countsView(c: CoverageCounts): CoverageCountsView {
  return {
    users: c.users,
    mfa: c.mfa,
    no_mfa: c.noMfa,
    factor_class: { ...c.factorClass },
    status: { ...c.status },
    no_mfa_by_status: { ...c.noMfaByStatus },
    never_logged_in: c.neverLoggedIn,
    stale: c.stale,
    risky_bypass: c.riskyBypass,
  };
}

/** Percentages in the API's casing. */
export function percentagesView(p: CoveragePercentages): CoveragePercentagesView {
  return {
    mfa: p.mfa,
    no_mfa: p.noMfa,
    factor_class: { ...p.factorClass },
    status: { ...p.status },
    never_logged_in: p.neverLoggedIn,
    stale: p.stale,
    risky_bypass: p.riskyBypass,
  };
}

/** A user without MFA in the API's casing. */
export function noMfaUserView(u: NoMfaUser): NoMfaUserView {
  return { user_id: u.user_id, username: u.username, email: u.email, status: u.status, last_login: u.last_login, risky_bypass: u.riskyBypass };
}

/** Scan statistics in the API's casing. */
export function scanStatsView(s: ScanStats): ScanStatsView {
  return {
    user_pages: s.userPages,
    bypass_code_pages: s.bypassCodePages,
    bypass_codes: s.bypassCodes,
    duo_total_users: s.duoTotalUsers,
    duplicates_dropped: s.duplicatesDropped,
    consistent: s.consistent,
  };
}
