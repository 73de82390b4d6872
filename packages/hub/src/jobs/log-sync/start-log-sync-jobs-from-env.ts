import type { HubContext } from '../../hub-context.js';
import { logSyncJobOptionsFromEnv } from './log-sync-job-options.js';
import { startLogSyncJobs, type LogSyncJobs } from './log-sync-jobs.js';

/** `duohub serve`'s log sync, configured from DUOHUB_LOG_* and DUOHUB_REPLICA_ID, with Duo's full retry schedule. */
export function startLogSyncJobsFromEnv(hub: HubContext, env: Record<string, string | undefined>, databaseUrl: string | undefined): Promise<LogSyncJobs> {
  // A job can wait out Duo's full backoff schedule (1 s -> 32 s); a person waiting on an HTTP answer cannot.
  return startLogSyncJobs(hub, { retry: {}, ...logSyncJobOptionsFromEnv(env), databaseUrl });
}
