import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DuoForbiddenError, DuoNotFoundError, Pacer } from '../../src/index.js';
import { startHarness, TRANSPORTS, type Harness } from '../support/emulator-harness.js';

describe.each(TRANSPORTS)('Accounts API and child-account scoping (%s)', (mode) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(mode, { seed: 'demo' });
  });
  afterAll(() => h.close());
  beforeEach(() => h.emu.reset());

  it('lists, creates and deletes child accounts', async () => {
    // Five Accounts API calls would exceed the default burst (a tenth of 40/min) and wait.
    const accounts = h.accounts({ pacing: { rates: { accounts: 6000 } } });
    const listed = await accounts.list();
    expect(listed.map((a) => a.account_id).sort()).toEqual(h.children().map((c) => c.account_id).sort());
    const created = await accounts.create('Umbrella Health');
    expect(created).toMatchObject({ name: 'Umbrella Health' });
    expect(created.api_hostname).toMatch(/duosecurity\.com$/);
    expect((await accounts.list()).map((a) => a.account_id)).toContain(created.account_id);
    expect(h.emu.stats().executions['accounts.create']).toBe(1);
    await accounts.delete(created.account_id);
    expect((await accounts.list()).map((a) => a.account_id)).not.toContain(created.account_id);
  });

  it('a child client sees and changes only its child account', async () => {
    const accounts = h.accounts();
    const [first, second] = h.children();
    const child = accounts.child(first!.account_id);
    const users = await child.users.list().toArray();
    const state = h.emu.state.accounts;
    expect(users.map((u) => u.user_id).sort()).toEqual(Object.keys(state[first!.account_id]!.users).sort());
    expect(await child.getHost()).toBe(first!.api_hostname);

    const created = await child.users.create({ username: 'only.in.child' });
    expect(state[first!.account_id]!.users[created.user_id]).toBeDefined();
    expect(state[second!.account_id]!.users[created.user_id]).toBeUndefined();
    expect(state[h.parent().account_id]!.users[created.user_id]).toBeUndefined();

    const other = accounts.child(second!);
    expect(await other.users.getByUsername('only.in.child')).toBeUndefined();
    expect((await child.info.summary()).user_count).toBe(users.length + 1);
  });

  it('every child resource works through the parent keys', async () => {
    const child = h.accounts().child(h.children()[0]!.account_id);
    const user = await child.users.create({ username: 'child.user' });
    const phone = await child.phones.create({ number: '+15555550142' });
    await child.phones.associate(user.user_id, phone.phone_id);
    expect((await child.phones.listForUser(user.user_id).toArray()).map((p) => p.phone_id)).toEqual([phone.phone_id]);
    expect(await child.bypassCodes.createForUser(user.user_id, { count: 2 })).toHaveLength(2);
    expect(await child.settings.update({ lockout_threshold: 9 })).toMatchObject({ lockout_threshold: 9 });
    await child.users.delete(user.user_id);
  });

  it('billing: edition and telephony credits on a child, taken from the parent', async () => {
    const child = h.accounts().child(h.children()[0]!.account_id);
    await child.billing.setEdition('BEYOND');
    expect(await child.billing.getEdition()).toEqual({ edition: 'BEYOND' });
    const parentBefore = h.emu.state.accounts[h.parent().account_id]!.telephony_credits;
    const childBefore = (await child.billing.getTelephonyCredits()).credits;
    await child.billing.setTelephonyCredits(childBefore + 100);
    await child.billing.setTelephonyCredits(childBefore + 100);
    expect((await child.billing.getTelephonyCredits()).credits).toBe(childBefore + 100);
    expect(h.emu.state.accounts[h.parent().account_id]!.telephony_credits).toBe(parentBefore - 100);
  });

  it('an id that is not a child fails as not found, before any Admin call', async () => {
    const child = h.accounts().child('DA0000000000000000ZZ');
    await expect(child.users.list().toArray()).rejects.toBeInstanceOf(DuoNotFoundError);
    expect(JSON.stringify(h.emu.stats().requests)).not.toContain('/admin/v1/users');
  });

  it('the wrong kind of keys is a 403 with a hint', async () => {
    const auth = h.admin(undefined, { ...h.options('auth') });
    const error = await auth.users.list().toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuoForbiddenError);
    expect((error as DuoForbiddenError).hint).toMatch(/different kind of Duo application/);
  });

  it('children share the parent pacer budget per child', async () => {
    const pacer = new Pacer();
    const accounts = h.accounts({ pacing: pacer });
    const child = h.children()[0]!;
    await accounts.child(child).settings.get();
    const snap = pacer.snapshot({ host: child.api_hostname, accountId: child.account_id, endpointClass: 'admin_get_one' });
    expect(snap!.tokens).toBeLessThan(snap!.burst);
  });
});
