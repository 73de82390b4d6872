import type { HubContext } from '../../hub-context.js';
import { logSyncDb } from '../../logs/sync/log-sync-tables.js';
import { PageSlots } from '../../reports/mfa-coverage/index.js';
import type { ExecuteLogUnitOptions } from './execute-log-unit.js';
import { findDueLogAccounts } from './find-due-log-units.js';
import type { LogSyncJobOptions } from './log-sync-job-options.js';
import type { LogSyncRunner } from './log-sync-runner.js';
import { runLogAccount } from './run-log-account.js';

/** Options of the in-process runner. */
export interface LocalLogSyncRunnerOptions extends LogSyncJobOptions {
  /**
   * Free units held by earlier processes without waiting for their leases: right for SQLite, where
   * one hub process owns the file, so whatever was held when it started is orphaned.
   */
  takeOverOnStart: boolean;
}

/**
 * Runs log sync inside this process (SQLite): up to `concurrency` Duo accounts at once, each
 * working through its due units one after another, their page reads bounded together by
 * `pagesInFlight`. It looks for work when told (`notify`), when an account finishes, and every
 * `pollMs` (units requested by another process, lapsed leases).
 */
export class LocalLogSyncRunner implements LogSyncRunner {
  readonly kind = 'local';
  readonly replicaId: string;
  readonly #hub: HubContext;
  readonly #options: LocalLogSyncRunnerOptions;
  readonly #inflight = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  readonly #slots: PageSlots;
  #timer: NodeJS.Timeout | undefined;
  #pumping = false;
  #again = false;
  #stopped = false;
  #workerSeq = 0;

  constructor(hub: HubContext, options: LocalLogSyncRunnerOptions) {
    this.#hub = hub;
    this.#options = options;
    this.replicaId = options.replicaId;
    this.#slots = new PageSlots(options.pagesInFlight);
  }

  async start(): Promise<void> {
    if (this.#options.takeOverOnStart) {
      await logSyncDb(this.#hub.store.db).updateTable('log_checkpoints').set({ lease_expires_at: null }).where('lease_expires_at', 'is not', null).execute();
    }
    this.#timer = setInterval(() => this.#kick(), this.#options.pollMs);
    this.#timer.unref();
    this.#kick();
  }

  notify(): void {
    this.#kick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    const running = [...this.#inflight.values()];
    for (const job of running) job.controller.abort(new Error('runner stopping'));
    await Promise.allSettled(running.map((j) => j.done));
  }

  /** Accounts this runner is syncing now. */
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
      .catch((error: unknown) => this.#hub.logger.error({ err: error }, 'log sync runner could not look for units'))
      .finally(() => {
        this.#pumping = false;
        if (this.#again) {
          this.#again = false;
          this.#kick();
        }
      });
  }

  async #pump(): Promise<void> {
    const db = logSyncDb(this.#hub.store.db);
    const cap = this.#options.concurrency;
    if (this.#stopped || this.#inflight.size >= cap) return;
    const accounts = await findDueLogAccounts(db, this.#hub.now().getTime(), cap + this.#inflight.size);
    for (const account of accounts) {
      if (this.#stopped || this.#inflight.size >= cap) return;
      const key = `${account.integrationId}|${account.accountId}`;
      if (this.#inflight.has(key)) continue;
      const controller = new AbortController();
      const options: ExecuteLogUnitOptions = {
        replicaId: this.replicaId,
        workerId: `local-${++this.#workerSeq}`,
        settings: { lagMs: this.#options.lagMs, backfillMs: this.#options.backfillMs, leaseMs: this.#options.leaseMs },
        retry: this.#options.retry,
        slots: this.#slots,
        maxAttempts: this.#options.maxAttempts,
        attemptBackoffMs: this.#options.attemptBackoffMs,
      };
      const done = runLogAccount(this.#hub, account, options, controller.signal)
        .catch((error: unknown) => this.#hub.logger.warn({ err: error, integration_id: account.integrationId, duo_account_id: account.accountId }, 'log sync of an account stopped; it will be retried'))
        .finally(() => {
          this.#inflight.delete(key);
          this.#kick();
        });
      this.#inflight.set(key, { controller, done });
    }
  }
}
