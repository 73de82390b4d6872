import type { DuoConnectOptions } from '../../integrations/duo-connect-options.js';
import { PacerRegistry } from '../../integrations/duo-connect-options.js';
import { duoLogRateFromEnv, logSyncJobOptionsFromEnv } from './log-sync-job-options.js';

/**
 * The hub's Duo options when DUOHUB_DUO_LOG_RATE_PER_MINUTE is set: a pacer registry whose
 * `admin_logs` class starts from (and never exceeds) that rate per account, every other class at
 * Duo's published figures. Empty when unset, so the hub keeps its defaults. Called before the store
 * opens, it also checks the other DUOHUB_LOG_* variables, so a typo stops `duohub serve` before
 * anything starts (HubConfigError naming the variable).
 */
export function duoLogPacingFromEnv(env: Record<string, string | undefined>): Partial<DuoConnectOptions> {
  logSyncJobOptionsFromEnv(env);
  const rate = duoLogRateFromEnv(env);
  return rate === undefined ? {} : { pacers: new PacerRegistry({ rates: { admin_logs: rate } }) };
}
