import type { HubContext } from '../../hub-context.js';
import { logSyncDb } from '../../logs/sync/log-sync-tables.js';
import { integrationsWithLogKeys, refreshAndRequestLogSync } from '../../logs/sync/log-sync-units.js';
import { pruneLogEvents } from '../../logs/sync/prune-log-events.js';
import { CoverageScheduler, type SchedulerClock } from '../mfa-coverage/coverage-scheduler.js';
import { GraphileLogSyncRunner } from './graphile-log-sync-runner.js';
import { defaultLogSyncJobOptions, type LogSyncJobOptions } from './log-sync-job-options.js';
import type { LogSyncRunner } from './log-sync-runner.js';
import { LocalLogSyncRunner } from './local-log-sync-runner.js';

const DAY_MS = 86_400_000;

/** A process's log sync machinery: its runner, the schedule when configured, and retention. */
export interface LogSyncJobs {
  runner: LogSyncRunner;
  scheduler: CoverageScheduler | undefined;
  options: LogSyncJobOptions;
  /** Applies retention now; resolves with the rows deleted (0 when retention is off). */
  prune(): Promise<number>;
  stop(): Promise<void>;
}

/** Options of `startLogSyncJobs`. */
export interface StartLogSyncJobsOptions extends Partial<LogSyncJobOptions> {
  /** The Postgres URL when the store is Postgres (graphile-worker opens its own connections). */
  databaseUrl?: string | undefined;
  /** Run units in this process even on Postgres (single-process tools); default false. */
  forceLocal?: boolean | undefined;
  /** Apply retention at start and every `pruneEveryMs`; default true. */
  prune?: boolean | undefined;
  schedulerClock?: SchedulerClock | undefined;
}

const attached = new WeakMap<HubContext, LogSyncJobs>();

/** The log sync jobs running for this hub, if any (routes use them to wake the runner). */
export function logSyncJobsOf(hub: HubContext): LogSyncJobs | undefined {
  return attached.get(hub);
}

/**
 * Starts log sync for this hub process: the in-process runner on SQLite (resuming what was left
 * held), graphile-worker on Postgres (sharing the fleet with other replicas), the schedule when
 * `scheduleMs` is set (each slot lists every integration's accounts and requests their units; a
 * slot is requested once however many replicas tick), and retention.
 */
export async function startLogSyncJobs(hub: HubContext, options: StartLogSyncJobsOptions = {}): Promise<LogSyncJobs> {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<LogSyncJobOptions>;
  const resolved = defaultLogSyncJobOptions(given);
  let runner: LogSyncRunner;
  if (hub.store.dialect === 'postgres' && !options.forceLocal) {
    if (!options.databaseUrl) throw new Error('log sync jobs on Postgres need the database URL');
    runner = new GraphileLogSyncRunner(hub, { ...resolved, databaseUrl: options.databaseUrl });
  } else {
    runner = new LocalLogSyncRunner(hub, { ...resolved, takeOverOnStart: hub.store.dialect === 'sqlite' });
  }
  await runner.start();

  let scheduler: CoverageScheduler | undefined;
  if (resolved.scheduleMs !== undefined) {
    scheduler = new CoverageScheduler(
      resolved.scheduleMs,
      {
        listIntegrations: () => integrationsWithLogKeys(hub),
        startRun: async (integrationId, slot) => {
          await refreshAndRequestLogSync(hub, integrationId, { slot });
          runner.notify(integrationId);
          return { id: integrationId };
        },
        onError: (error, integrationId) => hub.logger.warn({ err: error, integration_id: integrationId }, 'scheduled log sync could not start'),
      },
      options.schedulerClock,
    );
    await scheduler.start();
  }

  let pruning: Promise<number> | undefined;
  const prune = (): Promise<number> => {
    if (resolved.retentionDays === null) return Promise.resolve(0);
    const cutoff = hub.now().getTime() - resolved.retentionDays * DAY_MS;
    pruning ??= pruneLogEvents(logSyncDb(hub.store.db), cutoff)
      .then((deleted) => {
        if (deleted > 0) hub.logger.info({ deleted, retention_days: resolved.retentionDays }, 'pruned log entries past retention');
        return deleted;
      })
      .finally(() => (pruning = undefined));
    return pruning;
  };
  let pruneTimer: NodeJS.Timeout | undefined;
  if (options.prune !== false && resolved.retentionDays !== null) {
    void prune().catch((error: unknown) => hub.logger.warn({ err: error }, 'log retention could not be applied; retrying later'));
    pruneTimer = setInterval(() => void prune().catch((error: unknown) => hub.logger.warn({ err: error }, 'log retention could not be applied; retrying later')), resolved.pruneEveryMs);
    pruneTimer.unref();
  }

  const jobs: LogSyncJobs = {
    runner,
    scheduler,
    options: resolved,
    prune,
    async stop() {
      if (attached.get(hub) === jobs) attached.delete(hub);
      clearInterval(pruneTimer);
      await scheduler?.stop();
      await runner.stop();
      await pruning?.catch(() => 0);
    },
  };
  attached.set(hub, jobs);
  return jobs;
}
