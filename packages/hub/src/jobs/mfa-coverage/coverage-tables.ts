import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/database.js';

/** Where a run stands. `queued` until its first task starts; `done` once every task has an outcome. */
export type CoverageRunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** Where a task stands: `done` and `failed` both carry an outcome (failed: the account could not be scanned). */
export const COVERAGE_TASK_STATUSES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;
export type CoverageTaskStatus = (typeof COVERAGE_TASK_STATUSES)[number];

/** What started a run. */
export type CoverageRunTrigger = 'api' | 'cli' | 'schedule';

/** One fleet run of the MFA coverage report over an integration's child accounts. */
export interface CoverageRunsTable {
  id: string;
  integration_id: string;
  status: CoverageRunStatus;
  trigger: CoverageRunTrigger;
  /** The requesting token's id; null for the CLI on the store and the scheduler. */
  requested_by: string | null;
  /** `<interval ms>:<slot number>` for scheduled runs (unique per integration), else null. */
  schedule_slot: string | null;
  /** Reference time of every account's scan, epoch ms. */
  now_ms: number;
  accounts_total: number;
  /** Tasks with an outcome (scanned or failed), each counted once. */
  accounts_done: number;
  accounts_failed: number;
  /** Users counted by finished tasks. */
  users_seen: number;
  /** JSON `{ code, message }` when the run itself failed. */
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** One Duo child account of a run. */
export interface CoverageTasksTable {
  run_id: string;
  account_id: string;
  /** Position in Duo's account list. */
  seq: number;
  name: string;
  api_hostname: string;
  status: CoverageTaskStatus;
  /** Times a runner claimed the task. */
  attempts: number;
  /** The replica holding (or last holding) the task. */
  replica_id: string | null;
  /** The worker inside that replica (graphile-worker's worker id on Postgres). */
  worker_id: string | null;
  /** ISO time until which the holder's claim stands; renewed while it works. */
  lease_expires_at: string | null;
  /** Users counted so far (live while running, final once done). */
  users_seen: number;
  /** The replica whose outcome was written. */
  processed_by: string | null;
  /**
   * JSON AccountOutcome, written once; since migration 0013 without the coverage's two lists (users
   * without MFA, ids with MFA), which are in `coverage` and `mfa_user_ids` (see stored-outcome.ts).
   */
  result: string | null;
  /** The account's snapshot `coverage` column, ready to copy (migration 0013); null before, or failed. */
  coverage: string | null;
  /** The account's snapshot `users_without_mfa` column, ready to copy (migration 0015); null before, or failed. */
  users_without_mfa: string | null;
  /** The account's snapshot `mfa_user_ids` column, ready to copy (migration 0013). */
  mfa_user_ids: string | null;
  /** JSON ScanError of a failed outcome, written with it (migration 0006), so views need not read `result`. */
  error: string | null;
  started_at: string | null;
  finished_at: string | null;
}

/** The dated result of a finished run. */
export interface CoverageSnapshotsTable {
  /** The run's id. */
  id: string;
  integration_id: string;
  /** The run's reference time, ISO. */
  taken_at: string;
  finished_at: string;
  /** JSON FleetTotals. */
  totals: string;
}

/** One Duo account in a snapshot, with the hub organization it was mapped to at the time. */
export interface CoverageSnapshotRowsTable {
  snapshot_id: string;
  account_id: string;
  seq: number;
  organization_id: string | null;
  organization_name: string | null;
  duo_account_name: string;
  status: 'ok' | 'failed';
  users: number;
  mfa: number;
  no_mfa: number;
  /**
   * JSON `{ counts, percentages, scan }` for scanned accounts; rows written before migration 0015 hold
   * `usersWithoutMfa` here too (read through stored-coverage.ts, which knows both forms).
   */
  coverage: string | null;
  /** JSON array of the users without MFA (migration 0015); null for failed accounts and older rows. */
  users_without_mfa: string | null;
  /** JSON array of the ids of users with MFA (for diffs; never served). */
  mfa_user_ids: string | null;
  /** JSON ScanError for failed accounts. */
  error: string | null;
}

/** The coverage tables added to the hub's schema (migration 0003). */
// A type alias, not an interface: Kysely's withTables needs the implicit index signature.
export type CoverageTables = {
  coverage_runs: CoverageRunsTable;
  coverage_tasks: CoverageTasksTable;
  coverage_snapshots: CoverageSnapshotsTable;
  coverage_snapshot_rows: CoverageSnapshotRowsTable;
};

/** The hub schema with the coverage tables. */
export type CoverageDatabase = Database & CoverageTables;

/** A connection or transaction that knows the coverage tables. */
export type CoverageDb = Kysely<CoverageDatabase> | Transaction<CoverageDatabase>;

/** The store's handle typed with the coverage tables (they live outside the core `Database` interface). */
export function coverageDb(db: Kysely<Database>): Kysely<CoverageDatabase> {
  return db.withTables<CoverageTables>();
}
