import type { HubContext } from '../hub-context.js';
import { loadPacerState, savePacerState, type PacerStateKey } from './pacer-state-records.js';

/**
 * Starts a Duo account's pacer from what the store remembers of its limits, when this process has not
 * met the account yet (a pacer it already holds knows more than the store).
 */
export async function recallLearnedLimits(hub: Pick<HubContext, 'duo' | 'store'>, key: PacerStateKey): Promise<void> {
  const pacers = hub.duo.pacers;
  if (!pacers.has(key.integrationId, key.accountId)) pacers.seed(key.integrationId, key.accountId, await loadPacerState(hub.store.db, key));
}

/** Stores what the account's pacer learned, for the next run and other replicas; a failure only costs relearning. */
export async function keepLearnedLimits(hub: Pick<HubContext, 'duo' | 'store' | 'now' | 'logger'>, key: PacerStateKey): Promise<void> {
  const state = hub.duo.pacers.exportState(key.integrationId, key.accountId);
  if (state === undefined) return;
  await savePacerState(hub.store.db, { integrationId: key.integrationId, accountId: key.accountId }, state, hub.now()).catch((error: unknown) =>
    hub.logger.warn({ err: error, integration_id: key.integrationId, account_id: key.accountId }, 'could not store the learned Duo rate limits'),
  );
}
