import type { HubContext } from '../hub-context.js';
import { loadStoredLimits, savePacerState, type PacerStateKey, type StoredLimits } from './pacer-state-records.js';

/**
 * Starts a Duo account's pacer from what the store remembers of its limits, when this process has not
 * met the account yet (a pacer it already holds knows more than the store), or when its pacer predates
 * a reset of the account's limits (made through this replica or another).
 */
export async function recallLearnedLimits(hub: Pick<HubContext, 'duo' | 'store'>, key: PacerStateKey): Promise<void> {
  recallStoredLimits(hub, key, await loadStoredLimits(hub.store.db, key));
}

/** `recallLearnedLimits` with the account's stored limits already read (undefined: none stored). */
export function recallStoredLimits(hub: Pick<HubContext, 'duo'>, key: PacerStateKey, stored: StoredLimits | undefined): void {
  const pacers = hub.duo.pacers;
  const bornAt = pacers.bornAt(key.integrationId, key.accountId);
  if (bornAt !== undefined && stored?.resetAtMs !== undefined && bornAt < stored.resetAtMs) pacers.forget(key.integrationId, key.accountId);
  if (!pacers.has(key.integrationId, key.accountId)) {
    pacers.seed(key.integrationId, key.accountId, stored?.state);
    const serialized = stored === undefined ? undefined : serializedBuckets(stored.state);
    if (serialized !== undefined) pacers.noteStored(key.integrationId, key.accountId, serialized);
  }
}

/**
 * Stores what the account's pacer learned, for the next run and other replicas, unless the store
 * already holds exactly that; a failure only costs relearning. A pacer older than the account's last
 * reset stores nothing (see `savePacerState`).
 */
export async function keepLearnedLimits(hub: Pick<HubContext, 'duo' | 'store' | 'now' | 'logger'>, key: PacerStateKey): Promise<void> {
  const pacers = hub.duo.pacers;
  const state = pacers.exportState(key.integrationId, key.accountId);
  const bornAt = pacers.bornAt(key.integrationId, key.accountId);
  if (state === undefined || bornAt === undefined) return;
  const serialized = serializedBuckets(state);
  if (serialized !== undefined && serialized === pacers.storedAs(key.integrationId, key.accountId)) return;
  try {
    const written = await savePacerState(hub.store.db, key, state, hub.now(), bornAt);
    if (written && serialized !== undefined) pacers.noteStored(key.integrationId, key.accountId, serialized);
  } catch (error) {
    hub.logger.warn({ err: error, integration_id: key.integrationId, account_id: key.accountId }, 'could not store the learned Duo rate limits');
  }
}

/** What a state has learned, serialized for comparison: its buckets (its `savedAt` changes on every export). */
function serializedBuckets(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('buckets' in state)) return undefined;
  return JSON.stringify(state.buckets);
}
