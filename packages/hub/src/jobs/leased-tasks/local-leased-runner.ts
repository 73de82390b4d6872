import type { Logger } from 'pino';
import { claimLeasedTasks, releaseLeasedTask, takeOverRunningTasks } from './claim-leased-task.js';
import { findClaimableLeasedTasks } from './find-claimable-leased-tasks.js';
import type { LeasedTaskKey, LeasedTaskTable, UntypedDb } from './leased-task-table.js';
import type { ClaimedLeasedTask, LeasedRunnerDeps, LeasedTaskRunner, LeasedTaskWork } from './leased-task-work.js';

// Tasks looked up per query while claiming; a large run is claimed over several.
const CLAIM_BATCH = 200;

/** Options of the in-process runner. */
export interface LocalLeasedRunnerOptions {
  replicaId: string;
  leaseMs: number;
  /** How often an idle runner looks for work it was not told about (other processes, lapsed leases). */
  pollMs: number;
  /** Tasks worked on at once by this process; undefined: no cap. */
  concurrency: number | undefined;
  /** Take over tasks marked running without waiting for their leases (SQLite: one process owns the file). */
  takeOverOnStart: boolean;
  /** Names the runner in log lines, e.g. `bulk`. */
  label: string;
}

/**
 * Runs leased tasks inside this process: every claimable task at once unless `concurrency` caps
 * them. It looks for work when told (`notify`), when a task ends, and every `pollMs`. The claim is
 * made here; `work` renews, finishes or releases it.
 */
export class LocalLeasedRunner implements LeasedTaskRunner {
  readonly kind = 'local';
  readonly replicaId: string;
  readonly #db: () => UntypedDb;
  readonly #table: LeasedTaskTable;
  readonly #options: LocalLeasedRunnerOptions;
  readonly #work: LeasedTaskWork;
  readonly #prepareBatch: LeasedRunnerDeps['prepare'];
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #inflight = new Map<string, { runId: string; controller: AbortController; done: Promise<unknown> }>();
  #timer: NodeJS.Timeout | undefined;
  #pumping = false;
  #again = false;
  /**
   * The last look found nothing to claim. A task that ends well makes nothing claimable, so it does
   * not look again (a thousand accounts ending one by one each queried every task of every run kept
   * in the store); `notify`, the poll (lapsed leases, other processes) and a task that failed (and
   * was handed back) do.
   */
  #idle = false;
  #stopped = false;
  #workerSeq = 0;

  constructor(deps: LeasedRunnerDeps, options: LocalLeasedRunnerOptions) {
    this.#db = deps.db;
    this.#table = deps.table;
    this.#work = deps.work;
    this.#prepareBatch = deps.prepare;
    this.#logger = deps.logger;
    this.#now = deps.now;
    this.#options = options;
    this.replicaId = options.replicaId;
  }

  async start(): Promise<void> {
    if (this.#options.takeOverOnStart) await takeOverRunningTasks(this.#db(), this.#table);
    this.#timer = setInterval(() => this.#look(), this.#options.pollMs);
    this.#timer.unref();
    this.#look();
  }

  notify(): void {
    this.#look();
  }

  /** Looks for work even if the last look found none. */
  #look(): void {
    this.#idle = false;
    this.#kick();
  }

  abortRun(runId: string, reason: string): void {
    for (const job of this.#inflight.values()) if (job.runId === runId) job.controller.abort(new Error(reason));
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
      .catch((error: unknown) => this.#logger.error({ err: error }, `${this.#options.label} runner could not look for tasks`))
      .finally(() => {
        this.#pumping = false;
        if (this.#again) {
          this.#again = false;
          this.#kick();
        }
      });
  }

  async #pump(): Promise<void> {
    const cap = this.#options.concurrency ?? Number.POSITIVE_INFINITY;
    while (!this.#stopped && this.#inflight.size < cap) {
      const wanted = Math.min(cap - this.#inflight.size, CLAIM_BATCH);
      const candidates = (await findClaimableLeasedTasks(this.#db(), this.#table, this.#now(), wanted + this.#inflight.size)).filter(
        (c) => !this.#inflight.has(`${c.runId}|${c.key}`),
      );
      if (candidates.length === 0) this.#idle = true;
      // Claim the whole batch before starting any of it, a run's tasks in one statement: a started
      // task's first answers would otherwise be read (and parsed) between the claims, and a run's last
      // accounts would reach Duo hundreds of milliseconds after its first (each is its own rate-limit
      // domain, so its pace, and the run's end, start from there).
      const claimed = await this.#claim(candidates.slice(0, Math.max(0, cap - this.#inflight.size)));
      if (claimed.length === 0) break;
      const prepared = await this.#prepare(claimed);
      // Stopped meanwhile: stop() no longer waits for work started now, so hand the claims back instead.
      if (this.#stopped) {
        await Promise.allSettled(claimed.map((t) => releaseLeasedTask(this.#db(), this.#table, t, { replicaId: this.replicaId, workerId: t.workerId })));
        return;
      }
      for (const task of claimed) {
        const id = `${task.runId}|${task.key}`;
        const controller = new AbortController();
        const done = this.#work(prepared === undefined ? task : { ...task, prepared }, controller.signal).then(
          () => {
            this.#inflight.delete(id);
            // A free place may take a task the cap left waiting; with none waiting, nothing to look for.
            if (!this.#idle) this.#kick();
          },
          (error: unknown) => {
            this.#logger.warn({ err: error, run_id: task.runId, task: task.key }, `${this.#options.label} task failed; it will be retried`);
            this.#inflight.delete(id);
            this.#look();
          },
        );
        this.#inflight.set(id, { runId: task.runId, controller, done });
      }
      // Let the started tasks reach Duo before the next batch: the store answers synchronously, so
      // without a turn of the event loop here claiming and opening a thousand accounts would all run
      // before the first request left.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Claims candidates run by run, one statement each, under one worker id for the batch (a task's id is its run and key). */
  async #claim(candidates: readonly LeasedTaskKey[]): Promise<ClaimedLeasedTask[]> {
    if (this.#stopped || candidates.length === 0) return [];
    const workerId = `local-${++this.#workerSeq}`;
    const holder = { replicaId: this.replicaId, workerId, leaseMs: this.#options.leaseMs, nowMs: this.#now() };
    const byRun = new Map<string, string[]>();
    for (const c of candidates) {
      const keys = byRun.get(c.runId);
      if (keys) keys.push(c.key);
      else byRun.set(c.runId, [c.key]);
    }
    const claimed: ClaimedLeasedTask[] = [];
    for (const [runId, keys] of byRun) {
      const won = await claimLeasedTasks(this.#db(), this.#table, runId, keys, holder);
      // In the candidates' order (task order within a run), whatever order the store returned them in.
      const byKey = new Map(won.map((w) => [w.key, w]));
      for (const key of keys) {
        const w = byKey.get(key);
        if (w) claimed.push({ runId, key, workerId, attempts: w.attempts, columns: w.columns });
      }
    }
    return claimed;
  }

  async #prepare(tasks: readonly ClaimedLeasedTask[]): Promise<unknown> {
    if (!this.#prepareBatch) return undefined;
    try {
      return await this.#prepareBatch(tasks);
    } catch (error) {
      this.#logger.warn({ err: error }, `${this.#options.label} runner could not prepare a batch of tasks; they start without it`);
      return undefined;
    }
  }
}
