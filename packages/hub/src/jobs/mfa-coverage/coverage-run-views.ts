import type { Actor } from '../../access/actor.js';
import { auditedWrite } from '../../audit/audited-write.js';
import { HubError } from '../../errors/hub-error.js';
import type { HubContext } from '../../hub-context.js';
import type { ScanError } from '../../reports/mfa-coverage/index.js';
import { coverageJobsOf } from './coverage-jobs.js';
import { selectsStatus, type CoverageRunTasks } from './parse-task-selection.js';
import { coverageDb, type CoverageDb, type CoverageRunsTable, type CoverageRunStatus, type CoverageTables, type CoverageTaskStatus } from './coverage-tables.js';
import { inFlightUsers } from './in-flight-users.js';
import { announceCoverageRunEnded, coverageRunEndedOrAfter } from './coverage-run-ended.js';

/** A run as the API shows it. */
export interface CoverageRunView {
  id: string;
  integration_id: string;
  status: CoverageRunStatus;
  trigger: string;
  requested_by: string | null;
  /** The reference time of the run's scans. */
  as_of: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  progress: {
    accounts_total: number;
    accounts_done: number;
    accounts_failed: number;
    /** Users counted by finished accounts plus those counted so far by running ones. */
    users_seen: number;
  };
  error: { code: string; message: string } | null;
}

/** One account's task, for a run's detail view. */
export interface CoverageTaskView {
  account_id: string;
  name: string;
  status: CoverageTaskStatus;
  attempts: number;
  users_seen: number;
  /** The replica holding (or that last held) the task. */
  held_by: string | null;
  /** The replica that wrote the outcome. */
  processed_by: string | null;
  started_at: string | null;
  finished_at: string | null;
  error: ScanError | null;
}

function toView(run: CoverageRunsTable, inFlightUsers: number): CoverageRunView {
  return {
    id: run.id,
    integration_id: run.integration_id,
    status: run.status,
    trigger: run.trigger,
    requested_by: run.requested_by,
    as_of: new Date(Number(run.now_ms)).toISOString(),
    created_at: run.created_at,
    started_at: run.started_at,
    finished_at: run.finished_at,
    progress: {
      accounts_total: Number(run.accounts_total),
      accounts_done: Number(run.accounts_done),
      accounts_failed: Number(run.accounts_failed),
      users_seen: Number(run.users_seen) + inFlightUsers,
    },
    error: run.error ? (JSON.parse(run.error) as { code: string; message: string }) : null,
  };
}

/** Runs, newest first (optionally of one integration), without their tasks. */
export async function listCoverageRuns(hub: HubContext, filter: { integrationId?: string | undefined; limit?: number | undefined } = {}): Promise<CoverageRunView[]> {
  let query = coverageDb(hub.store.db).selectFrom('coverage_runs').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 50);
  if (filter.integrationId) query = query.where('integration_id', '=', filter.integrationId);
  const runs = await query.execute();
  const active = runs.filter((r) => r.status === 'running').map((r) => r.id);
  const running = new Map<string, Array<{ account_id: string; users_seen: number }>>();
  if (active.length > 0) {
    for (const r of await runningTasks(coverageDb(hub.store.db), active)) running.set(r.run_id, [...(running.get(r.run_id) ?? []), r]);
  }
  const live = coverageJobsOf(hub)?.runner.live;
  return runs.map((r) => toView(r, inFlightUsers(running.get(r.id) ?? [], live?.usersOf(r.id))));
}

/** The tasks of `runIds` under way, with what each has counted so far: what a run's progress adds to its counters. */
function runningTasks(db: CoverageDb, runIds: string[]) {
  return db.selectFrom('coverage_tasks').select(['run_id', 'account_id', 'users_seen']).where('run_id', 'in', runIds).where('status', '=', 'running').execute();
}

const TASK_COLUMNS = ['account_id', 'name', 'status', 'attempts', 'users_seen', 'replica_id', 'processed_by', 'started_at', 'finished_at', 'error'] as const;

/**
 * A run's tasks as its view lists them, in the run's order (the (`run_id`, `seq`) index, migration
 * 0014). Never their results: a progress poll must not read and parse megabytes of them each time.
 */
export function runTasks(db: CoverageDb, runId: string, which: Exclude<CoverageRunTasks, 'none'>) {
  const listed = db.selectFrom('coverage_tasks').select(TASK_COLUMNS).where('run_id', '=', runId);
  return (which === 'all' ? listed : listed.where('status', 'in', which)).orderBy('seq');
}

/**
 * One run, with the tasks `which` asks for (all by default, those of some statuses, or absent with
 * `none`); `not_found` when unknown. Progress is the run's counters plus what running tasks have
 * counted so far, whichever tasks are listed: a poller that only shows progress (the CLI,
 * `tasks=none`) reads the run row and its running tasks, not every account's row (about 7 ms a read
 * at 1,000 accounts).
 */
