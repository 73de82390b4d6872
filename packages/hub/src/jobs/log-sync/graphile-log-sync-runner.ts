import { makeWorkerUtils, run, type Runner, type Task, type WorkerUtils } from 'graphile-worker';
import { sql } from 'kysely';
import type { HubContext } from '../../hub-context.js';
import { graphileLogger } from '../graphile/graphile-logger.js';
import { acquireJobPool, type JobPoolLease } from '../graphile/job-pool.js';
import { PageSlots } from '../../reports/mfa-coverage/index.js';
import type { ExecuteLogUnitOptions } from './execute-log-unit.js';
import { findDueLogAccounts } from './find-due-log-units.js';
import { logSyncDb } from '../../logs/sync/log-sync-tables.js';
import type { LogSyncJobOptions } from './log-sync-job-options.js';
import type { LogSyncRunner } from './log-sync-runner.js';
import { runLogAccount } from './run-log-account.js';
import { startOrStop } from '../graphile/start-or-stop.js';

/** graphile-worker's task identifier for one Duo account's log sync. */
export const LOG_SYNC_TASK = 'duohub_log_sync_account';

/** The job key of an account: enqueueing it again is a no-op while its job exists. */
export function logSyncJobKey(integrationId: string, accountId: string): string {
  return `logsync:${integrationId}:${accountId}`;
}

interface Payload {
  integrationId: string;
  accountId: string;
}

/** Options of the Postgres runner. */
export interface GraphileLogSyncRunnerOptions extends LogSyncJobOptions {
  databaseUrl: string;
}

// Accounts looked up per maintenance pass for jobs to (re)enqueue.
const LOST_BATCH = 1000;

/**
 * Runs log sync through graphile-worker on Postgres: one job per Duo account with due units, so
 * every hub replica on the database shares the fleet (LISTEN/NOTIFY hands a new job to an idle
 * worker within milliseconds). Jobs are only delivery: each unit's claim, lease and fenced commits
 * decide who syncs what; a job works through its account's due units and ends.
 *
 * A replica killed mid-sync leaves its job locked, and graphile-worker only unlocks jobs after four
 * hours. So every replica, on start and then every half lease, runs `maintain()`:
 *   1. dead workers: a job locked for longer than a lease whose account has no unit under a live
 *      lease belongs to a dead worker (a live one claims a unit within milliseconds of taking the
 *      job and renews at a third of a lease); `forceUnlockWorkers` frees its jobs for any replica,
 *      and the claim takes over the lapsed lease;
 *   2. lost jobs: an account with claimable due units and no job (requested where no runner was
 *      listening, or requested again just as its job was ending) is enqueued again.
 */
export class GraphileLogSyncRunner implements LogSyncRunner {
  readonly kind = 'graphile';
  readonly replicaId: string;
  readonly #hub: HubContext;
  readonly #options: GraphileLogSyncRunnerOptions;
  readonly #inflight = new Map<string, { controller: AbortController; workerId: string }>();
  readonly #slots: PageSlots;
  #pool: JobPoolLease | undefined;
  #utils: WorkerUtils | undefined;
  #runner: Runner | undefined;
  #timer: NodeJS.Timeout | undefined;
  #maintaining: Promise<void> | undefined;
  #maintainAgain = false;
  #stopped = false;

  constructor(hub: HubContext, options: GraphileLogSyncRunnerOptions) {
    this.#hub = hub;
    this.#options = options;
    this.replicaId = options.replicaId;
    this.#slots = new PageSlots(options.pagesInFlight);
  }

