import { BypassCodesResource, UsersResource, type Caller, type CallSpec, type DuoAdminClient, type DuoResponse, type Pacer } from '@duohub/sdk';
import { pacerReadyInMs } from './pacer-ready-in.js';
import type { PageSlots } from './page-slots.js';
import type { CoverageSource } from './scan-account.js';

/** What ties one account's scan to the fleet's bound on pages in flight. */
export interface FleetPacing {
  /** The fleet-wide page slots. */
  slots: PageSlots;
  /** The pacer the client draws from (the account's); without it a read only waits for a slot. */
  pacer?: Pacer | undefined;
  /** Injectable for tests. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

// A read is re-checked at least this often while it waits for its account's budget, in case the
// estimate was long (the pacer learned a higher rate, or its first answer started the refill).
const MAX_WAIT_STEP_MS = 1000;
// While the account's burst is being probed, the next probe may go as soon as an answer arrives
// (the account's first, or the probe in flight): a round trip, far sooner than a token refills.
const PROBE_WAIT_STEP_MS = 10;

const realSleep = (ms: number, signal?: AbortSignal) =>
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
 * The account's users and bypass codes as a scan reads them, each page read taking a fleet-wide slot
 * only once the account's own budget would send it at once. A read that took a slot and then waited in
 * the pacer would hold it idle for a whole interval, and the fleet would crawl at the pace of the
 * slowest accounts; a read that waited for a slot after the pacer let it go would reach Duo late and
 * waste refill Duo had granted. Reads of one account take their turn one after another, each ending
 * once the SDK's pacer has reserved its token (`onPaced`), so two reads never both count the same
 * token. (Ending it on the next turn of the event loop instead spread an account's burst over one
 * busy loop turn a read: five pages over half a second while the hub parsed others' answers.)
 */
export function fleetPacedSource(client: DuoAdminClient, pacing: FleetPacing): CoverageSource {
  const now = pacing.now ?? Date.now;
  const sleep = pacing.sleep ?? realSleep;
  let turn: Promise<void> = Promise.resolve();
  const waitForBudget = async (spec: CallSpec) => {
    if (!pacing.pacer) return;
    const key = { host: client.host, accountId: client.accountId, endpointClass: spec.endpointClass };
    for (;;) {
      const snapshot = pacing.pacer.snapshot(key);
      const wait = pacerReadyInMs(snapshot, now());
      if (wait <= 0) return;
      await sleep(Math.min(wait, snapshot?.probe === 'pending' ? PROBE_WAIT_STEP_MS : MAX_WAIT_STEP_MS), spec.signal);
    }
  };
  const caller: Caller = {
    async call<T>(spec: CallSpec): Promise<DuoResponse<T>> {
      const previous = turn;
      let endTurn!: () => void;
      turn = new Promise((resolve) => (endTurn = resolve));
      let release: () => void = () => {};
      let response: Promise<DuoResponse<T>>;
      try {
        await previous;
        await waitForBudget(spec);
        release = await pacing.slots.acquire(spec.signal);
        // The next read of this account looks once this one holds its token (or has failed without one).
        response = client.call<T>({
          ...spec,
          onPaced: () => {
            spec.onPaced?.();
            endTurn();
          },
        });
        // Unpaced, nothing is counted: the next read may look at once.
        if (!pacing.pacer) endTurn();
        else response.then(endTurn, endTurn);
      } catch (error) {
        endTurn();
        throw error;
      }
      try {
        return await response;
      } finally {
        release();
      }
    },
  };
  return { users: new UsersResource(caller), bypassCodes: new BypassCodesResource(caller), host: client.host, accountId: client.accountId };
}
