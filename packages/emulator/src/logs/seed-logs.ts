import type { Account, EmulatorState } from '../state/types.js';
import { hashString, mix } from './log-ids.js';
import { logsOf } from './logs-of.js';
import { seedTrustMonitor } from './trust-monitor.js';

const DAY_MS = 86_400_000;

/** How much history a seeded account gets. */
export interface HistoryOptions {
  seed: number;
  days: number;
  eventsPerDay: number;
  now: number;
}

/**
 * Gives an account `days` of generated log history ending at `now`: a recipe (seed, span, rate, the
 * users and applications as they are now), not rows; rows are built when a log is first read.
 */
export function seedHistory(account: Account, options: HistoryOptions): void {
  const days = Math.max(0, Math.floor(options.days));
  if (days === 0) return;
  logsOf(account).history = {
    seed: mix(options.seed >>> 0, hashString(account.account_id)),
    from_ms: options.now - days * DAY_MS,
    to_ms: options.now,
    events_per_day: Math.max(0, Math.floor(options.eventsPerDay)),
    user_ids: Object.keys(account.users),
    application_keys: Object.values(account.integrations).filter((i) => i.type === 'auth').map((i) => i.integration_key),
  };
}

/** Seeds a few Trust Monitor events in every account that has users (the demo seed's logs). */
export function seedDemoLogs(state: EmulatorState, now: number): EmulatorState {
  for (const account of Object.values(state.accounts)) {
    if (Object.keys(account.users).length > 0) seedTrustMonitor(account, now);
  }
  return state;
}
