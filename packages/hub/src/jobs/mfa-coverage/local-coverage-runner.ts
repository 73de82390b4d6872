import type { HubContext } from '../../hub-context.js';
import { LocalLeasedRunner } from '../leased-tasks/local-leased-runner.js';
import type { CoverageJobOptions } from './coverage-job-options.js';
import type { CoverageRunner } from './coverage-runner.js';
import { coverageRunnerDeps } from './coverage-runner-deps.js';
import { LiveCoverageProgress } from './live-coverage-progress.js';

/** Options of the in-process runner. */
export interface LocalRunnerOptions extends CoverageJobOptions {
  /**
   * Take over tasks marked running by earlier processes without waiting for their leases: right for
   * SQLite, where one hub process owns the file, so whatever was running when it started is orphaned.
   */
  takeOverOnStart: boolean;
}

/**
 * Runs coverage tasks inside this process (SQLite) on the generic leased-task runner: every claimable
 * account at once unless `concurrency` caps them, their page reads bounded together by `pagesInFlight`.
 * It looks for work when told (`notify`), when a task ends, and every `pollMs` (runs created by another
 * process, lapsed leases). On start it resumes unfinished runs: tasks with an outcome are kept, the rest re-run.
 */
export class LocalCoverageRunner implements CoverageRunner {
  readonly kind = 'local';
  readonly replicaId: string;
  readonly #runner: LocalLeasedRunner;
  /** Users counted by this process's tasks in progress (runs' views read it). */
  readonly live = new LiveCoverageProgress();

  constructor(hub: HubContext, options: LocalRunnerOptions) {
    this.replicaId = options.replicaId;
    this.#runner = new LocalLeasedRunner(
      coverageRunnerDeps(hub, options, this.live),
      { replicaId: options.replicaId, leaseMs: options.leaseMs, pollMs: options.pollMs, concurrency: options.concurrency, takeOverOnStart: options.takeOverOnStart, label: 'coverage' },
    );
  }

  start(): Promise<void> {
    return this.#runner.start();
  }

  notify(): void {
    this.#runner.notify();
  }

  cancelRun(runId: string): void {
    this.#runner.abortRun(runId, 'run cancelled');
  }

  stop(): Promise<void> {
    return this.#runner.stop();
  }

  /** Tasks this runner is working on now. */
  get active(): number {
    return this.#runner.active;
  }
}
