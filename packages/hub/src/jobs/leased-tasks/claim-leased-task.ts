import { forgetOldest } from '../../util/forget-oldest.js';
import type { LeasedTaskKey, LeasedTaskTable, LeaseHolder, UntypedDb } from './leased-task-table.js';

/**
 * Runs this process has seen past their starting status (by table and id). A run never goes back to
 * a starting status, so once the update below has run for a run, its next claims need not repeat it
 * (a run of a thousand accounts repeated it a thousand times). Bounded: the oldest are forgotten.
 */
const runsStarted = new Set<string>();
const RUNS_STARTED_KEPT = 1024;

/** A claim won: the task's key, its claims so far (this one included) and the table's `claimColumns`. */
export interface WonClaim {
  key: string;
  attempts: number;
  /** The task's columns named by `LeasedTaskTable.claimColumns`, read back with the claim. */
  columns: Record<string, unknown>;
}

/**
 * Claims one task of an active run: a pending one, or a running one whose holder let its lease
 * lapse (it died, or stalled past the lease). Returns the claims so far (this one included), or
 * undefined when not won. See `claimLeasedTasks`.
 */
export async function claimLeasedTask(db: UntypedDb, table: LeasedTaskTable, key: LeasedTaskKey, holder: LeaseHolder): Promise<number | undefined> {
  return (await claimLeasedTasks(db, table, key.runId, [key.key], holder))[0]?.attempts;
}

/**
 * Claims tasks of one active run (pending ones, or running ones whose holder let the lease lapse)
 * for one holder. One conditional UPDATE, so of concurrent claimers exactly one wins each task; the
 * claims won come back with it (SQLite and Postgres both return rows from an UPDATE), in no set
 * order: no second read per task, and a thousand accounts claimed in a few statements rather than a
 * thousand. A run still `queued` (a starting status) becomes `running` with its start time.
 */
export async function claimLeasedTasks(db: UntypedDb, table: LeasedTaskTable, runId: string, keys: readonly string[], holder: LeaseHolder): Promise<WonClaim[]> {
  if (keys.length === 0) return [];
  const nowIso = new Date(holder.nowMs).toISOString();
  const extra = table.claimColumns ?? [];
  const rows: Array<Record<string, unknown>> = await db
    .updateTable(table.tasks)
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      replica_id: holder.replicaId,
      worker_id: holder.workerId,
      lease_expires_at: new Date(holder.nowMs + holder.leaseMs).toISOString(),
      started_at: nowIso,
    }))
    .where('run_id', '=', runId)
    .where(table.keyColumn, 'in', [...keys])
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'running'), eb('lease_expires_at', '<', nowIso)])]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom(`${table.runs} as r`)
          .select('r.id')
          .whereRef('r.id', '=', `${table.tasks}.run_id`)
          .where('r.status', 'in', [...table.activeRunStatuses]),
      ),
    )
    .returning([`${table.keyColumn} as claimed_key`, 'attempts', ...extra])
    .execute();
  if (rows.length === 0) return [];
  const started = `${table.runs}|${runId}`;
  if (table.startingRunStatuses.length > 0 && !runsStarted.has(started)) {
    await db
      .updateTable(table.runs)
      .set({ status: 'running', started_at: nowIso })
      .where('id', '=', runId)
      .where('status', 'in', [...table.startingRunStatuses])
      .execute();
    runsStarted.add(started);
    forgetOldest(runsStarted, RUNS_STARTED_KEPT);
  }
  return rows.map((row) => {
    const columns: Record<string, unknown> = {};
    for (const name of extra) columns[name] = row[name];
    return { key: String(row.claimed_key), attempts: Number(row.attempts), columns };
  });
}

/**
 * Renews a claim; `extra` columns are written with it (live progress). False when the claim is gone:
 * the task finished or was released elsewhere, or another worker took it over after the lease lapsed.
 */
export async function renewLeasedTask(db: UntypedDb, table: LeasedTaskTable, key: LeasedTaskKey, holder: LeaseHolder, extra: Record<string, unknown> = {}): Promise<boolean> {
  const res = await db
    .updateTable(table.tasks)
    .set({ ...extra, lease_expires_at: new Date(holder.nowMs + holder.leaseMs).toISOString() })
    .where('run_id', '=', key.runId)
    .where(table.keyColumn, '=', key.key)
    .where('status', '=', 'running')
    .where('replica_id', '=', holder.replicaId)
    .where('worker_id', '=', holder.workerId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Hands a claim back: the task is pending again for any runner. False when it was no longer held. */
export async function releaseLeasedTask(db: UntypedDb, table: LeasedTaskTable, key: LeasedTaskKey, holder: Pick<LeaseHolder, 'replicaId' | 'workerId'>): Promise<boolean> {
  const res = await db
    .updateTable(table.tasks)
    .set({ status: 'pending', lease_expires_at: null })
    .where('run_id', '=', key.runId)
    .where(table.keyColumn, '=', key.key)
    .where('status', '=', 'running')
    .where('replica_id', '=', holder.replicaId)
    .where('worker_id', '=', holder.workerId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Takes every task marked running back to pending without waiting for leases: right for SQLite at
 * start, where one hub process owns the file, so whatever was running when it started is orphaned.
 */
export async function takeOverRunningTasks(db: UntypedDb, table: LeasedTaskTable): Promise<void> {
  await db.updateTable(table.tasks).set({ status: 'pending', lease_expires_at: null }).where('status', '=', 'running').execute();
}
