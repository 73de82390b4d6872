import type { Pacer, PaceKey } from '@duohub/sdk';
import { pacerReadyInMs, type PageSlots } from '../../reports/mfa-coverage/index.js';

// A waiting read looks again at least this often: the pacer may learn a higher rate, or a probe turn may come.
const MAX_WAIT_STEP_MS = 1000;

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * The gate before each log page read: wait until the account's `admin_logs` budget would send a
 * request at once, then take one of the process's page slots. A log read never queues inside the
 * pacer: while anything else of the account waits there (a person's log search through an action),
 * the bucket shows no spare token and the sync keeps waiting, so it only ever spends budget nobody
 * else is asking for. The slot bounds the pages held in memory across the fleet.
 */
export function logPageGate(pacer: Pacer, key: PaceKey, slots: PageSlots, now: () => number = Date.now): (signal: AbortSignal | undefined) => Promise<() => void> {
  return async (signal) => {
    for (;;) {
      const snapshot = pacer.snapshot(key);
      const wait = pacerReadyInMs(snapshot, now());
      if (wait <= 0) break;
      await sleep(Math.min(wait, MAX_WAIT_STEP_MS), signal);
    }
    return slots.acquire(signal);
  };
}

/** Sleeps `ms`, rejecting with the signal's reason when it aborts first. */
export function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return sleep(ms, signal);
}
