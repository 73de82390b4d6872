import type { HubContext } from '../hub-context.js';
import { GraphileLeasedRunner } from '../jobs/leased-tasks/graphile-leased-runner.js';
import type { UntypedDb } from '../jobs/leased-tasks/leased-task-table.js';
import type { LeasedTaskRunner, LeasedTaskWork } from '../jobs/leased-tasks/leased-task-work.js';
import { LocalLeasedRunner } from '../jobs/leased-tasks/local-leased-runner.js';
import { defaultBulkJobOptions, type BulkJobOptions } from './bulk-job-options.js';
import { bulkTaskTable } from './bulk-task-table.js';
import { executeBulkTask } from './execute-bulk-task.js';

/** A process's bulk-run machinery. */
export interface BulkJobs {
  runner: LeasedTaskRunner;
  stop(): Promise<void>;
}

/** Options of `startBulkJobs`. */
export interface StartBulkJobsOptions extends Partial<BulkJobOptions> {
  /** The Postgres URL when the store is Postgres (graphile-worker opens its own connections). */
  databaseUrl?: string | undefined;
  /** Run tasks in this process even on Postgres (single-process tools and tests); default false. */
  forceLocal?: boolean | undefined;
}

/** graphile-worker's task identifier for one organization's share of a bulk run. */
export const BULK_TASK = 'duohub_bulk_task';

const attached = new WeakMap<HubContext, BulkJobs>();

/** The bulk jobs running for this hub, if any (the control functions use it to wake or stop the runner). */
export function bulkJobsOf(hub: HubContext): BulkJobs | undefined {
  return attached.get(hub);
}

/**
 * Starts executing bulk runs in this hub process: the in-process runner on SQLite (taking over tasks
 * left running by a crashed process at once: items it left `calling` are then settled without calling
 * twice), graphile-worker on Postgres (shared by replicas, dead workers' tasks reclaimed after their
 * lease). Runs started through this hub are handed to it at once.
 */
export async function startBulkJobs(hub: HubContext, options: StartBulkJobsOptions = {}): Promise<BulkJobs> {
  const resolved = defaultBulkJobOptions(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<BulkJobOptions>);
  const work: LeasedTaskWork = (task, signal) =>
    executeBulkTask(
      hub,
      task,
      { replicaId: resolved.replicaId, leaseMs: resolved.leaseMs, maxItemAttempts: resolved.maxItemAttempts, itemsInFlight: resolved.itemsInFlight, retry: resolved.retry },
      signal,
    );
  const deps = { db: () => hub.store.db as unknown as UntypedDb, table: bulkTaskTable, work, logger: hub.logger, now: () => hub.now().getTime() };
  let runner: LeasedTaskRunner;
  if (hub.store.dialect === 'postgres' && !options.forceLocal) {
    if (!options.databaseUrl) throw new Error('bulk jobs on Postgres need the database URL');
    runner = new GraphileLeasedRunner(deps, {
      databaseUrl: options.databaseUrl,
      replicaId: resolved.replicaId,
      leaseMs: resolved.leaseMs,
      pollMs: resolved.pollMs,
      concurrency: resolved.concurrency,
      taskIdentifier: BULK_TASK,
      jobKeyPrefix: 'bulk',
      label: 'bulk',
    });
  } else {
    runner = new LocalLeasedRunner(deps, {
      replicaId: resolved.replicaId,
      leaseMs: resolved.leaseMs,
      pollMs: resolved.pollMs,
      concurrency: resolved.concurrency,
      takeOverOnStart: hub.store.dialect === 'sqlite',
      label: 'bulk',
    });
  }
  await runner.start();
  const jobs: BulkJobs = {
    runner,
    async stop() {
      if (attached.get(hub) === jobs) attached.delete(hub);
      await runner.stop();
    },
  };
  attached.set(hub, jobs);
  return jobs;
}
