import type { HubContext } from '../../hub-context.js';
import { claimCoverageTask } from './claim-coverage-task.js';
import type { CoverageJobOptions } from './coverage-job-options.js';
import type { CoverageRunner } from './coverage-runner.js';
import { coverageDb } from './coverage-tables.js';
import { executeCoverageTask } from './execute-coverage-task.js';
import { findClaimableTasks } from './find-claimable-tasks.js';
import { LiveCoverageProgress } from './live-coverage-progress.js';
import { PageSlots } from '../../reports/mfa-coverage/index.js';

// Tasks looked up per query while claiming; a large run is claimed over several.
const CLAIM_BATCH = 200;

/** Options of the in-process runner. */
export interface LocalRunnerOptions extends CoverageJobOptions {
  /**
   * Take over tasks marked running by earlier processes without waiting for their leases: right for
   * SQLite, where one hub process owns the file, so whatever was running when it started is orphaned.
   */
  takeOverOnStart: boolean;
}

/**
 * Runs coverage tasks inside this process (SQLite): every claimable account at once unless
 * `concurrency` caps them, their page reads bounded together by `pagesInFlight`. It looks for work
 * when told (`notify`), when a task ends, and every `pollMs` (runs created by another process, lapsed
 * leases). On start it resumes unfinished runs: tasks with an outcome are kept, the rest re-run.
 */
export class LocalCoverageRunner implements CoverageRunner {
  readonly kind = 'local';
  readonly replicaId: string;
  readonly #hub: HubContext;
  readonly #options: LocalRunnerOptions;
  readonly #inflight = new Map<string, { runId: string; controller: AbortController; done: Promise<unknown> }>();
  #timer: NodeJS.Timeout | undefined;
  #pumping = false;
  #again = false;
  #stopped = false;
  #workerSeq = 0;
  readonly #slots: PageSlots;
  readonly #cap: number;
  /** Users counted by this process's tasks in progress (runs' views read it). */
  readonly live = new LiveCoverageProgress();

  constructor(hub: HubContext, options: LocalRunnerOptions) {
    this.#hub = hub;
    this.#options = options;
    this.replicaId = options.replicaId;
    this.#slots = new PageSlots(options.pagesInFlight);
    this.#cap = options.concurrency ?? Number.POSITIVE_INFINITY;
  }

  async start(): Promise<void> {
    if (this.#options.takeOverOnStart) {
      await coverageDb(this.#hub.store.db)
        .updateTable('coverage_tasks')
        .set({ status: 'pending', lease_expires_at: null })
        .where('status', '=', 'running')
        .execute();
    }
    this.#timer = setInterval(() => this.#kick(), this.#options.pollMs);
    this.#timer.unref();
    this.#kick();
  }

  notify(): void {
    this.#kick();
  }

  cancelRun(runId: string): void {
    for (const job of this.#inflight.values()) if (job.runId === runId) job.controller.abort(new Error('run cancelled'));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    const running = [...this.#inflight.values()];
    for (const job of running) job.controller.abort(new Error('runner stopping'));
    await Promise.allSettled(running.map((j) => j.done));
  }

  /** Tasks this runner is working on now. */
  get active(): number {
    return this.#inflight.size;
  }

  #kick(): void {
    if (this.#stopped) return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    this.#pump()
      .catch((error: unknown) => this.#hub.logger.error({ err: error }, 'coverage runner could not look for tasks'))
      .finally(() => {
        this.#pumping = false;
        if (this.#again) {
          this.#again = false;
          this.#kick();
        }
      });
  }

  async #pump(): Promise<void> {
    const db = coverageDb(this.#hub.store.db);
    while (!this.#stopped && this.#inflight.size < this.#cap) {
      const wanted = Math.min(this.#cap - this.#inflight.size, CLAIM_BATCH);
      const candidates = (await findClaimableTasks(db, this.#hub.now().getTime(), wanted + this.#inflight.size)).filter(
        (c) => !this.#inflight.has(`${c.runId}|${c.accountId}`),
      );
      let claimedAny = false;
      for (const candidate of candidates) {
        if (this.#stopped || this.#inflight.size >= this.#cap) break;
        const workerId = `local-${++this.#workerSeq}`;
        const claimed = await claimCoverageTask(db, candidate, {
          replicaId: this.replicaId,
          workerId,
          leaseMs: this.#options.leaseMs,
          nowMs: this.#hub.now().getTime(),
        });
        if (!claimed) continue;
        claimedAny = true;
        const key = `${candidate.runId}|${candidate.accountId}`;
        const controller = new AbortController();
        const done = executeCoverageTask(
          this.#hub,
          claimed,
          { replicaId: this.replicaId, workerId, leaseMs: this.#options.leaseMs, retry: this.#options.retry, pageSlots: this.#slots, live: this.live },
          controller.signal,
        )
          .catch((error: unknown) => this.#hub.logger.warn({ err: error, run_id: candidate.runId, account_id: candidate.accountId }, 'coverage task failed; it will be retried'))
          .finally(() => {
            this.#inflight.delete(key);
            this.#kick();
          });
        this.#inflight.set(key, { runId: candidate.runId, controller, done });
      }
      if (!claimedAny) break;
    }
  }
}
