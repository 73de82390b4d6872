import { afterEach, describe, expect, it } from 'vitest';
import { Pacer, type PacerState } from '../../src/index.js';
import { startHarness, type Harness } from '../support/emulator-harness.js';

const USERS = 1500;
const PAGE_SIZE = 100;
const LIST = 'GET /admin/v1/users';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * The pacer as users meet it: the SDK over a real port against the emulator, whose page-read bucket
 * (600/min, its burst) the client is not told. The client starts from a published rate of 300/min
 * (its ceiling, twice that, is Duo's rate here) and must find the rest.
 */
describe('the pacer against an unknown bucket, over a real port', () => {
  it.each([1, 5])('burst %i: learns with a few 429s, a run from the saved state draws at most one, and only the scanned account is read', async (burst) => {
    h = await startHarness('over a port', { seed: { fleet: { accounts: 2, usersPerAccount: USERS } }, randomSeed: 11 });
    const [scanned, other] = h.children();
    h.emu.configure({ faults: [], rateLimits: { classes: { admin_get_page: { perMinute: 600, burst } } } });
    const limited = () => h!.emu.stats().requests[LIST]?.['429'] ?? 0;
    const scan = async (pacer: Pacer) => {
      const admin = h!.admin(scanned!.name, { pacing: pacer });
      const ids: string[] = [];
      for await (const user of admin.users.list({ pageSize: PAGE_SIZE, concurrency: 3 })) ids.push(user.user_id);
      return ids;
    };

    const first = new Pacer({ rates: { admin_get_page: 300 } });
    const ids = await scan(first);
    expect(ids).toHaveLength(USERS);
    expect(new Set(ids).size).toBe(USERS);
    const learning = limited();
    // Finding the burst, and where exploring above 300/min meets Duo's limit (or the ceiling, 600).
    expect(learning).toBeLessThanOrEqual(4);

    // The next run starts from what this one learned, saved as JSON, as the hub keeps it.
    const saved = JSON.parse(JSON.stringify(first.exportState())) as PacerState;
    const [bucket] = saved.buckets;
    // Kept per Duo account: this client reads the account on its own API host.
    expect(bucket).toMatchObject({ host: scanned!.api_hostname.toLowerCase(), endpointClass: 'admin_get_page', burstKnown: true });
    // A probe Duo accepts counts as burst beyond the refill the published rate explains since its
    // arrival, taken as the middle of its send and answer (a burst too small would cost a token
    // interval every run; one too large costs 429s once, in the next run's opening). Duo here refills
    // at twice the published rate, and the emulator shares this process: on a loaded machine answers
    // are read late and refilled tokens pass for burst (6 and 9 for 5 seen in CI). So the count is
    // not asserted here (the simulated-Duo tests hold it, with the timing controlled); what it costs is.
    const overCounted = Math.max(0, bucket!.burst - burst);
    const next = new Pacer({ rates: { admin_get_page: 300 }, initialState: saved });
    expect(await scan(next)).toHaveLength(USERS);
    // At most the one 429 that ends exploring, if the first run ended before meeting it, and one for
    // each token of burst counted too many (the next run's opening sends them at once).
    expect(limited() - learning).toBeLessThanOrEqual(1 + overCounted);

    // Every request went to the scanned account; the other account was never read.
    const byAccount = h.emu.stats().accountRequests;
    expect(byAccount[scanned!.account_id]?.[LIST]).toBeGreaterThanOrEqual(2 * (USERS / PAGE_SIZE));
    expect(byAccount[other!.account_id]).toBeUndefined();
  });
});
