import type { Pacer, PaceKey } from '@duohub/sdk';
import type { PageSlots } from '../../reports/mfa-coverage/index.js';

/**
 * The gate before each log page read: wait until the account's `admin_logs` budget would send a
 * request at once, then take one of the process's page slots. A log read never queues inside the
 * pacer: while anything else of the account waits there (a person's log search through an action),
 * the bucket shows no spare token and the sync keeps waiting, so it only ever spends budget nobody
 * else is asking for. The slot bounds the pages held in memory across the fleet.
 */
export function logPageGate(pacer: Pacer, key: PaceKey, slots: PageSlots): (signal: AbortSignal | undefined) => Promise<() => void> {
  return async (signal) => {
    await pacer.whenReady(key, signal);
    return slots.acquire(signal);
  };
}
