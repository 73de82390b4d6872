/**
 * Shapes of the MFA coverage report. Everything here is plain JSON data, so an account's result can
 * be stored once as a job task's output and compared, diffed or exported later without conversion.
 */

/**
 * The strongest kind of factor a user can authenticate with, in precedence order (first match wins):
 * webauthn (phishing-resistant), push_capable, hardware_token, sms_voice_only (phones that cannot
 * receive Duo Push), none. `mfa` is true exactly when the class is not `none`.
 */
export type FactorClass = 'webauthn' | 'push_capable' | 'hardware_token' | 'sms_voice_only' | 'none';

/** Every factor class, in precedence order. */
export const FACTOR_CLASSES: readonly FactorClass[] = ['webauthn', 'push_capable', 'hardware_token', 'sms_voice_only', 'none'];

/** Duo's user status in report form; `unknown` keeps a status Duo may add later from being miscounted. */
export type CoverageStatus = 'active' | 'bypass' | 'disabled' | 'locked_out' | 'pending_deletion' | 'unknown';

/** Every status, in report order. */
export const COVERAGE_STATUSES: readonly CoverageStatus[] = ['active', 'bypass', 'disabled', 'locked_out', 'pending_deletion', 'unknown'];

/** The fields of a Duo user (as `GET /admin/v1/users` returns it) that coverage reads. */
export interface CoverageUser {
  user_id: string;
  username: string;
  email?: string | null | undefined;
  status?: string | undefined;
  /** Unix seconds; null when the user never logged in. */
  last_login?: number | null | undefined;
  phones?: ReadonlyArray<{ capabilities?: readonly string[] | undefined; activated?: boolean | undefined }> | undefined;
  tokens?: readonly unknown[] | undefined;
  webauthncredentials?: readonly unknown[] | undefined;
  u2ftokens?: readonly unknown[] | undefined;
}

/** Bypass-code metadata (as `GET /admin/v1/bypass_codes` lists it) that coverage reads. */
export interface CoverageBypassCode {
  /** Unix seconds; null: never expires. */
  expiration?: number | null | undefined;
  /** Uses left; null: unlimited. */
  reuse_count?: number | null | undefined;
  /** The holder (Duo embeds a subset of the user); null when the user is gone. */
  user?: { user_id?: string | undefined } | null | undefined;
}

/** One user's bypass codes, reduced to what makes them risky. */
export interface BypassRisk {
  /** Live codes without an expiration. */
  neverExpiring: number;
  /** Live codes with unlimited reuse. */
  unlimitedReuse: number;
}

/** How one user is covered. */
export interface UserCoverage {
  mfa: boolean;
  factorClass: FactorClass;
  status: CoverageStatus;
  neverLoggedIn: boolean;
  /** Logged in before, but not within the stale window (90 days by default). */
  stale: boolean;
  /** Holds a live bypass code that never expires or can be reused without limit. */
  riskyBypass: boolean;
}

/** A user without MFA, as the report lists them. */
export interface NoMfaUser {
  user_id: string;
  username: string;
  email: string | null;
  status: CoverageStatus;
  /** Unix seconds, or null when never. */
  last_login: number | null;
  riskyBypass: boolean;
}

/** Counts over one account (or the fleet). */
export interface CoverageCounts {
  users: number;
  mfa: number;
  noMfa: number;
  factorClass: Record<FactorClass, number>;
  status: Record<CoverageStatus, number>;
  /** Users without MFA, by status (an active user without MFA is the one that matters most). */
  noMfaByStatus: Record<CoverageStatus, number>;
  neverLoggedIn: number;
  stale: number;
  riskyBypass: number;
}

/** The same figures as per cent of `users`, rounded to two decimals (0 when there are no users). */
export interface CoveragePercentages {
  mfa: number;
  noMfa: number;
  factorClass: Record<FactorClass, number>;
  status: Record<CoverageStatus, number>;
  neverLoggedIn: number;
  stale: number;
  riskyBypass: number;
}

/** How a scan went: numbers for operators, not part of the coverage itself. */
export interface ScanStats {
  userPages: number;
  bypassCodePages: number;
  bypassCodes: number;
  /** Duo's `total_objects` from the first users page. */
  duoTotalUsers: number | null;
  /** Users seen twice (the list shifted under the scan) and counted once. */
  duplicatesDropped: number;
  /** Distinct users counted equal Duo's total: false means the account changed during the scan. */
  consistent: boolean;
}

/** One Duo account's coverage: a value written once. */
export interface AccountCoverage {
  account: CoverageAccountRef;
  /** The reference time of the scan (stale and expiry are judged against it), ISO-8601. */
  asOf: string;
  counts: CoverageCounts;
  percentages: CoveragePercentages;
  /** Sorted by username, then user_id. */
  usersWithoutMfa: NoMfaUser[];
  scan: ScanStats;
  /** Sorted ids of the users with MFA, only when the scan was asked to keep them. */
  mfaUserIds?: string[];
}

/** Which Duo account a result belongs to. */
export interface CoverageAccountRef {
  /** null for an account scanned with its own Admin API keys (not through the Accounts API). */
  account_id: string | null;
  name: string | null;
  api_hostname: string;
}
