import type { HubContext } from '../../hub-context.js';
import { GraphileLeasedRunner } from '../leased-tasks/graphile-leased-runner.js';
import type { CoverageJobOptions } from './coverage-job-options.js';
import type { CoverageRunner } from './coverage-runner.js';
import { coverageRunnerDeps } from './coverage-runner-deps.js';
import { LiveCoverageProgress } from './live-coverage-progress.js';

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

/** Options of the Postgres runner. */
export interface GraphileRunnerOptions extends CoverageJobOptions {
  databaseUrl: string;
}

/**
 * Runs coverage tasks through graphile-worker on Postgres (the generic GraphileLeasedRunner: one job
 * per task, shared by every replica; jobs of workers that stopped renewing their leases are freed
 * and lost jobs re-enqueued by each replica's maintenance). A worker wrongly presumed dead (stalled
 * past the lease) only costs a duplicate scan: the outcome is written once, by whichever finishes first.
 */
export class GraphileCoverageRunner implements CoverageRunner {
  readonly kind = 'graphile';
  readonly replicaId: string;
  readonly #runner: GraphileLeasedRunner;
  /** Users counted by this replica's tasks in progress (runs' views read it). */
  readonly live = new LiveCoverageProgress();

  constructor(hub: HubContext, options: GraphileRunnerOptions) {
    this.replicaId = options.replicaId;
    this.#runner = new GraphileLeasedRunner(
      coverageRunnerDeps(hub, options, this.live),
      {
        databaseUrl: options.databaseUrl,
        replicaId: options.replicaId,
        leaseMs: options.leaseMs,
        pollMs: options.pollMs,
        concurrency: options.concurrency ?? DEFAULT_GRAPHILE_JOBS,
        taskIdentifier: COVERAGE_TASK,
        jobKeyPrefix: 'coverage',
        label: 'coverage',
      },
    );
  }

  start(): Promise<void> {
    return this.#runner.start();
  }

  notify(runId: string): void {
    this.#runner.notify(runId);
  }

  cancelRun(runId: string): void {
    this.#runner.abortRun(runId, 'run cancelled');
  }

  stop(): Promise<void> {
    return this.#runner.stop();
  }

  /** Reclaims tasks of dead workers and re-enqueues tasks without a job. */
  maintain(): Promise<void> {
    return this.#runner.maintain();
  }
}
