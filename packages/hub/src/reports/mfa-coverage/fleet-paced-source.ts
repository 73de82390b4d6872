import { BypassCodesResource, UsersResource, type Caller, type CallSpec, type DuoAdminClient, type DuoResponse, type Pacer } from '@duohub/sdk';
import type { PageSlots } from './page-slots.js';
import type { CoverageSource } from './scan-account.js';

/** What ties one account's scan to the fleet's bound on pages in flight. */
export interface FleetPacing {
  /** The fleet-wide page slots. */
  slots: PageSlots;
  /** The pacer the client draws from (the account's); without it a read only waits for a slot. */
  pacer?: Pacer | undefined;
}

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
  let turn: Promise<void> = Promise.resolve();
  // Woken by each answer for the account, not by polling: one may let the next probe of an unknown
  // burst go a round trip after the last, far sooner than a token refills (a 10 ms poll for it cost
  // a timer per waiting account every 10 ms, and up to 10 ms, more on a busy loop, per probe).
  const waitForBudget = (spec: CallSpec) =>
    pacing.pacer?.whenReady({ host: client.host, accountId: client.accountId, endpointClass: spec.endpointClass }, spec.signal);
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
