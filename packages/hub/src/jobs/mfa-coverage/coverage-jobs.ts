import type { HubContext } from '../../hub-context.js';
import { createCoverageRun } from './create-coverage-run.js';
import { defaultCoverageJobOptions, type CoverageJobOptions } from './coverage-job-options.js';
import type { CoverageRunner } from './coverage-runner.js';
import { CoverageScheduler, integrationsWithAccountsKeys, schedulerActor, type SchedulerClock } from './coverage-scheduler.js';
import { GraphileCoverageRunner } from './graphile-coverage-runner.js';
import { LocalCoverageRunner } from './local-coverage-runner.js';

/** A process's coverage machinery: its runner and, when configured, its scheduler. */
export interface CoverageJobs {
  runner: CoverageRunner;
  scheduler: CoverageScheduler | undefined;
  stop(): Promise<void>;
}

/** Options of `startCoverageJobs`. */
export interface StartCoverageJobsOptions extends Partial<CoverageJobOptions> {
  /** The Postgres URL when the store is Postgres (graphile-worker opens its own connections). */
  databaseUrl?: string | undefined;
  /** Run tasks in this process even on Postgres (single-process tools); default false. */
  forceLocal?: boolean | undefined;
  schedulerClock?: SchedulerClock | undefined;
}

const attached = new WeakMap<HubContext, CoverageJobs>();

/** The coverage jobs running for this hub, if any (routes use it to wake the runner). */
export function coverageJobsOf(hub: HubContext): CoverageJobs | undefined {
  return attached.get(hub);
}

/**
 * Starts coverage runs for this hub process: the in-process runner on SQLite (resuming unfinished
 * runs), graphile-worker on Postgres (sharing runs with other replicas), and the schedule when
 * `scheduleMs` is set. Routes of this hub then hand new runs to it at once.
 */
export async function startCoverageJobs(hub: HubContext, options: StartCoverageJobsOptions = {}): Promise<CoverageJobs> {
  const resolved = defaultCoverageJobOptions(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<CoverageJobOptions>);
  let runner: CoverageRunner;
  if (hub.store.dialect === 'postgres' && !options.forceLocal) {
    if (!options.databaseUrl) throw new Error('coverage jobs on Postgres need the database URL');
    runner = new GraphileCoverageRunner(hub, { ...resolved, databaseUrl: options.databaseUrl });
  } else {
    runner = new LocalCoverageRunner(hub, { ...resolved, takeOverOnStart: hub.store.dialect === 'sqlite' });
  }
  await runner.start();
  let scheduler: CoverageScheduler | undefined;
  if (resolved.scheduleMs !== undefined) {
    scheduler = new CoverageScheduler(
      resolved.scheduleMs,
      {
        listIntegrations: () => integrationsWithAccountsKeys(hub),
        startRun: async (integrationId, slot) => {
          const run = await createCoverageRun(hub, schedulerActor, { integrationId, trigger: 'schedule', scheduleSlot: slot });
          if (run) runner.notify(run.id);
          return run;
        },
        onError: (error, integrationId) => hub.logger.warn({ err: error, integration_id: integrationId }, 'scheduled coverage run could not start'),
      },
      options.schedulerClock,
    );
    await scheduler.start();
  }
  const jobs: CoverageJobs = {
    runner,
    scheduler,
    async stop() {
      if (attached.get(hub) === jobs) attached.delete(hub);
      await scheduler?.stop();
      await runner.stop();
    },
  };
  attached.set(hub, jobs);
  return jobs;
}
