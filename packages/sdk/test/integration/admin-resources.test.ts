import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DuoConfigError, DuoInvalidRequestError, DuoNotFoundError, type DuoAdminClient } from '../../src/index.js';
import { startHarness, TRANSPORTS, type Harness } from '../support/emulator-harness.js';

describe.each(TRANSPORTS)('Admin API resources (%s)', (mode) => {
  let h: Harness;
  let admin: DuoAdminClient;
  beforeAll(async () => {
    h = await startHarness(mode, { seed: 'demo' });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.emu.reset();
    admin = h.admin();
  });

  const parentState = () => h.emu.state.accounts[h.parent().account_id]!;

  it('users: list, get, lookups, create, update, delete', async () => {
    const all = await admin.users.list().toArray();
    expect(all.map((u) => u.user_id).sort()).toEqual(Object.keys(parentState().users).sort());
    const first = all[0]!;
    expect(await admin.users.get(first.user_id)).toMatchObject({ user_id: first.user_id, username: first.username });
    expect((await admin.users.getByUsername(first.username))?.user_id).toBe(first.user_id);
    expect(await admin.users.getByUsername('nobody-here')).toBeUndefined();
    if (first.email) expect((await admin.users.findByEmail(first.email)).map((u) => u.user_id)).toContain(first.user_id);
    const byIds = await admin.users.list({ user_id_list: [all[1]!.user_id, all[0]!.user_id] }).toArray();
    expect(byIds.map((u) => u.user_id).sort()).toEqual([all[0]!.user_id, all[1]!.user_id].sort());
    const byNames = await admin.users.list({ username_list: [first.username] }).toArray();
    expect(byNames.map((u) => u.user_id)).toEqual([first.user_id]);

    const created = await admin.users.create({ username: 'sdk.user', realname: 'Sdk User', email: 'sdk@example.com', status: 'bypass', alias1: 'sdk-alias' });
    expect(created).toMatchObject({ username: 'sdk.user', realname: 'Sdk User', status: 'bypass' });
    expect(parentState().users[created.user_id]?.username).toBe('sdk.user');
    expect((await admin.users.getByUsername('sdk-alias'))?.user_id).toBe(created.user_id);
    await expect(admin.users.create({ username: 'sdk.user' })).rejects.toBeInstanceOf(DuoInvalidRequestError);

    const updated = await admin.users.update(created.user_id, { realname: 'Renamed', alias1: '' });
    expect(updated.realname).toBe('Renamed');
    expect(await admin.users.getByUsername('sdk-alias')).toBeUndefined();

    await admin.users.delete(created.user_id);
    await admin.users.delete(created.user_id);
    await expect(admin.users.get(created.user_id)).rejects.toBeInstanceOf(DuoNotFoundError);
  });

  it('users: enroll and directory sync of one user', async () => {
    await admin.users.enroll({ username: 'enrollee', email: 'enrollee@example.com' });
    expect(Object.values(parentState().users).some((u) => u.username === 'enrollee')).toBe(true);
    expect(h.emu.stats().executions['users.enroll']).toBe(1);

    const account = Object.values(h.emu.state.accounts).find((a) => Object.keys(a.directories).length > 0)!;
    const directory = Object.values(account.directories)[0]!;
    const username = Object.keys(directory.users)[0]!;
    const client = account.parent_id === null ? admin : h.admin(account.name);
    const synced = await client.users.syncFromDirectory(directory.directory_key, username);
    expect(synced.username).toBe(username);
    expect(synced.realname).toBe(directory.users[username]!.realname);
  });

  it('phones: create, get, update, list, lookup, associate, activation, SMS, disassociate, delete', async () => {
    const phone = await admin.phones.create({ number: '+15555550199', type: 'mobile', platform: 'google android', name: 'sdk phone' });
    expect(phone).toMatchObject({ number: '+15555550199', type: 'Mobile', platform: 'Google Android' });
    expect((await admin.phones.get(phone.phone_id)).name).toBe('sdk phone');
    expect((await admin.phones.update(phone.phone_id, { name: 'renamed' })).name).toBe('renamed');
    const all = await admin.phones.list().toArray();
    expect(all.map((p) => p.phone_id).sort()).toEqual(Object.keys(parentState().phones).sort());
    expect((await admin.phones.list({ number: '+15555550199' }).toArray()).map((p) => p.phone_id)).toEqual([phone.phone_id]);

    const user = await admin.users.create({ username: 'phone.owner' });
    await admin.phones.associate(user.user_id, phone.phone_id);
    await admin.phones.associate(user.user_id, phone.phone_id);
    expect((await admin.phones.listForUser(user.user_id).toArray()).map((p) => p.phone_id)).toEqual([phone.phone_id]);

    const activation = await admin.phones.createActivationUrl(phone.phone_id, { valid_secs: 3600, install: true });
    expect(activation.activation_url).toMatch(/^https?:\/\//);
    expect(activation.installation_url).toBeDefined();
    await admin.phones.sendSmsActivation(phone.phone_id, { activation_msg: 'Activate: <acturl>', installation_msg: 'Install: <insturl>', install: true });
    await admin.phones.sendSmsInstallation(phone.phone_id, { installation_msg: 'Get it: <insturl>' });
    await admin.phones.sendSmsPasscodes(phone.phone_id);
    const executions = h.emu.stats().executions;
    expect([executions['phones.send_sms_activation'], executions['phones.send_sms_installation'], executions['phones.send_sms_passcodes']]).toEqual([1, 1, 1]);

    await admin.phones.disassociate(user.user_id, phone.phone_id);
    await admin.phones.disassociate(user.user_id, phone.phone_id);
    expect(await admin.phones.listForUser(user.user_id).toArray()).toEqual([]);
    await admin.phones.delete(phone.phone_id);
    await admin.phones.delete(phone.phone_id);
    await expect(admin.phones.get(phone.phone_id)).rejects.toBeInstanceOf(DuoNotFoundError);
  });

  it('bypass codes: create for user, list, list for user, get, delete', async () => {
    const user = await admin.users.create({ username: 'bypass.owner' });
    const codes = await admin.bypassCodes.createForUser(user.user_id, { count: 3, reuse_count: 2, valid_secs: 3600 });
    expect(codes).toHaveLength(3);
    expect(codes.every((c) => /^\d+$/.test(c))).toBe(true);
    const mine = await admin.bypassCodes.listForUser(user.user_id).toArray();
    expect(mine).toHaveLength(3);
    expect(JSON.stringify(mine)).not.toContain(codes[0]!);
    const kept = await admin.bypassCodes.createForUser(user.user_id, { codes: ['8675309', '5551212'], preserve_existing: true });
    expect(kept).toEqual(['8675309', '5551212']);
    expect(await admin.bypassCodes.listForUser(user.user_id).toArray()).toHaveLength(5);
    const all = await admin.bypassCodes.list().toArray();
    expect(all.map((c) => c.bypass_code_id).sort()).toEqual(Object.keys(parentState().bypass_codes).sort());
    const one = await admin.bypassCodes.get(mine[0]!.bypass_code_id);
    expect(one.bypass_code_id).toBe(mine[0]!.bypass_code_id);
    await admin.bypassCodes.delete(one.bypass_code_id);
    await admin.bypassCodes.delete(one.bypass_code_id);
    expect(await admin.bypassCodes.listForUser(user.user_id).toArray()).toHaveLength(4);
    expect(h.emu.stats().executions['bypass_codes.create']).toBe(2);
  });

  it('settings: get and update (booleans as 1/0)', async () => {
    const before = await admin.settings.get();
    expect(before).toHaveProperty('lockout_threshold');
    const after = await admin.settings.update({ lockout_threshold: 7, fraud_email_enabled: true, helpdesk_message: 'Call 555-0100' });
    expect(after).toMatchObject({ lockout_threshold: 7, helpdesk_message: 'Call 555-0100' });
    expect([true, 1, '1']).toContain(after['fraud_email_enabled']);
    expect((await admin.settings.get()).lockout_threshold).toBe(7);
    // Out of the declared range: refused before sending. Inside it but in Duo's gap (1-29): Duo refuses.
    await expect(admin.settings.update({ lockout_threshold: -3 })).rejects.toMatchObject({ name: 'DuoConfigError', field: 'lockout_threshold' });
    await expect(admin.settings.update({ inactive_user_expiration: 20 })).rejects.toBeInstanceOf(DuoInvalidRequestError);
  });

  it('info: summary and authentication attempts', async () => {
    const summary = await admin.info.summary();
    expect(summary.user_count).toBe(Object.keys(parentState().users).length);
    const attempts = await admin.info.authenticationAttempts();
    expect(attempts.authentication_attempts).toBeTypeOf('object');
    expect(attempts.maxtime - attempts.mintime).toBeLessThanOrEqual(180 * 86_400);
    expect(await admin.info.userAuthenticationAttempts({ mintime: new Date(Date.now() - 86_400_000) })).toBeTypeOf('object');
    expect(await admin.info.telephonyCreditsUsed()).toBeTypeOf('object');
  });

  it('v2 authentication logs: every row once, across pages, in order', async () => {
    const account = Object.values(h.emu.state.accounts).reduce((a, b) => (b.auth_log.length > a.auth_log.length ? b : a));
    // Duo allows 2 log requests a minute, and the default pacer honours that; this test pages fast.
    const fast = { pacing: { rates: { admin_logs: Infinity } } };
    const client = account.parent_id === null ? h.admin(undefined, fast) : h.admin(account.name, fast);
    const rows = account.auth_log;
    expect(rows.length).toBeGreaterThan(3);
    const mintime = Math.min(...rows.map((r) => r.timestamp_ms));
    const maxtime = Math.max(...rows.map((r) => r.timestamp_ms)) + 1;
    const expected = rows.filter((r) => r.timestamp_ms >= mintime && r.timestamp_ms <= maxtime).length;
    for (const cursorStyle of ['joined', 'repeated'] as const) {
      const logs = await client.logs.authentication({ mintime, maxtime, pageSize: 2, sort: 'ts:asc', cursorStyle }).toArray();
      expect(logs.length).toBe(expected);
      expect(new Set(logs.map((l) => l.txid)).size).toBe(logs.length);
      const times = logs.map((l) => l.timestamp);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    }
    const limited = await client.logs.authentication({ mintime, maxtime, limit: 3 }).toArray();
    expect(limited).toHaveLength(3);
  });

  it('signature v2 (form bodies) works end to end, child accounts included', async () => {
    const v2 = h.admin(undefined, { sigVersion: 2 });
    const user = await v2.users.create({ username: 'v2.user', realname: 'Form Body' });
    expect((await v2.users.update(user.user_id, { notes: 'a & b = c' })).notes).toBe('a & b = c');
    expect((await v2.users.getByUsername('v2.user'))?.realname).toBe('Form Body');
    const child = h.accounts({ sigVersion: 2 }).child(h.children()[0]!.account_id);
    const made = await child.users.create({ username: 'v2.child' });
    expect(h.emu.state.accounts[h.children()[0]!.account_id]!.users[made.user_id]).toBeDefined();
  });

  it('raw request() reaches any endpoint and returns the envelope fields as sent', async () => {
    const res = await admin.request('GET', '/admin/v1/users', { limit: 2 });
    expect(res.status).toBe(200);
    expect(res.response).toHaveLength(2);
    expect(res.metadata).toMatchObject({ next_offset: 2, total_objects: Object.keys(parentState().users).length });
    const deleted = await admin.request('DELETE', '/admin/v1/users/DUNOSUCHUSER000000000');
    expect(deleted).toEqual({ status: 200, response: '' });
    await expect(admin.request('GET', '/admin/v1/no-such-thing')).rejects.toBeInstanceOf(DuoNotFoundError);
    expect(() => admin.users.list({ pageSize: 1000 })).toThrow(DuoConfigError);
  });
});
