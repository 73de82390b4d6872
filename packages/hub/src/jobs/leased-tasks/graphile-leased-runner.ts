import { makeWorkerUtils, run, type Runner, type Task, type WorkerUtils } from 'graphile-worker';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { graphileLogger } from '../graphile/graphile-logger.js';
import { acquireJobPool, type JobPoolLease } from '../graphile/job-pool.js';
import { claimLeasedTask } from './claim-leased-task.js';
import type { LeasedTaskTable, UntypedDb } from './leased-task-table.js';
import type { LeasedRunnerDeps, LeasedTaskRunner, LeasedTaskWork } from './leased-task-work.js';
import { startOrStop } from '../graphile/start-or-stop.js';

interface Payload {
  runId: string;
  key: string;
}

/** Options of the Postgres runner. */
export interface GraphileLeasedRunnerOptions {
  databaseUrl: string;
  replicaId: string;
  leaseMs: number;
  pollMs: number;
  /** graphile-worker jobs this replica runs at once. */
  concurrency: number;
  /** graphile-worker's task identifier, e.g. `duohub_bulk_task`. */
  taskIdentifier: string;
  /** Job keys are `<prefix>:<run id>:<task key>`, e.g. `bulk`. */
  jobKeyPrefix: string;
  /** Names the runner in log lines. */
  label: string;
}

/**
 * Runs leased tasks through graphile-worker on Postgres, one job per task, so every hub replica on
 * the database shares a run (LISTEN/NOTIFY hands a new job to an idle worker within milliseconds).
 * Jobs are only delivery: the task row's claim and lease decide who works.
 *
 * A replica killed mid-task leaves its job locked, and graphile-worker only unlocks jobs after four
 * hours. So every replica, on start and then every half lease, runs `maintain()`:
 *   1. dead workers: a job locked for longer than a lease whose task has no live lease belongs to a
 *      dead worker (live holders claim within milliseconds of locking and renew every third of a
 *      lease); `forceUnlockWorkers` frees its jobs for any replica, whose claim takes over the lease;
 *   2. lost jobs: an unfinished task of an active run without a job (run started where no runner was
 *      listening, released by a stopping replica, paused and resumed) is enqueued again.
 */
export class GraphileLeasedRunner implements LeasedTaskRunner {
  readonly kind = 'graphile';
  readonly replicaId: string;
  readonly #db: () => UntypedDb;
  readonly #table: LeasedTaskTable;
  readonly #work: LeasedTaskWork;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #options: GraphileLeasedRunnerOptions;
  readonly #inflight = new Map<string, { runId: string; controller: AbortController; workerId: string }>();
  #pool: JobPoolLease | undefined;
  #utils: WorkerUtils | undefined;
  #runner: Runner | undefined;
  #timer: NodeJS.Timeout | undefined;
  #maintaining: Promise<void> | undefined;
  #stopped = false;

  constructor(deps: LeasedRunnerDeps, options: GraphileLeasedRunnerOptions) {
    this.#db = deps.db;
    this.#table = deps.table;
    this.#work = deps.work;
    this.#logger = deps.logger;
    this.#now = deps.now;
    this.#options = options;
    this.replicaId = options.replicaId;
  }

  /** The job key of a task: enqueueing it again is a no-op while its job exists. */
  jobKey(runId: string, key: string): string {
    return `${this.#options.jobKeyPrefix}:${runId}:${key}`;
  }

