import type { CoverageTask } from '../../reports/mfa-coverage/index.js';
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
export interface ClaimHolder {
  replicaId: string;
  workerId: string;
  leaseMs: number;
  /** Epoch ms, the hub's clock. */
  nowMs: number;
}

const ACTIVE_RUN = ['queued', 'running'] as const;

/**
 * Claims one task of an active run: a pending one, or a running one whose holder let its lease
 * lapse (it died, or stalled past the lease). One conditional UPDATE, so of concurrent claimers
 * exactly one wins. A claim is not ownership of the result: any holder that finishes first
 * writes it (once), so a falsely presumed-dead holder costs a duplicate scan, never a double count.
 */
export async function claimCoverageTask(db: CoverageDb, key: { runId: string; accountId: string }, holder: ClaimHolder): Promise<ClaimedCoverageTask | undefined> {
  const nowIso = new Date(holder.nowMs).toISOString();
  const claimed = await db
    .updateTable('coverage_tasks')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      replica_id: holder.replicaId,
      worker_id: holder.workerId,
      lease_expires_at: new Date(holder.nowMs + holder.leaseMs).toISOString(),
      started_at: nowIso,
    }))
    .where('run_id', '=', key.runId)
    .where('account_id', '=', key.accountId)
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'running'), eb('lease_expires_at', '<', nowIso)])]))
    .where((eb) => eb.exists(eb.selectFrom('coverage_runs').select('coverage_runs.id').whereRef('coverage_runs.id', '=', 'coverage_tasks.run_id').where('coverage_runs.status', 'in', ACTIVE_RUN)))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return undefined;
  await db.updateTable('coverage_runs').set({ status: 'running', started_at: nowIso }).where('id', '=', key.runId).where('status', '=', 'queued').execute();
  const row = await db
    .selectFrom('coverage_tasks')
    .innerJoin('coverage_runs', 'coverage_runs.id', 'coverage_tasks.run_id')
    .select(['coverage_tasks.name', 'coverage_tasks.api_hostname', 'coverage_tasks.attempts', 'coverage_runs.integration_id', 'coverage_runs.now_ms'])
    .where('coverage_tasks.run_id', '=', key.runId)
    .where('coverage_tasks.account_id', '=', key.accountId)
    .executeTakeFirstOrThrow();
  return {
    runId: key.runId,
    integrationId: row.integration_id,
    nowMs: Number(row.now_ms),
    task: { account_id: key.accountId, name: row.name, api_hostname: row.api_hostname },
    attempts: Number(row.attempts),
  };
}

/**
 * Renews a claim and records live progress. False when the claim is gone: the run was cancelled,
 * the task finished elsewhere, or another worker took it over after the lease lapsed.
 */
export async function renewCoverageTask(db: CoverageDb, key: { runId: string; accountId: string }, holder: ClaimHolder, usersSeen: number): Promise<boolean> {
  const res = await db
    .updateTable('coverage_tasks')
    .set({ lease_expires_at: new Date(holder.nowMs + holder.leaseMs).toISOString(), users_seen: usersSeen })
    .where('run_id', '=', key.runId)
    .where('account_id', '=', key.accountId)
    .where('status', '=', 'running')
    .where('replica_id', '=', holder.replicaId)
    .where('worker_id', '=', holder.workerId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Hands a claim back (clean shutdown): the task is pending again for any runner. */
export async function releaseCoverageTask(db: CoverageDb, key: { runId: string; accountId: string }, holder: Pick<ClaimHolder, 'replicaId' | 'workerId'>): Promise<boolean> {
  const res = await db
    .updateTable('coverage_tasks')
    .set({ status: 'pending', lease_expires_at: null })
    .where('run_id', '=', key.runId)
    .where('account_id', '=', key.accountId)
    .where('status', '=', 'running')
    .where('replica_id', '=', holder.replicaId)
    .where('worker_id', '=', holder.workerId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
