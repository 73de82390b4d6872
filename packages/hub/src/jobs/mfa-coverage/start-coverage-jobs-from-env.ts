import type { HubContext } from '../../hub-context.js';
import { coverageJobOptionsFromEnv } from './coverage-job-options.js';
import { startCoverageJobs, type CoverageJobs } from './coverage-jobs.js';

/** `duohub serve`'s coverage jobs, configured from DUOHUB_COVERAGE_* and DUOHUB_REPLICA_ID, with Duo's full retry schedule. */
export function startCoverageJobsFromEnv(hub: HubContext, env: Record<string, string | undefined>, databaseUrl: string | undefined): Promise<CoverageJobs> {
  // A job can wait out Duo's full backoff schedule (1 s -> 32 s); a person waiting on an HTTP answer cannot.
  return startCoverageJobs(hub, { retry: {}, ...coverageJobOptionsFromEnv(env), databaseUrl });
}