export async function getCoverageRun(hub: HubContext, runId: string, which: CoverageRunTasks = 'all'): Promise<CoverageRunView & { tasks?: CoverageTaskView[] }> {
  const db = coverageDb(hub.store.db);
  const run = await db.selectFrom('coverage_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) throw new HubError('not_found', { message: 'No coverage run with that id.' });
  const live = coverageJobsOf(hub)?.runner.live.usersOf(runId);
  // No statuses lists no tasks (`in ()` is not SQL); the parser never makes such a list, code might.
  const tasks = which === 'none' ? undefined : which !== 'all' && which.length === 0 ? [] : await runTasks(db, runId, which).execute();
  const running = tasks && selectsStatus(which, 'running') ? tasks.filter((t) => t.status === 'running') : await runningTasks(db, [runId]);
  const view = toView(run, inFlightUsers(running, live));
  if (!tasks) return view;
  const legacyErrors = await errorsOfFailedTasksBefore0006(hub, runId, tasks);
  return {
    ...view,
    tasks: tasks.map((t) => {
      const error = t.error ? (JSON.parse(t.error) as ScanError) : (legacyErrors.get(t.account_id) ?? null);
      return {
        account_id: t.account_id,
        name: t.name,
        status: t.status,
        attempts: Number(t.attempts),
        users_seen: Number(t.users_seen),
        held_by: t.replica_id,
        processed_by: t.processed_by,
        started_at: t.started_at,
        finished_at: t.finished_at,
        error: t.status === 'failed' ? error : null,
      };
    }),
  };
}

// How often a held progress read looks at the run's status: the store is shared by replicas, so a
// run another one finishes is seen too. A run this process ends wakes it at once (coverage-run-ended.ts).
const WAIT_LOOK_MS = 40;

/**
 * Resolves once the run has left queued/running, or after `waitMs`, whichever comes first (unknown
 * runs resolve at once, for the caller's read to answer 404). `lookMs`: how often it looks (tests).
 */
export async function waitForCoverageRunEnd(hub: HubContext, runId: string, waitMs: number, lookMs = WAIT_LOOK_MS): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await coverageDb(hub.store.db).selectFrom('coverage_runs').select('status').where('id', '=', runId).executeTakeFirst();
    if (!row || (row.status !== 'queued' && row.status !== 'running')) return;
    const left = deadline - Date.now();
    if (left <= 0) return;
    await coverageRunEndedOrAfter(runId, Math.min(lookMs, left));
  }
}

/** Failed tasks written before migration 0006 carry their error only inside `result`: read just those. */
async function errorsOfFailedTasksBefore0006(
  hub: HubContext,
  runId: string,
  tasks: ReadonlyArray<{ account_id: string; status: CoverageTaskStatus; error: string | null }>,
): Promise<Map<string, ScanError>> {
  const ids = tasks.filter((t) => t.status === 'failed' && t.error === null).map((t) => t.account_id);
  const out = new Map<string, ScanError>();
  if (ids.length === 0) return out;
  const rows = await coverageDb(hub.store.db).selectFrom('coverage_tasks').select(['account_id', 'result']).where('run_id', '=', runId).where('account_id', 'in', ids).execute();
  for (const r of rows) {
    const outcome = r.result ? (JSON.parse(r.result) as { error?: ScanError }) : undefined;
    if (outcome?.error) out.set(r.account_id, outcome.error);
  }
  return out;
}

/**
 * Cancels a queued or running run: unfinished tasks become `cancelled` (their holders lose their
 * claim at the next renewal and write nothing), the run ends without a snapshot. `conflict` when
 * the run has already ended. Audited as `reports.mfa_coverage.cancel`.
 */
export async function cancelCoverageRun(hub: HubContext, actor: Actor, runId: string): Promise<void> {
  await auditedWrite(hub, actor, { action: 'reports.mfa_coverage.cancel', targetType: 'coverage_run', targetId: runId }, async (trx) => {
    const db = trx.withTables<CoverageTables>();
    const run = await db.selectFrom('coverage_runs').select(['status']).where('id', '=', runId).executeTakeFirst();
    if (!run) throw new HubError('not_found', { message: 'No coverage run with that id.' });
    const now = hub.now().toISOString();
    // Tasks first, then the run: the same lock order as a finishing task, so the two never deadlock.
    await db.updateTable('coverage_tasks').set({ status: 'cancelled', finished_at: now, lease_expires_at: null }).where('run_id', '=', runId).where('status', 'in', ['pending', 'running']).execute();
    const res = await db.updateTable('coverage_runs').set({ status: 'cancelled', finished_at: now }).where('id', '=', runId).where('status', 'in', ['queued', 'running']).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      throw new HubError('conflict', { message: `The run has already ended (${run.status}).`, details: { status: run.status } });
    }
  });
  announceCoverageRunEnded(runId);
}
