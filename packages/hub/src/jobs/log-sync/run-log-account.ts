import type { HubContext } from '../../hub-context.js';
import { logSyncDb } from '../../logs/sync/log-sync-tables.js';
import { claimLogUnit, type ClaimedLogUnit } from '../../logs/sync/log-unit-claim.js';
import { executeLogUnit, type ExecuteLogUnitOptions } from './execute-log-unit.js';
import { findDueLogUnits, type LogAccountKey } from './find-due-log-units.js';

/**
 * Works through one Duo account: claims its due units one after another (they share the account's
 * log budget, so running them side by side would only queue them at Duo's limit) and syncs each,
 * until none is left to claim, including units requested again meanwhile. Units held elsewhere are
 * left to their holder. Resolves with the number of runs; stops at once when `signal` aborts.
 */
export async function runLogAccount(hub: HubContext, account: LogAccountKey, options: ExecuteLogUnitOptions, signal?: AbortSignal): Promise<number> {
  const db = logSyncDb(hub.store.db);
  let runs = 0;
  for (;;) {
    if (signal?.aborted) return runs;
    let claimed: ClaimedLogUnit | undefined;
    for (const key of await findDueLogUnits(db, account, hub.now().getTime())) {
      claimed = await claimLogUnit(db, key, { replicaId: options.replicaId, workerId: options.workerId, leaseMs: options.settings.leaseMs, nowMs: hub.now().getTime() });
      if (claimed) break;
    }
    if (!claimed) return runs;
    const done = await executeLogUnit(hub, claimed, options, signal);
    runs += 1;
    if (done.outcome === 'released') return runs;
  }
}
