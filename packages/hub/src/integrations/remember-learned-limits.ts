import type { HubContext } from '../hub-context.js';
import { loadStoredLimits, savePacerState, type PacerStateKey } from './pacer-state-records.js';

/**
 * Starts a Duo account's pacer from what the store remembers of its limits, when this process has not
 * met the account yet (a pacer it already holds knows more than the store), or when its pacer predates
 * a reset of the account's limits (made through this replica or another).
 */
export async function recallLearnedLimits(hub: Pick<HubContext, 'duo' | 'store'>, key: PacerStateKey): Promise<void> {
  const pacers = hub.duo.pacers;
  const stored = await loadStoredLimits(hub.store.db, key);
  const bornAt = pacers.bornAt(key.integrationId, key.accountId);
  if (bornAt !== undefined && stored?.resetAtMs !== undefined && bornAt < stored.resetAtMs) pacers.forget(key.integrationId, key.accountId);
  if (!pacers.has(key.integrationId, key.accountId)) pacers.seed(key.integrationId, key.accountId, stored?.state);
}

/**
 * Stores what the account's pacer learned, for the next run and other replicas; a failure only costs
 * relearning. A pacer older than the account's last reset stores nothing (see `savePacerState`).
 */
export async function keepLearnedLimits(hub: Pick<HubContext, 'duo' | 'store' | 'now' | 'logger'>, key: PacerStateKey): Promise<void> {
  const state = hub.duo.pacers.exportState(key.integrationId, key.accountId);
  const bornAt = hub.duo.pacers.bornAt(key.integrationId, key.accountId);
  if (state === undefined || bornAt === undefined) return;
  await savePacerState(hub.store.db, key, state, hub.now(), bornAt).catch((error: unknown) =>
    hub.logger.warn({ err: error, integration_id: key.integrationId, account_id: key.accountId }, 'could not store the learned Duo rate limits'),
  );
}
