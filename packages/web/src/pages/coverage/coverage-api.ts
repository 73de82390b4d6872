/**
 * The shapes of the hub's MFA coverage API as the page reads them (see the hub's
 * reports/mfa-coverage-schemas.ts). Plain types only, so pure helpers and tests can share them.
 */

/** Strongest factor classes, in the hub's precedence order. */
export type FactorClass = 'webauthn' | 'push_capable' | 'hardware_token' | 'sms_voice_only' | 'none';

/** User statuses as the report names them. */
export type CoverageStatus = 'active' | 'bypass' | 'disabled' | 'locked_out' | 'pending_deletion' | 'unknown';

/** Counts over one organization or the fleet. */
export interface CoverageCounts {
  users: number;
  mfa: number;
  noMfa: number;
  factorClass: Record<FactorClass, number>;
  status: Record<CoverageStatus, number>;
  noMfaByStatus: Record<CoverageStatus, number>;
  neverLoggedIn: number;
  stale: number;
  riskyBypass: number;
}

/** The same figures as per cent of users, two decimals. */
export interface CoveragePercentages {
  mfa: number;
  noMfa: number;
  factorClass: Record<FactorClass, number>;
  status: Record<CoverageStatus, number>;
  neverLoggedIn: number;
  stale: number;
  riskyBypass: number;
}

/** A user without MFA as a snapshot lists them. */
export interface NoMfaUser {
  user_id: string;
  username: string;
  email: string | null;
  status: CoverageStatus;
  /** Unix seconds, or null when never. */
  last_login: number | null;
  riskyBypass: boolean;
}

/** Which snapshot a report or diff shows. */
export interface SnapshotRef {
  id: string;
  integration_id: string;
  taken_at: string;
  finished_at: string;
}

/** One organization (Duo child account) in a report. */
export interface OrganizationCoverage {
  name: string;
  organization_id: string | null;
  duo_account_id: string;
  duo_account_name: string;
  status: 'ok' | 'failed';
  users: number;
  mfa: number;
  no_mfa: number;
  mfa_percent: number;
  counts: CoverageCounts | null;
  percentages: CoveragePercentages | null;
  users_without_mfa: NoMfaUser[];
  error: { kind?: string; message?: string } | null;
}

/** `GET /api/reports/mfa-coverage`. */
export interface CoverageReport {
  snapshot: SnapshotRef;
  totals: { organizations: number; scanned: number; failed: number; counts: CoverageCounts; percentages: CoveragePercentages };
  organizations: OrganizationCoverage[];
}

/** One point of `GET /api/reports/mfa-coverage/trend`. */
export interface TrendPoint {
  snapshot_id: string;
  taken_at: string;
  organizations: number;
  scanned: number;
  failed: number;
  users: number;
  mfa: number;
  mfa_percent: number;
  by_organization: Array<{ duo_account_id: string; organization_id: string | null; name: string; status: 'ok' | 'failed'; users: number; mfa: number; mfa_percent: number }>;
}

/** `GET /api/reports/mfa-coverage/trend`. */
export interface CoverageTrend {
  integration_id: string | null;
  points: TrendPoint[];
}

/** Where a run stands. */
export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** A run and its progress. */
export interface CoverageRun {
  id: string;
  integration_id: string;
  status: RunStatus;
  trigger: string;
  as_of: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  progress: { accounts_total: number; accounts_done: number; accounts_failed: number; users_seen: number };
  error: { code: string; message: string } | null;
}

/** One account's task in a run's detail. */
export interface CoverageTask {
  account_id: string;
  name: string;
  status: 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
  attempts: number;
  users_seen: number;
  error: { kind?: string; message?: string } | null;
}

/** `GET /api/reports/mfa-coverage/runs/{id}`. */
export type CoverageRunDetail = CoverageRun & { tasks: CoverageTask[] };

/** A user in a diff. */
export interface DiffUser {
  user_id: string;
  username: string;
  email: string | null;
  status: string;
}

/** `GET /api/reports/mfa-coverage/diff`. */
export interface CoverageDiff {
  from: SnapshotRef;
  to: SnapshotRef;
  totals: { lost_mfa: number; gained_mfa: number; new_without_mfa: number; removed_without_mfa: number };
  organizations: Array<{
    account_id: string;
    organization_id: string | null;
    name: string;
    comparable: boolean;
    lost_mfa: DiffUser[];
    gained_mfa: DiffUser[];
    new_without_mfa: DiffUser[];
    removed_without_mfa: DiffUser[];
  }>;
}

/** The parts of an integration the page needs. */
export interface IntegrationSummary {
  id: string;
  name: string;
  accounts: { api_host: string } | null;
}
