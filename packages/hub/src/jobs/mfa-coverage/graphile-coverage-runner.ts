import { Logger, makeWorkerUtils, run, type Runner, type Task, type WorkerUtils } from 'graphile-worker';
import { sql } from 'kysely';
import type { HubContext } from '../../hub-context.js';
import { claimCoverageTask } from './claim-coverage-task.js';
import type { CoverageJobOptions } from './coverage-job-options.js';
import type { CoverageRunner } from './coverage-runner.js';
import { coverageDb } from './coverage-tables.js';
import { executeCoverageTask } from './execute-coverage-task.js';
import { LiveCoverageProgress } from './live-coverage-progress.js';
import { PageSlots } from '../../reports/mfa-coverage/index.js';

/**
 * Jobs one replica runs at once on Postgres unless DUOHUB_COVERAGE_CONCURRENCY says otherwise: each is
 * a graphile-worker slot, so it is a number rather than "all"; replicas add up, and page reads inside
 * them share the replica's `pagesInFlight`.
 */
export const DEFAULT_GRAPHILE_JOBS = 128;

/** graphile-worker's task identifier for one coverage task. */
export const COVERAGE_TASK = 'duohub_coverage_task';

/** The job key of a task: enqueueing it again is a no-op while its job exists. */
export function coverageJobKey(runId: string, accountId: string): string {
  return `coverage:${runId}:${accountId}`;
}

interface Payload {
  runId: string;
  accountId: string;
}

/** Options of the Postgres runner. */
export interface GraphileRunnerOptions extends CoverageJobOptions {
  databaseUrl: string;
}

/**
 * Runs coverage tasks through graphile-worker on Postgres, one job per task, so every hub replica
 * on the database shares a run (LISTEN/NOTIFY hands a new job to an idle worker within
 * milliseconds). Jobs are only delivery: the task row's claim, lease and write-once outcome decide
 * who works and what counts.
 *
 * A replica killed mid-task leaves its job locked, and graphile-worker only unlocks jobs after
 * four hours. So every replica, on start and then every half lease, runs `maintain()`:
 *   1. dead workers: a job locked for longer than a lease whose task has no live lease (not running,
 *      or its holder stopped renewing) belongs to a dead worker, since live holders claim within
 *      milliseconds of locking and renew every third of a lease. Those worker ids are passed to
 *      `forceUnlockWorkers`, which frees their jobs for any replica; the claim then takes over the
 *      lapsed lease.
 *   2. lost jobs: an unfinished task of an active run without any job (run created where no runner
 *      was listening, job finished early by a claim that lost a race) is enqueued again.
 * A worker wrongly presumed dead (stalled past the lease) only costs a duplicate scan: the outcome
 * is written once, by whichever finishes first.
 */
export class GraphileCoverageRunner implements CoverageRunner {
  readonly kind = 'graphile';
  readonly replicaId: string;
  readonly #hub: HubContext;
  readonly #options: GraphileRunnerOptions;
  readonly #inflight = new Map<string, { runId: string; controller: AbortController; workerId: string }>();
  #utils: WorkerUtils | undefined;
  #runner: Runner | undefined;
  #timer: NodeJS.Timeout | undefined;
  #maintaining: Promise<void> | undefined;
  #stopped = false;
  readonly #slots: PageSlots;
  /** Users counted by this replica's tasks in progress (runs' views read it). */
  readonly live = new LiveCoverageProgress();

  constructor(hub: HubContext, options: GraphileRunnerOptions) {
    this.#hub = hub;
    this.#options = options;
    this.replicaId = options.replicaId;
    this.#slots = new PageSlots(options.pagesInFlight);
  }

