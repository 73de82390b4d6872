/**
 * The shapes of the hub's MFA coverage API as the page reads them. The answer types are the hub's own
 * (type-only imports: nothing of the hub reaches the bundle); the run views below are the page's.
 */
export type { CoverageStatus, FactorClass } from '../../../../hub/src/reports/mfa-coverage/coverage-types.ts';
export type {
  CoverageCountsView as CoverageCounts,
  CoveragePercentagesView as CoveragePercentages,
  NoMfaUserView as NoMfaUser,
} from '../../../../hub/src/reports/mfa-coverage-history/coverage-view.ts';
export type { CoverageReport, CoverageSummary, OrganizationCoverage, OrganizationCoverageSummary, SnapshotRef } from '../../../../hub/src/reports/mfa-coverage-history/coverage-report.ts';
export type { CoverageTrend, TrendPoint } from '../../../../hub/src/reports/mfa-coverage-history/coverage-trend.ts';
export type { CoverageDiff } from '../../../../hub/src/reports/mfa-coverage-history/coverage-report.ts';
export type { AccountDiff, DiffUser } from '../../../../hub/src/reports/mfa-coverage-history/diff-coverage.ts';

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

/** The parts of an integration the page needs. */
export interface IntegrationSummary {
  id: string;
  name: string;
  accounts: { api_host: string } | null;
}
