import type { HubContext } from '../hub-context.js';
import { bulkJobOptionsFromEnv } from './bulk-job-options.js';
import { startBulkJobs, type BulkJobs } from './bulk-jobs.js';

/** `duohub serve`'s bulk jobs, configured from DUOHUB_BULK_* and DUOHUB_REPLICA_ID, with Duo's full retry schedule. */
export function startBulkJobsFromEnv(hub: HubContext, env: Record<string, string | undefined>, databaseUrl: string | undefined): Promise<BulkJobs> {
  // A job can wait out Duo's full backoff schedule (1 s -> 32 s) on a 429; a person waiting on an HTTP answer cannot.
  return startBulkJobs(hub, { retry: {}, ...bulkJobOptionsFromEnv(env), databaseUrl });
}