  start(): Promise<void> {
    return startOrStop(() => this.#open(), () => this.stop());
  }

  async #open(): Promise<void> {
    const logger = graphileLogger(this.#hub.logger);
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
      taskList: { [LOG_SYNC_TASK]: task },
    });
    await this.maintain();
    this.#timer = setInterval(() => void this.maintain(), Math.max(100, Math.floor(this.#options.leaseMs / 2)));
    this.#timer.unref();
  }

  notify(): void {
    // A pass already under way may have looked before the request was committed: look once more after it.
    if (this.#maintaining) this.#maintainAgain = true;
    void this.maintain();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#maintaining;
    const released = [...this.#inflight.entries()];
    for (const [, job] of released) job.controller.abort(new Error('runner stopping'));
    await this.#runner?.stop();
    // Released units are free again; their jobs ended with them, so hand them to the other replicas now.
    for (const [key] of released) {
      const [integrationId, accountId] = key.split('|') as [string, string];
      await this.#addJob(integrationId, accountId).catch(() => {});
    }
    await this.#utils?.release();
    await this.#pool?.release();
  }

  /** Frees jobs of dead workers and enqueues accounts with due units but no job (see the class comment). */
  maintain(): Promise<void> {
    if (this.#stopped || !this.#utils) return Promise.resolve();
    this.#maintaining ??= this.#maintainOnce()
      .catch((error: unknown) => this.#hub.logger.warn({ err: error }, 'log sync maintenance failed; retrying at the next tick'))
      .finally(() => {
        this.#maintaining = undefined;
        if (this.#maintainAgain) {
          this.#maintainAgain = false;
          void this.maintain();
        }
      });
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
       where j.task_identifier = ${LOG_SYNC_TASK}
         and j.locked_by is not null
         and j.locked_at < now() - make_interval(secs => ${leaseSec})
         and not exists (
               select 1 from log_checkpoints c
                where j.key = 'logsync:' || c.integration_id || ':' || c.duo_account_id
                  and c.lease_expires_at > ${nowIso})`.execute(db);
    const workerIds = dead.rows.map((r) => r.locked_by).filter((id) => !own.includes(id));
    if (workerIds.length > 0) {
      this.#hub.logger.warn({ worker_ids: workerIds }, 'unlocking log sync jobs of workers that stopped renewing their leases');
      await this.#utils!.forceUnlockWorkers(workerIds);
    }
    const due = await findDueLogAccounts(logSyncDb(db), this.#hub.now().getTime(), LOST_BATCH);
    if (due.length === 0) return;
    const keys = due.map((a) => logSyncJobKey(a.integrationId, a.accountId));
    const existing = await sql<{ key: string }>`select key from graphile_worker.jobs where key = any(${keys})`.execute(db);
    const queued = new Set(existing.rows.map((r) => r.key));
    for (const a of due) if (!queued.has(logSyncJobKey(a.integrationId, a.accountId))) await this.#addJob(a.integrationId, a.accountId);
  }

  async #addJob(integrationId: string, accountId: string): Promise<void> {
    const payload: Payload = { integrationId, accountId };
    await this.#utils!.addJob(LOG_SYNC_TASK, payload, { jobKey: logSyncJobKey(integrationId, accountId), jobKeyMode: 'unsafe_dedupe', maxAttempts: 10 });
  }

  async #handle(payload: Payload, workerId: string, abortSignal: AbortSignal): Promise<void> {
    if (this.#stopped) throw new Error('runner stopping');
    const key = `${payload.integrationId}|${payload.accountId}`;
    const controller = new AbortController();
    const onAbort = () => controller.abort(abortSignal.reason);
    abortSignal.addEventListener('abort', onAbort, { once: true });
    this.#inflight.set(key, { controller, workerId });
    const options: ExecuteLogUnitOptions = {
      replicaId: this.replicaId,
      workerId,
      settings: { lagMs: this.#options.lagMs, backfillMs: this.#options.backfillMs, leaseMs: this.#options.leaseMs },
      retry: this.#options.retry,
      slots: this.#slots,
      maxAttempts: this.#options.maxAttempts,
      attemptBackoffMs: this.#options.attemptBackoffMs,
    };
    try {
      await runLogAccount(this.#hub, payload, options, controller.signal);
    } finally {
      abortSignal.removeEventListener('abort', onAbort);
      this.#inflight.delete(key);
    }
  }
}

