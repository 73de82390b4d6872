import { describe, expect, it } from 'vitest';
import type { Account, User } from '../src/state/types.js';
import { demoFixture, hasNoDevice, hasPush, type DemoFixture } from './support-auth/demo-fixture.js';

const active = (u: User) => u.status === 'active';
const activePush = (u: User, a: Account) => active(u) && hasPush(u, a) && u.push_script === undefined && u.token_ids.length === 0;
const smsOnly = (u: User, a: Account) =>
  active(u) &&
  u.phone_ids.length === 1 &&
  u.token_ids.length === 0 &&
  !hasPush(u, a) &&
  a.phones[u.phone_ids[0]!]!.capabilities.includes('sms');

/** Log rows of one user, oldest first. */
function logOf(f: DemoFixture, userId: string) {
  return f.account.auth_log.filter((e) => e.user_id === userId);
}

describe('ping, check, logo', () => {
  it('ping answers without credentials with the server time', async () => {
    const f = demoFixture();
    const before = Math.floor(Date.now() / 1000);
    const res = await f.emu.fetch(new Request(`https://${f.account.api_hostname}/auth/v2/ping`));
    const body = (await res.json()) as any;
    expect(res.status).toBe(200);
    expect(body.stat).toBe('OK');
    expect(body.response.time).toBeGreaterThanOrEqual(before);
    expect(body.response.time).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('check needs valid Auth API keys', async () => {
    const f = demoFixture();
    const okAnswer = await f.authCall('GET', '/auth/v2/check');
    expect(okAnswer.status).toBe(200);
    expect(typeof okAnswer.body.response.time).toBe('number');
    const unsigned = await f.emu.fetch(new Request(`https://${f.account.api_hostname}/auth/v2/check`));
    expect(unsigned.status).toBe(401);
    const adminKeys = await f.adminCall('GET', '/auth/v2/check');
    expect(adminKeys.status).toBe(403);
    expect(adminKeys.body.code).toBe(40301);
  });

  it('logo serves PNG bytes where one is configured, 40002 where not', async () => {
    const f = demoFixture({}, 'Demo MSP');
    const res = await f.authCall('GET', '/auth/v2/logo');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect([...res.bytes.slice(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(Buffer.from(res.bytes).toString('base64')).toBe(f.account.logo_png_base64);

    const child = demoFixture();
    const none = await child.authCall('GET', '/auth/v2/logo');
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ stat: 'FAIL', code: 40002, message: 'Logo not found' });
  });
});

describe('enroll and enroll_status', () => {
  it('creates a user with a numberless phone and answers activation details', async () => {
    const f = demoFixture();
    const users = Object.keys(f.account.users).length;
    const res = await f.authCall('POST', '/auth/v2/enroll', { valid_secs: 3600 });
    expect(res.status).toBe(200);
    const r = res.body.response;
    expect(Object.keys(r).sort()).toEqual(['activation_barcode', 'activation_code', 'activation_url', 'expiration', 'user_id', 'username']);
    expect(r.activation_code).toMatch(/^duo:\/\/[A-Za-z0-9]+-[A-Za-z0-9_-]+$/);
    expect(r.activation_url).toMatch(/^https:\/\/m-[0-9a-f]{8}\.duosecurity\.com\/activate\//);
    expect(r.activation_barcode).toMatch(/^https:\/\/api-.*\/frame\/qr\?value=duo%3A%2F%2F/);
    expect(r.username).toMatch(/^[0-9a-f]{12}$/);
    expect(r.expiration - Math.floor(Date.now() / 1000)).toBeGreaterThan(3590);
    expect(Object.keys(f.account.users)).toHaveLength(users + 1);
    const user = f.account.users[r.user_id]!;
    expect(user.username).toBe(r.username);
    expect(user.phone_ids).toHaveLength(1);
    expect(f.account.phones[user.phone_ids[0]!]).toMatchObject({ number: '', activated: false });
    expect(f.emu.stats().executions['auth.enroll']).toBe(1);
  });

  it('takes a given username, refuses a taken one or alias, and issues bypass codes on request', async () => {
    const f = demoFixture();
    const res = await f.authCall('POST', '/auth/v2/enroll', { username: 'new.hire', bypass_codes: 3 });
    expect(res.body.response.username).toBe('new.hire');
    const codes: string[] = res.body.response.bypass_codes;
    expect(codes).toHaveLength(3);
    const stored = Object.values(f.account.bypass_codes).filter((c) => c.user_id === res.body.response.user_id);
    expect(stored.map((c) => c.code).sort()).toEqual([...codes].sort());

    const again = await f.authCall('POST', '/auth/v2/enroll', { username: 'NEW.HIRE' });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ code: 40002, message_detail: 'username' });
    const aliased = f.user((u) => Object.keys(u.aliases).length > 0, 'aliased');
    const alias = await f.authCall('POST', '/auth/v2/enroll', { username: aliased.aliases['alias1']! });
    expect(alias.status).toBe(400);
    expect(f.emu.stats().executions['auth.enroll']).toBe(1);
  });

  it('reports waiting, then success once the phone is activated; invalid for wrong or expired codes', async () => {
    const f = demoFixture();
    const { response: r } = (await f.authCall('POST', '/auth/v2/enroll', {})).body;
    const status = async (params: Record<string, string>) => (await f.authCall('POST', '/auth/v2/enroll_status', params)).body;
    expect(await status({ user_id: r.user_id, activation_code: r.activation_code })).toEqual({ stat: 'OK', response: 'waiting' });
    const other = f.user(active, 'active');
    expect((await status({ user_id: other.user_id, activation_code: r.activation_code })).response).toBe('invalid');
    expect((await status({ user_id: r.user_id, activation_code: 'duo://nope' })).response).toBe('invalid');
    const missing = await f.authCall('POST', '/auth/v2/enroll_status', { user_id: r.user_id });
    expect(missing.body).toMatchObject({ code: 40001, message_detail: 'activation_code' });

    const phone = f.account.phones[f.account.users[r.user_id]!.phone_ids[0]!]!;
    phone.activated = true;
    expect((await status({ user_id: r.user_id, activation_code: r.activation_code })).response).toBe('success');

    const second = (await f.authCall('POST', '/auth/v2/enroll', {})).body.response;
    const code = second.activation_code.replace('duo://', '');
    f.account.enrollments[code]!.expiration = Math.floor(Date.now() / 1000) - 1;
    expect((await status({ user_id: second.user_id, activation_code: second.activation_code })).response).toBe('invalid');
  });
});

describe('preauth', () => {
  it('auth: lists phones (masked, with capabilities) and tokens', async () => {
    const f = demoFixture();
    const u = f.user((u, a) => active(u) && hasPush(u, a) && u.token_ids.length > 0, 'push + token');
    const res = await f.authCall('POST', '/auth/v2/preauth', { username: u.username });
    expect(res.status).toBe(200);
    const r = res.body.response;
    expect(r.result).toBe('auth');
    expect(r.status_msg).toBe('Account is active');
    const phone = f.account.phones[u.phone_ids[0]!]!;
    expect(r.devices).toHaveLength(2);
    expect(r.devices[0]).toMatchObject({
      device: phone.phone_id,
      type: 'phone',
      number: `XXX-XXX-${phone.number.slice(-4)}`,
      capabilities: ['auto', 'push', 'phone', 'sms', 'mobile_otp'],
    });
    expect(r.devices[0].display_name).toContain(`XXX-XXX-${phone.number.slice(-4)}`);
    expect(r.devices[1]).toMatchObject({ device: u.token_ids[0], type: 'token' });
  });

  it('finds users by user_id and by alias, case-insensitively', async () => {
    const f = demoFixture();
    const u = f.user((u, a) => active(u) && hasPush(u, a) && Object.keys(u.aliases).length > 0, 'aliased push');
    for (const params of [{ user_id: u.user_id }, { username: u.aliases['alias1']!.toUpperCase() }] as Array<Record<string, string>>) {
      const r = (await f.authCall('POST', '/auth/v2/preauth', params)).body.response;
      expect(r.result).toBe('auth');
      expect(r.devices[0].device).toBe(u.phone_ids[0]);
    }
  });

  it.each([
    { what: 'bypass', pred: (u: User) => u.status === 'bypass', result: 'allow' },
    { what: 'disabled', pred: (u: User) => u.status === 'disabled', result: 'deny' },
    { what: 'locked out', pred: (u: User) => u.status === 'locked out', result: 'deny' },
    { what: 'unenrolled', pred: (u: User) => active(u) && hasNoDevice(u), result: 'enroll' },
  ])('$what user -> $result', async ({ what, pred, result }) => {
    const f = demoFixture();
    const u = f.user(pred, what);
    const r = (await f.authCall('POST', '/auth/v2/preauth', { username: u.username })).body.response;
    expect(r.result).toBe(result);
    expect(typeof r.status_msg).toBe('string');
    expect(r.devices).toBeUndefined();
    if (result === 'enroll') expect(r.enroll_portal_url).toMatch(new RegExp(`^https://${f.account.api_hostname}/portal\\?code=[0-9a-f]{16}&akey=`));
    else expect(r.enroll_portal_url).toBeUndefined();
  });

  it('unknown usernames follow the new-user policy: enroll by default, deny when set', async () => {
    const f = demoFixture();
    const enroll = (await f.authCall('POST', '/auth/v2/preauth', { username: 'nobody.here' })).body.response;
    expect(enroll.result).toBe('enroll');
    f.account.integrations[f.auth.integration_key]!.new_user_policy = 'deny';
    const deny = (await f.authCall('POST', '/auth/v2/preauth', { username: 'nobody.here' })).body.response;
    expect(deny.result).toBe('deny');
  });

  it('a disabled group denies; a bypass group allows', async () => {
    const f = demoFixture();
    const u = f.user(activePush, 'push');
    const group = f.account.groups[u.group_ids[0]!]!;
    group.status = 'disabled';
    expect((await f.authCall('POST', '/auth/v2/preauth', { user_id: u.user_id })).body.response.result).toBe('deny');
    group.status = 'bypass';
    expect((await f.authCall('POST', '/auth/v2/preauth', { user_id: u.user_id })).body.response.result).toBe('allow');
  });

  it('bad input: no user -> 40001, unknown user_id -> 40002, accepted over v5 JSON too', async () => {
    const f = demoFixture();
    const none = await f.authCall('POST', '/auth/v2/preauth', {});
    expect(none.status).toBe(400);
    expect(none.body.code).toBe(40001);
    const unknown = await f.authCall('POST', '/auth/v2/preauth', { user_id: 'DUNOTAUSER0000000000' });
    expect(unknown.body).toMatchObject({ code: 40002, message_detail: 'user_id' });
    const u = f.user(activePush, 'push');
    const v5 = await f.authCall('POST', '/auth/v2/preauth', { username: u.username }, { sigVersion: 5 });
    expect(v5.body.response.result).toBe('auth');
  });
});

describe('auth: pushes', () => {
  it.each([
    { outcome: 'approve', result: 'allow', status: 'allow', log: 'success', reason: 'user_approved' },
    { outcome: 'deny', result: 'deny', status: 'deny', log: 'denied', reason: 'user_denied' },
    { outcome: 'timeout', result: 'deny', status: 'timeout', log: 'denied', reason: 'no_response' },
    { outcome: 'fraud', result: 'deny', status: 'fraud', log: 'fraud', reason: 'user_marked_fraud' },
  ] as const)('push script $outcome: async txid, auth_status long-polls to $status', async (c) => {
    const f = demoFixture();
    const u = f.user(activePush, 'push');
    u.push_script = { outcome: c.outcome, afterMs: 30 };
    const lastLogin = u.last_login;
    const rows = logOf(f, u.user_id).length;
    const started = await f.authCall('POST', '/auth/v2/auth', {
      username: u.username,
      factor: 'push',
      device: 'auto',
      async: '1',
      ipaddr: '203.0.113.9',
      pushinfo: 'from=login&app=vpn',
    });
    expect(started.status).toBe(200);
    const txid: string = started.body.response.txid;
    expect(Object.keys(started.body.response)).toEqual(['txid']);
    expect(f.account.transactions[txid]!.pushinfo).toBe('from=login&app=vpn');

    const status = await f.authCall('GET', '/auth/v2/auth_status', { txid });
    expect(status.body.response).toMatchObject({ result: c.result, status: c.status });
    expect(typeof status.body.response.status_msg).toBe('string');

    const after = logOf(f, u.user_id);
    expect(after).toHaveLength(rows + 1);
    expect(after.at(-1)).toMatchObject({ txid, factor: 'duo_push', result: c.log, reason: c.reason, ip: '203.0.113.9', integration_key: f.auth.integration_key });
    if (c.result === 'allow') expect(u.last_login).toBe(Math.floor(after.at(-1)!.timestamp_ms / 1000));
    else expect(u.last_login).toBe(lastLogin);

    // Polling a resolved transaction again answers at once and never logs twice.
    const again = await f.authCall('GET', '/auth/v2/auth_status', { txid });
    expect(again.body.response.result).toBe(c.result);
    expect(logOf(f, u.user_id)).toHaveLength(rows + 1);
  });

  it('a synchronous push blocks until the outcome', async () => {
    const f = demoFixture();
    const u = f.user(activePush, 'push');
    const res = await f.authCall('POST', '/auth/v2/auth', { user_id: u.user_id, factor: 'auto', async: '0' });
    expect(res.body.response).toEqual({ result: 'allow', status: 'allow', status_msg: 'Success. Logging you in...' });
    expect(logOf(f, u.user_id).at(-1)).toMatchObject({ factor: 'duo_push', result: 'success' });
    expect(f.emu.stats().executions['auth.auth']).toBe(1);
  });

  it('pushes to the named device; a device that is not the user\'s -> 40002', async () => {
    const f = demoFixture();
    const u = f.user(activePush, 'push');
    const res = await f.authCall('POST', '/auth/v2/auth', { user_id: u.user_id, factor: 'push', device: u.phone_ids[0]! });
    expect(res.body.response.result).toBe('allow');
    expect(f.account.transactions[logOf(f, u.user_id).at(-1)!.txid]!.device).toBe(u.phone_ids[0]);
    const other = f.user((x, a) => x !== u && hasPush(x, a), 'another push');
    const wrong = await f.authCall('POST', '/auth/v2/auth', { user_id: u.user_id, factor: 'push', device: other.phone_ids[0]! });
    expect(wrong.body).toMatchObject({ code: 40002, message_detail: 'device' });
  });

  it('phone calls follow the script too and are logged as phone_call', async () => {
    const f = demoFixture();
    const u = f.user(smsOnly, 'sms/voice');
    const credits = f.account.telephony_credits;
    const res = await f.authCall('POST', '/auth/v2/auth', { username: u.username, factor: 'phone' });
    expect(res.body.response.result).toBe('allow');
    expect(logOf(f, u.user_id).at(-1)).toMatchObject({ factor: 'phone_call', result: 'success' });
    expect(f.account.telephony_credits).toBe(credits - 1);
  });

  it('auto falls back to a call when the user has no push device', async () => {
    const f = demoFixture();
    const u = f.user(smsOnly, 'sms/voice');
    const res = await f.authCall('POST', '/auth/v2/auth', { username: u.username, factor: 'auto' });
    expect(res.body.response.result).toBe('allow');
    expect(logOf(f, u.user_id).at(-1)!.factor).toBe('phone_call');
  });

  it('no capable device -> 400/40002 "no capable device", logged as an error', async () => {
    const f = demoFixture();
    const u = f.user(smsOnly, 'sms/voice');
    const rows = logOf(f, u.user_id).length;
    const res = await f.authCall('POST', '/auth/v2/auth', { username: u.username, factor: 'push' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ stat: 'FAIL', code: 40002, message_detail: 'no capable device' });
    expect(logOf(f, u.user_id)).toHaveLength(rows + 1);
    expect(logOf(f, u.user_id).at(-1)).toMatchObject({ result: 'error' });
    const unenrolled = f.user((x) => active(x) && hasNoDevice(x), 'unenrolled');
    const none = await f.authCall('POST', '/auth/v2/auth', { username: unenrolled.username, factor: 'auto' });
    expect(none.body.message_detail).toBe('no capable device');
  });

  it('auth_status: unknown txid -> 40002, missing txid -> 40001', async () => {
    const f = demoFixture();
    expect((await f.authCall('GET', '/auth/v2/auth_status', { txid: 'no-such-tx' })).body).toMatchObject({ code: 40002, message_detail: 'txid' });
    expect((await f.authCall('GET', '/auth/v2/auth_status', {})).body).toMatchObject({ code: 40001, message_detail: 'txid' });
  });
});

describe('auth: passcodes and SMS', () => {
  it('accepts the configured OTP from a user with a device, rejects a wrong one', async () => {
    const f = demoFixture({ otp: '424242' });
    const u = f.user((x, a) => activePush(x, a), 'push');
    const good = await f.authCall('POST', '/auth/v2/auth', { username: u.username, factor: 'passcode', passcode: '424242' });
    expect(good.body.response).toMatchObject({ result: 'allow', status: 'allow' });
    expect(logOf(f, u.user_id).at(-1)).toMatchObject({ factor: 'duo_mobile_passcode', result: 'success', reason: 'valid_passcode' });
    const bad = await f.authCall('POST', '/auth/v2/auth', { username: u.username, factor: 'passcode', passcode: '123456' });
    expect(bad.body.response).toMatchObject({ result: 'deny', status: 'deny' });
    expect(logOf(f, u.user_id).at(-1)).toMatchObject({ factor: 'passcode', result: 'denied', reason: 'invalid_passcode' });
    const missing = await f.authCall('POST', '/auth/v2/auth', { username: u.username, factor: 'passcode' });
    expect(missing.body).toMatchObject({ code: 40001, message_detail: 'passcode' });
  });

  it('a hardware token user passes with the OTP, logged as hardware_token', async () => {
    const f = demoFixture();
    const u = f.user((x) => active(x) && x.token_ids.length > 0 && x.phone_ids.length === 0, 'token');
    const res = await f.authCall('POST', '/auth/v2/auth', { username: u.username, factor: 'passcode', passcode: '123456' });
    expect(res.body.response.result).toBe('allow');
    expect(logOf(f, u.user_id).at(-1)).toMatchObject({ factor: 'hardware_token', device: f.account.tokens[u.token_ids[0]!]!.serial });
  });

  it('bypass codes: each use consumes one; spent and expired codes are refused; unlimited codes stay', async () => {
    const f = demoFixture();
    const u = f.user(hasNoDevice, 'no device');
    u.status = 'active';
    const nowSec = Math.floor(Date.now() / 1000);
    const base = { user_id: u.user_id, admin_email: 'a@b.example', created: nowSec };
    f.account.bypass_codes['DBTESTTWOUSES0000000'] = { ...base, bypass_code_id: 'DBTESTTWOUSES0000000', code: '111222333', expiration: null, reuse_count: 2 };
    f.account.bypass_codes['DBTESTEXPIRED0000000'] = { ...base, bypass_code_id: 'DBTESTEXPIRED0000000', code: '444555666', expiration: nowSec - 10, reuse_count: 1 };
    f.account.bypass_codes['DBTESTUNLIMITED00000'] = { ...base, bypass_code_id: 'DBTESTUNLIMITED00000', code: '777888999', expiration: null, reuse_count: null };
    const use = async (passcode: string) =>
      (await f.authCall('POST', '/auth/v2/auth', { user_id: u.user_id, factor: 'passcode', passcode })).body.response.result;

    expect(await use('111222333')).toBe('allow');
    expect(f.account.bypass_codes['DBTESTTWOUSES0000000']!.reuse_count).toBe(1);
    expect(await use('111222333')).toBe('allow');
    expect(f.account.bypass_codes['DBTESTTWOUSES0000000']).toBeUndefined();
    expect(await use('111222333')).toBe('deny');
    expect(await use('444555666')).toBe('deny');
    for (let i = 0; i < 3; i++) expect(await use('777888999')).toBe('allow');
    expect(f.account.bypass_codes['DBTESTUNLIMITED00000']!.reuse_count).toBeNull();
    // The configured OTP needs a device; this user has none.
    expect(await use('123456')).toBe('deny');
    const rows = logOf(f, u.user_id).slice(-8);
    expect(rows.map((r) => `${r.factor}:${r.result}`)).toEqual([
      'bypass_code:success',
      'bypass_code:success',
      'passcode:denied',
      'bypass_code:denied',
      'bypass_code:success',
      'bypass_code:success',
      'bypass_code:success',
      'passcode:denied',
    ]);
  });

  it('factor sms sends passcodes: deny, status sent; preauth then shows sms_nextcode', async () => {
    const f = demoFixture();
    const u = f.user(smsOnly, 'sms/voice');
    const res = await f.authCall('POST', '/auth/v2/auth', { username: u.username, factor: 'sms' });
    expect(res.body.response).toEqual({ result: 'deny', status: 'sent', status_msg: 'New SMS passcodes sent.' });
    expect(f.account.phones[u.phone_ids[0]!]!.sms_passcodes_sent).toBe(true);
    expect(logOf(f, u.user_id).at(-1)).toMatchObject({ factor: 'sms_refresh', result: 'denied' });
    const pre = (await f.authCall('POST', '/auth/v2/preauth', { username: u.username })).body.response;
    expect(pre.devices[0].sms_nextcode).toBe('1');
    const landline = f.user((x, a) => active(x) && x.phone_ids.some((id) => a.phones[id]!.type === 'landline'), 'landline');
    const none = await f.authCall('POST', '/auth/v2/auth', { username: landline.username, factor: 'sms' });
    expect(none.body.message_detail).toBe('no capable device');
  });
});

describe('auth: users preauth would not send to a factor', () => {
  it.each([
    { what: 'bypass', pred: (u: User) => u.status === 'bypass', result: 'allow', status: 'bypass', log: 'success', reason: 'bypass_user' },
    { what: 'disabled', pred: (u: User) => u.status === 'disabled', result: 'deny', status: 'deny', log: 'denied', reason: 'user_disabled' },
    { what: 'locked out', pred: (u: User) => u.status === 'locked out', result: 'deny', status: 'locked_out', log: 'denied', reason: 'locked_out' },
  ])('$what -> $result/$status, logged once', async (c) => {
    const f = demoFixture();
    const u = f.user(c.pred, c.what);
    const rows = logOf(f, u.user_id).length;
    const started = await f.authCall('POST', '/auth/v2/auth', { username: u.username, factor: 'push', async: '1' });
    const status = await f.authCall('GET', '/auth/v2/auth_status', { txid: started.body.response.txid });
    expect(status.body.response).toMatchObject({ result: c.result, status: c.status });
    expect(logOf(f, u.user_id)).toHaveLength(rows + 1);
    expect(logOf(f, u.user_id).at(-1)).toMatchObject({ result: c.log, reason: c.reason });
  });

  it('an unknown username is denied and logged by name', async () => {
    const f = demoFixture();
    const res = await f.authCall('POST', '/auth/v2/auth', { username: 'ghost.user', factor: 'push' });
    expect(res.body.response.result).toBe('deny');
    expect(f.account.auth_log.at(-1)).toMatchObject({ user_id: null, username: 'ghost.user', reason: 'deny_unenrolled_user' });
  });

  it('factor is required and must be known', async () => {
    const f = demoFixture();
    const u = f.user(activePush, 'push');
    expect((await f.authCall('POST', '/auth/v2/auth', { username: u.username })).body).toMatchObject({ code: 40001, message_detail: 'factor' });
    expect((await f.authCall('POST', '/auth/v2/auth', { username: u.username, factor: 'smoke' })).body).toMatchObject({ code: 40002, message_detail: 'factor' });
    expect(f.emu.stats().executions['auth.auth']).toBeUndefined();
  });
});
