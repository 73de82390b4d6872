import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuoAdminClient } from '../../src/index.js';
import { startHarness, TRANSPORTS, type Harness } from '../support/emulator-harness.js';

const USERS = 4000;

describe.each(TRANSPORTS)('paging over thousands of users (%s)', (mode) => {
  let h: Harness;
  let child: DuoAdminClient;
  let expectedIds: string[];
  beforeAll(async () => {
    h = await startHarness(mode, { seed: { fleet: { accounts: 1, usersPerAccount: USERS } } });
    const account = h.children()[0]!;
    // The fleet's users live in its child account; reach them as an MSP would.
    // The default pacer keeps to Duo's 200 pages a minute; these tests page many times over, so raise it.
    child = h.accounts({ pacing: { rates: { admin_get_page: 60_000 } } }).child(account.account_id);
    expectedIds = Object.keys(h.emu.state.accounts[account.account_id]!.users);
  });
  afterAll(() => h.close());

  it('streams every user exactly once, 300 per page', async () => {
    const ids: string[] = [];
    const sizes: number[] = [];
    for await (const page of child.users.list().pages()) {
      sizes.push(page.items.length);
      for (const user of page.items) ids.push(user.user_id);
    }
    expect(ids).toHaveLength(USERS);
    expect(new Set(ids).size).toBe(USERS);
    expect(new Set(ids)).toEqual(new Set(expectedIds));
    expect(sizes.slice(0, -1).every((n) => n === 300)).toBe(true);
    expect(sizes).toHaveLength(Math.ceil(USERS / 300));
  });

  it('concurrent pages yield the same sequence as sequential ones', async () => {
    const sequential = (await child.users.list({ pageSize: 250 }).toArray()).map((u) => u.user_id);
    const before = JSON.stringify(h.emu.stats().requests);
    const concurrent: string[] = [];
    for await (const user of child.users.list({ pageSize: 250, concurrency: 4 })) concurrent.push(user.user_id);
    expect(concurrent).toEqual(sequential);
    expect(JSON.stringify(h.emu.stats().requests)).not.toBe(before);
  });

  it('stops at the limit without fetching further pages', async () => {
    const count = () => Object.values(h.emu.stats().requests['GET /admin/v1/users'] ?? {}).reduce((a, b) => a + b, 0);
    const start = count();
    const some = await child.users.list({ limit: 650 }).toArray();
    expect(some).toHaveLength(650);
    expect(count() - start).toBe(3);
    let seen = 0;
    for await (const _user of child.users.list()) if (++seen === 10) break;
    expect(count() - start).toBe(4);
  });

  it('starts at an offset', async () => {
    const all = await child.users.list({ pageSize: 300 }).toArray();
    const tail = await child.users.list({ offset: USERS - 5 }).toArray();
    expect(tail.map((u) => u.user_id)).toEqual(all.slice(-5).map((u) => u.user_id));
  });
});