  start(): Promise<void> {
    return startOrStop(() => this.#open(), () => this.stop());
  }

  async #open(): Promise<void> {
    const logger = graphileLogger(this.#logger);
    this.#pool = acquireJobPool(this.#options.databaseUrl);
    this.#utils = await makeWorkerUtils({ pgPool: this.#pool.pool, logger });
    await this.#utils.migrate();
    const task: Task = (payload, helpers) => this.#handle(payload as Payload, helpers.job.locked_by ?? `unknown-${this.replicaId}`, helpers.abortSignal);
    this.#runner = await run({
      pgPool: this.#pool.pool,
      concurrency: this.#options.concurrency,
      noHandleSignals: true,
      pollInterval: this.#options.pollMs,
      logger,
      taskList: { [this.#options.taskIdentifier]: task },
    });
    await this.maintain();
    this.#timer = setInterval(() => void this.maintain(), Math.max(100, Math.floor(this.#options.leaseMs / 2)));
    this.#timer.unref();
  }

  notify(runId: string): void {
    void this.#enqueueRun(runId).catch((error: unknown) => this.#logger.warn({ err: error, run_id: runId }, `could not enqueue ${this.#options.label} tasks; maintenance will retry`));
  }

  abortRun(runId: string, reason: string): void {
    for (const job of this.#inflight.values()) if (job.runId === runId) job.controller.abort(new Error(reason));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#maintaining;
    const released = [...this.#inflight.entries()];
    for (const [, job] of released) job.controller.abort(new Error('runner stopping'));
    await this.#runner?.stop();
    // Released tasks are pending again; their jobs ended with them, so hand them to the other replicas now.
    for (const [id] of released) {
      const [runId, key] = id.split('|') as [string, string];
      await this.#addJob(runId, key).catch(() => {});
    }
    await this.#utils?.release();
    await this.#pool?.release();
  }

  /** Frees jobs of dead workers and enqueues tasks without a job (see the class comment). */
  maintain(): Promise<void> {
    if (this.#stopped || !this.#utils) return Promise.resolve();
    this.#maintaining ??= this.#maintainOnce()
      .catch((error: unknown) => this.#logger.warn({ err: error }, `${this.#options.label} maintenance failed; retrying at the next tick`))
      .finally(() => (this.#maintaining = undefined));
    return this.#maintaining;
  }

  async #maintainOnce(): Promise<void> {
    const db = this.#db();
    const nowIso = new Date(this.#now()).toISOString();
    const leaseSec = this.#options.leaseMs / 1000;
    const own = [...new Set([...this.#inflight.values()].map((j) => j.workerId))];
    const tasks = sql.table(this.#table.tasks);
    const runs = sql.table(this.#table.runs);
    const keyCol = sql.ref(`t.${this.#table.keyColumn}`);
    const prefix = `${this.#options.jobKeyPrefix}:`;
    const dead = await sql<{ locked_by: string }>`
      select distinct j.locked_by
        from graphile_worker.jobs j
        join ${tasks} t on j.key = ${prefix} || t.run_id || ':' || ${keyCol}
       where j.task_identifier = ${this.#options.taskIdentifier}
         and j.locked_by is not null
         and j.locked_at < now() - make_interval(secs => ${leaseSec})
         and not (t.status = 'running' and t.lease_expires_at > ${nowIso})`.execute(db);
    const workerIds = dead.rows.map((r) => r.locked_by).filter((id) => !own.includes(id));
    if (workerIds.length > 0) {
      this.#logger.warn({ worker_ids: workerIds }, `unlocking ${this.#options.label} jobs of workers that stopped renewing their leases`);
      await this.#utils!.forceUnlockWorkers(workerIds);
    }
    const active = sql.join([...this.#table.activeRunStatuses].map((s) => sql`${s}`));
    const lost = await sql<{ run_id: string; task_key: string }>`
      select t.run_id, ${keyCol} as task_key
        from ${tasks} t
        join ${runs} r on r.id = t.run_id
       where r.status in (${active})
         and (t.status = 'pending' or (t.status = 'running' and t.lease_expires_at < ${nowIso}))
         and not exists (select 1 from graphile_worker.jobs j where j.key = ${prefix} || t.run_id || ':' || ${keyCol})`.execute(db);
    for (const row of lost.rows) await this.#addJob(row.run_id, row.task_key);
  }

  async #enqueueRun(runId: string): Promise<void> {
    const rows = await this.#db()
      .selectFrom(this.#table.tasks)
      .select(`${this.#table.keyColumn} as task_key`)
      .where('run_id', '=', runId)
      .where('status', 'in', ['pending', 'running'])
      .orderBy('seq')
      .execute();
    for (const t of rows as Array<{ task_key: string }>) await this.#addJob(runId, t.task_key);
  }

  async #addJob(runId: string, key: string): Promise<void> {
    const payload: Payload = { runId, key };
    await this.#utils!.addJob(this.#options.taskIdentifier, payload, { jobKey: this.jobKey(runId, key), jobKeyMode: 'unsafe_dedupe', maxAttempts: 10 });
  }

  async #handle(payload: Payload, workerId: string, abortSignal: AbortSignal): Promise<void> {
    if (this.#stopped) throw new Error('runner stopping');
    const id = `${payload.runId}|${payload.key}`;
    const attempts = await claimLeasedTask(this.#db(), this.#table, payload, {
      replicaId: this.replicaId,
      workerId,
      leaseMs: this.#options.leaseMs,
      nowMs: this.#now(),
    });
    // Finished, paused, cancelled, or held under a live lease elsewhere: this delivery has nothing to do.
    if (attempts === undefined) return;
    const controller = new AbortController();
    const onAbort = () => controller.abort(abortSignal.reason);
    abortSignal.addEventListener('abort', onAbort, { once: true });
    this.#inflight.set(id, { runId: payload.runId, controller, workerId });
    try {
      await this.#work({ ...payload, workerId, attempts }, controller.signal);
    } finally {
      abortSignal.removeEventListener('abort', onAbort);
      this.#inflight.delete(id);
    }
  }
}