  async start(): Promise<void> {
    const logger = graphileLogger(this.#hub);
    this.#utils = await makeWorkerUtils({ connectionString: this.#options.databaseUrl, logger });
    await this.#utils.migrate();
    const task: Task = (payload, helpers) => this.#handle(payload as Payload, helpers.job.locked_by ?? `unknown-${this.replicaId}`, helpers.abortSignal);
    this.#runner = await run({
      connectionString: this.#options.databaseUrl,
      concurrency: this.#options.concurrency ?? DEFAULT_GRAPHILE_JOBS,
      noHandleSignals: true,
      pollInterval: this.#options.pollMs,
      logger,
      taskList: { [COVERAGE_TASK]: task },
    });
    await this.maintain();
    this.#timer = setInterval(() => void this.maintain(), Math.max(100, Math.floor(this.#options.leaseMs / 2)));
    this.#timer.unref();
  }

  notify(runId: string): void {
    void this.#enqueueRun(runId).catch((error: unknown) => this.#hub.logger.warn({ err: error, run_id: runId }, 'could not enqueue coverage tasks; maintenance will retry'));
  }

  cancelRun(runId: string): void {
    for (const job of this.#inflight.values()) if (job.runId === runId) job.controller.abort(new Error('run cancelled'));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#maintaining;
    const released = [...this.#inflight.entries()];
    for (const [, job] of released) job.controller.abort(new Error('runner stopping'));
    await this.#runner?.stop();
    // Released tasks are pending again; their jobs ended with them, so hand them to the other replicas now.
    for (const [key] of released) {
      const [runId, accountId] = key.split('|') as [string, string];
      await this.#addJob(runId, accountId).catch(() => {});
    }
    await this.#utils?.release();
  }

  /** Reclaims tasks of dead workers and re-enqueues tasks without a job (see the class comment). */
  maintain(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    this.#maintaining ??= this.#maintainOnce()
      .catch((error: unknown) => this.#hub.logger.warn({ err: error }, 'coverage maintenance failed; retrying at the next tick'))
      .finally(() => (this.#maintaining = undefined));
    return this.#maintaining;
  }

  async #maintainOnce(): Promise<void> {
    const db = this.#hub.store.db;
    const nowIso = this.#hub.now().toISOString();
    const leaseSec = this.#options.leaseMs / 1000;
    const own = [...new Set([...this.#inflight.values()].map((j) => j.workerId))];
    const dead = await sql<{ locked_by: string }>`
      select distinct j.locked_by
        from graphile_worker.jobs j
        join coverage_tasks t on j.key = 'coverage:' || t.run_id || ':' || t.account_id
       where j.task_identifier = ${COVERAGE_TASK}
         and j.locked_by is not null
         and j.locked_at < now() - make_interval(secs => ${leaseSec})
         and not (t.status = 'running' and t.lease_expires_at > ${nowIso})`.execute(db);
    const workerIds = dead.rows.map((r) => r.locked_by).filter((id) => !own.includes(id));
    if (workerIds.length > 0) {
      this.#hub.logger.warn({ worker_ids: workerIds }, 'unlocking coverage jobs of workers that stopped renewing their leases');
      await this.#utils!.forceUnlockWorkers(workerIds);
    }
    const lost = await sql<{ run_id: string; account_id: string }>`
      select t.run_id, t.account_id
        from coverage_tasks t
        join coverage_runs r on r.id = t.run_id
       where r.status in ('queued', 'running')
         and (t.status = 'pending' or (t.status = 'running' and t.lease_expires_at < ${nowIso}))
         and not exists (select 1 from graphile_worker.jobs j where j.key = 'coverage:' || t.run_id || ':' || t.account_id)`.execute(db);
    for (const row of lost.rows) await this.#addJob(row.run_id, row.account_id);
  }

  async #enqueueRun(runId: string): Promise<void> {
    const tasks = await coverageDb(this.#hub.store.db)
      .selectFrom('coverage_tasks')
      .select('account_id')
      .where('run_id', '=', runId)
      .where('status', 'in', ['pending', 'running'])
      .orderBy('seq')
      .execute();
    for (const t of tasks) await this.#addJob(runId, t.account_id);
  }

  async #addJob(runId: string, accountId: string): Promise<void> {
    const payload: Payload = { runId, accountId };
    await this.#utils!.addJob(COVERAGE_TASK, payload, { jobKey: coverageJobKey(runId, accountId), jobKeyMode: 'unsafe_dedupe', maxAttempts: 10 });
  }

  async #handle(payload: Payload, workerId: string, abortSignal: AbortSignal): Promise<void> {
    if (this.#stopped) throw new Error('runner stopping');
    const db = coverageDb(this.#hub.store.db);
    const key = `${payload.runId}|${payload.accountId}`;
    const claimed = await claimCoverageTask(db, payload, {
      replicaId: this.replicaId,
      workerId,
      leaseMs: this.#options.leaseMs,
      nowMs: this.#hub.now().getTime(),
    });
    // Finished, cancelled, or held under a live lease elsewhere: this delivery has nothing to do.
    if (!claimed) return;
    const controller = new AbortController();
    const onAbort = () => controller.abort(abortSignal.reason);
    abortSignal.addEventListener('abort', onAbort, { once: true });
    this.#inflight.set(key, { runId: payload.runId, controller, workerId });
    try {
      await executeCoverageTask(
        this.#hub,
        claimed,
        { replicaId: this.replicaId, workerId, leaseMs: this.#options.leaseMs, retry: this.#options.retry, pageSlots: this.#slots, live: this.live },
        controller.signal,
      );
    } finally {
      abortSignal.removeEventListener('abort', onAbort);
      this.#inflight.delete(key);
    }
  }
}

/** graphile-worker's log lines into the hub's logger (warnings and errors only). */
function graphileLogger(hub: HubContext): Logger {
  return new Logger((scope) => (level, message) => {
    if (level === 'error') hub.logger.error({ scope: { label: scope.label } }, `graphile-worker: ${message}`);
    else if (level === 'warning') hub.logger.warn({ scope: { label: scope.label } }, `graphile-worker: ${message}`);
  });
}
