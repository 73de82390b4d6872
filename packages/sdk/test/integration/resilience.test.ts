import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DuoConnectionError, DuoServerError, type RetryInfo } from '../../src/index.js';
import { startHarness, TRANSPORTS, type Harness } from '../support/emulator-harness.js';

const USERS = 3000;

function requestCount(h: Harness, key: string, status?: string): number {
  const byStatus = h.emu.stats().requests[key] ?? {};
  return Object.entries(byStatus)
    .filter(([s]) => status === undefined || s === status)
    .reduce((sum, [, n]) => sum + n, 0);
}

describe.each(TRANSPORTS)('retries against faults (%s)', (mode) => {
  let h: Harness;
  let childName: string;
  beforeAll(async () => {
    h = await startHarness(mode, { seed: { fleet: { accounts: 1, usersPerAccount: USERS } }, randomSeed: 7 });
    childName = h.children()[0]!.name;
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.emu.reset();
    h.emu.configure({ faults: [], rateLimits: false });
  });

  it('survives a 429 storm with no lost or duplicated item', async () => {
    // Duo's bucket is small and a third of list requests are refused on top; the client starts too fast.
    h.emu.configure({
      rateLimits: { classes: { admin_get_page: { perMinute: 3000, burst: 3 } } },
      faults: [{ path: '/admin/v1/users', rateLimitRate: 0.3 }],
    });
    const retries: RetryInfo[] = [];
    const admin = h.admin(childName, { pacing: { rates: { admin_get_page: 12000 } }, onRetry: (info) => retries.push(info) });
    const ids: string[] = [];
    for await (const user of admin.users.list({ pageSize: 100, concurrency: 3 })) ids.push(user.user_id);
    expect(ids).toHaveLength(USERS);
    expect(new Set(ids).size).toBe(USERS);
    const account = h.children()[0]!.account_id;
    expect(new Set(ids)).toEqual(new Set(Object.keys(h.emu.state.accounts[account]!.users)));
    expect(requestCount(h, 'GET /admin/v1/users', '429')).toBeGreaterThan(5);
    expect(retries.length).toBe(requestCount(h, 'GET /admin/v1/users', '429'));
    expect(retries.every((r) => r.reason === 'rate_limited')).toBe(true);
  });

  it('survives 5xx and resets on reads', async () => {
    h.emu.configure({ faults: [{ path: '/admin/v1/users', serverErrorRate: 0.2, resetRate: 0.1 }] });
    const admin = h.admin(childName, { pacing: false });
    const ids = (await admin.users.list({ pageSize: 200, concurrency: 2 }).toArray()).map((u) => u.user_id);
    expect(ids).toHaveLength(USERS);
    expect(new Set(ids).size).toBe(USERS);
    expect(requestCount(h, 'GET /admin/v1/users') + requestCount(h, 'unmatched')).toBeGreaterThan(Math.ceil(USERS / 200));
  });

  it.each([
    ['users.create', '/admin/v1/users', (h: Harness) => h.admin(childName).users.create({ username: 'made.once' })],
    ['bypass_codes.create', '/admin/v1/users/:user_id/bypass_codes', async (h: Harness) => {
      const admin = h.admin(childName);
      const user = (await admin.users.list({ limit: 1 }).toArray())[0]!;
      return admin.bypassCodes.createForUser(user.user_id, { count: 1 });
    }],
    ['phones.send_sms_passcodes', '/admin/v1/phones/:phone_id/send_sms_passcodes', async (h: Harness) => {
      const admin = h.admin(childName);
      const phone = await admin.phones.create({ number: '+15555550123' });
      return admin.phones.sendSmsPasscodes(phone.phone_id);
    }],
    ['accounts.create', '/accounts/v1/account/create', (h: Harness) => h.accounts().create('Made Once Ltd')],
  ] as const)('never resends %s after a reset that followed the work', async (operation, path, run) => {
    h.emu.configure({ faults: [{ path, resetRate: 1, when: 'after' }] });
    const error = await run(h).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuoConnectionError);
    expect(error).toMatchObject({ sent: true });
    expect(h.emu.stats().executions[operation]).toBe(1);
  });

  it('never resends a push after a reset', async () => {
    const auth = h.auth(childName);
    const account = h.emu.state.accounts[h.children()[0]!.account_id]!;
    const user = Object.values(account.users).find((u) => u.status === 'active' && u.phone_ids.length > 0)!;
    h.emu.configure({ faults: [{ path: '/auth/v2/auth', resetRate: 1, when: 'after' }] });
    await expect(auth.authAsync({ user_id: user.user_id, factor: 'push' })).rejects.toBeInstanceOf(DuoConnectionError);
    expect(h.emu.stats().executions['auth.auth']).toBe(1);
  });

  it('does not retry a create after a 500, but retries an update', async () => {
    h.emu.configure({ faults: [{ path: '/admin/v1/users', serverErrorRate: 1 }] });
    const admin = h.admin(childName, { retry: { initialDelayMs: 1, maxDelayMs: 2, jitterMs: 0, maxAttempts: 3 } });
    await expect(admin.users.create({ username: 'never' })).rejects.toBeInstanceOf(DuoServerError);
    expect(requestCount(h, 'POST /admin/v1/users')).toBe(1);
    await expect(admin.users.update('DU0000000000000000XX', { realname: 'x' })).rejects.toBeInstanceOf(DuoServerError);
    expect(requestCount(h, 'POST /admin/v1/users/:user_id')).toBe(3);
  });

  it('retries an idempotent update through resets until it lands', async () => {
    const admin = h.admin(childName, { pacing: false });
    const user = (await admin.users.list({ limit: 1 }).toArray())[0]!;
    h.emu.configure({ faults: [{ path: '/admin/v1/users/:user_id', resetRate: 0.6, when: 'after' }] });
    const retries: RetryInfo[] = [];
    const updated = await h.admin(childName, { pacing: false, onRetry: (i) => retries.push(i) }).users.update(user.user_id, { realname: 'Landed' });
    expect(updated.realname).toBe('Landed');
    expect(retries.every((r) => r.reason === 'connection')).toBe(true);
  });
});
