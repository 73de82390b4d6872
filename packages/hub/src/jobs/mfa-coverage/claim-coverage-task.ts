import type { CoverageTask } from '../../reports/mfa-coverage/index.js';
import { claimLeasedTask, releaseLeasedTask, renewLeasedTask } from '../leased-tasks/claim-leased-task.js';
import type { LeasedTaskTable, LeaseHolder, UntypedDb } from '../leased-tasks/leased-task-table.js';
import type { CoverageDb } from './coverage-tables.js';

/** A task this worker now holds, with what it needs from its run. */
export interface ClaimedCoverageTask {
  runId: string;
  integrationId: string;
  /** The run's reference time, epoch ms. */
  nowMs: number;
  task: CoverageTask;
  /** Claims so far, this one included. */
  attempts: number;
}

/** Who claims, and for how long. */
export type ClaimHolder = LeaseHolder;

/** `coverage_tasks` as a leased-task table (the claim, renewal and release are the generic ones). */
export const coverageTaskTable: LeasedTaskTable = {
  tasks: 'coverage_tasks',
  runs: 'coverage_runs',
  keyColumn: 'account_id',
  activeRunStatuses: ['queued', 'running'],
  startingRunStatuses: ['queued'],
  // What a task's work needs of its own row, read back with the claim (see `CoverageBatch`).
  claimColumns: ['name', 'api_hostname'],
};

const leased = (key: { runId: string; accountId: string }) => ({ runId: key.runId, key: key.accountId });

/**
 * Claims one task of an active run: a pending one, or a running one whose holder let its lease
 * lapse (it died, or stalled past the lease). One conditional UPDATE (`claimLeasedTask`), so of
 * concurrent claimers exactly one wins. A claim is not ownership of the result: any holder that
 * finishes first writes it (once), so a falsely presumed-dead holder costs a duplicate scan, never a
 * double count.
 */
export async function claimCoverageTask(db: CoverageDb, key: { runId: string; accountId: string }, holder: ClaimHolder): Promise<ClaimedCoverageTask | undefined> {
  const attempts = await claimLeasedTask(db as unknown as UntypedDb, coverageTaskTable, leased(key), holder);
  return attempts === undefined ? undefined : loadClaimedCoverageTask(db, key, attempts);
}

/** What a holder needs of a task it claimed: its account's name and host, and its run's integration and reference time. */
export async function loadClaimedCoverageTask(db: CoverageDb, key: { runId: string; accountId: string }, attempts: number): Promise<ClaimedCoverageTask> {
  const row = await db
    .selectFrom('coverage_tasks')
    .innerJoin('coverage_runs', 'coverage_runs.id', 'coverage_tasks.run_id')
    .select(['coverage_tasks.name', 'coverage_tasks.api_hostname', 'coverage_runs.integration_id', 'coverage_runs.now_ms'])
    .where('coverage_tasks.run_id', '=', key.runId)
    .where('coverage_tasks.account_id', '=', key.accountId)
    .executeTakeFirstOrThrow();
  return claimedCoverageTask(key, row, attempts);
}

/** A claimed task from its row's name and host and its run's integration and reference time. */
export function claimedCoverageTask(
  key: { runId: string; accountId: string },
  row: { name: string; api_hostname: string; integration_id: string; now_ms: number },
  attempts: number,
): ClaimedCoverageTask {
  return {
    runId: key.runId,
    integrationId: row.integration_id,
    nowMs: Number(row.now_ms),
    task: { account_id: key.accountId, name: row.name, api_hostname: row.api_hostname },
    attempts,
  };
}

/**
 * Renews a claim and records live progress. False when the claim is gone: the run was cancelled,
 * the task finished elsewhere, or another worker took it over after the lease lapsed.
 */
export function renewCoverageTask(db: CoverageDb, key: { runId: string; accountId: string }, holder: ClaimHolder, usersSeen: number): Promise<boolean> {
  return renewLeasedTask(db as unknown as UntypedDb, coverageTaskTable, leased(key), holder, { users_seen: usersSeen });
}

/** Hands a claim back (clean shutdown): the task is pending again for any runner. */
export function releaseCoverageTask(db: CoverageDb, key: { runId: string; accountId: string }, holder: Pick<ClaimHolder, 'replicaId' | 'workerId'>): Promise<boolean> {
  return releaseLeasedTask(db as unknown as UntypedDb, coverageTaskTable, leased(key), holder);
}
