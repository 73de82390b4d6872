import { describe, expect, it } from 'vitest';
import { DuoAccountsClient, DuoAdminClient, DuoAuthClient, DuoServerError } from '../../src/index.js';
import { CREDS, fail, fakeDuo, ok, type Seen } from '../support/fake-duo.js';

type Clients = { admin: DuoAdminClient; auth: DuoAuthClient; accounts: DuoAccountsClient };
const T0 = Date.UTC(2026, 5, 1);

function answer(seen: Seen): Response {
  const path = seen.url.pathname;
  if (path.endsWith('/logo')) return new Response(Buffer.from('png'), { headers: { 'content-type': 'image/png' } });
  if (path.startsWith('/admin/v2/logs')) return ok({ authlogs: [], items: [], metadata: {} });
  if (seen.method === 'GET' && /\/(users|phones|bypass_codes)$/.test(path)) return ok([], { total_objects: 0 });
  if (path === '/accounts/v1/account/list') return ok([]);
  if (path.endsWith('/bypass_codes') && seen.method === 'POST') return ok(['123456789']);
  return ok({});
}

function clients(handler: (seen: Seen, index: number) => Response): Clients & { seen: Seen[] } {
  const duo = fakeDuo(handler);
  const options = { ...CREDS, fetch: duo.fetch, pacing: false as const, now: () => T0, retry: { sleep: async () => {}, maxAttempts: 2 } };
  return { admin: new DuoAdminClient(options), auth: new DuoAuthClient(options), accounts: new DuoAccountsClient(options), seen: duo.seen };
}

// [name, call, method, path, params as sent (query for GET/DELETE, JSON body otherwise), idempotent]
const table: Array<[string, (c: Clients) => Promise<unknown>, string, string, Record<string, unknown>, boolean]> = [
  ['users.list', (c) => c.admin.users.list().toArray(), 'GET', '/admin/v1/users', { limit: '300', offset: '0' }, true],
  ['users.list by email', (c) => c.admin.users.list({ email: 'a@x' }).toArray(), 'GET', '/admin/v1/users', { email: 'a@x', limit: '300', offset: '0' }, true],
  ['users.list by ids', (c) => c.admin.users.list({ user_id_list: ['DU1', 'DU2'] }).toArray(), 'GET', '/admin/v1/users', { user_id_list: '["DU1","DU2"]' }, true],
  ['users.list by names', (c) => c.admin.users.list({ username_list: ['a'] }).toArray(), 'GET', '/admin/v1/users', { username_list: '["a"]' }, true],
  ['users.get', (c) => c.admin.users.get('DU1'), 'GET', '/admin/v1/users/DU1', {}, true],
  ['users.getByUsername', (c) => c.admin.users.getByUsername('al ice'), 'GET', '/admin/v1/users', { username: 'al ice' }, true],
  ['users.findByEmail', (c) => c.admin.users.findByEmail('a@x'), 'GET', '/admin/v1/users', { email: 'a@x' }, true],
  ['users.create', (c) => c.admin.users.create({ username: 'a', status: 'bypass', enable_auto_prompt: true }), 'POST', '/admin/v1/users', { username: 'a', status: 'bypass', enable_auto_prompt: true }, false],
  ['users.update', (c) => c.admin.users.update('DU1', { alias1: '' }), 'POST', '/admin/v1/users/DU1', { alias1: '' }, true],
  ['users.delete', (c) => c.admin.users.delete('DU1'), 'DELETE', '/admin/v1/users/DU1', {}, true],
  ['users.enroll', (c) => c.admin.users.enroll({ username: 'a', email: 'a@x', valid_secs: 60 }), 'POST', '/admin/v1/users/enroll', { username: 'a', email: 'a@x', valid_secs: 60 }, false],
  ['users.syncFromDirectory', (c) => c.admin.users.syncFromDirectory('DK/1', 'a'), 'POST', '/admin/v1/users/directorysync/DK%2F1/syncuser', { username: 'a' }, true],
  ['phones.list', (c) => c.admin.phones.list({ number: '+15555550100' }).toArray(), 'GET', '/admin/v1/phones', { number: '+15555550100', limit: '500', offset: '0' }, true],
  ['phones.get', (c) => c.admin.phones.get('DP1'), 'GET', '/admin/v1/phones/DP1', {}, true],
  ['phones.create', (c) => c.admin.phones.create({ number: '+15555550100', type: 'mobile', platform: 'apple ios' }), 'POST', '/admin/v1/phones', { number: '+15555550100', type: 'mobile', platform: 'apple ios' }, false],
  ['phones.update', (c) => c.admin.phones.update('DP1', { name: 'work' }), 'POST', '/admin/v1/phones/DP1', { name: 'work' }, true],
  ['phones.delete', (c) => c.admin.phones.delete('DP1'), 'DELETE', '/admin/v1/phones/DP1', {}, true],
  ['phones.createActivationUrl', (c) => c.admin.phones.createActivationUrl('DP1', { valid_secs: 3600, install: true }), 'POST', '/admin/v1/phones/DP1/activation_url', { valid_secs: 3600, install: '1' }, false],
  ['phones.sendSmsActivation', (c) => c.admin.phones.sendSmsActivation('DP1', { activation_msg: 'go <acturl>' }), 'POST', '/admin/v1/phones/DP1/send_sms_activation', { activation_msg: 'go <acturl>' }, false],
  ['phones.sendSmsInstallation', (c) => c.admin.phones.sendSmsInstallation('DP1', { installation_msg: 'get <insturl>' }), 'POST', '/admin/v1/phones/DP1/send_sms_installation', { installation_msg: 'get <insturl>' }, false],
  ['phones.sendSmsPasscodes', (c) => c.admin.phones.sendSmsPasscodes('DP1'), 'POST', '/admin/v1/phones/DP1/send_sms_passcodes', {}, false],
  ['phones.listForUser', (c) => c.admin.phones.listForUser('DU1').toArray(), 'GET', '/admin/v1/users/DU1/phones', { limit: '500', offset: '0' }, true],
  ['phones.associate', (c) => c.admin.phones.associate('DU1', 'DP1'), 'POST', '/admin/v1/users/DU1/phones', { phone_id: 'DP1' }, true],
  ['phones.disassociate', (c) => c.admin.phones.disassociate('DU1', 'DP1'), 'DELETE', '/admin/v1/users/DU1/phones/DP1', {}, true],
  ['bypassCodes.list', (c) => c.admin.bypassCodes.list().toArray(), 'GET', '/admin/v1/bypass_codes', { limit: '500', offset: '0' }, true],
  ['bypassCodes.get', (c) => c.admin.bypassCodes.get('DB1'), 'GET', '/admin/v1/bypass_codes/DB1', {}, true],
  ['bypassCodes.delete', (c) => c.admin.bypassCodes.delete('DB1'), 'DELETE', '/admin/v1/bypass_codes/DB1', {}, true],
  ['bypassCodes.listForUser', (c) => c.admin.bypassCodes.listForUser('DU1').toArray(), 'GET', '/admin/v1/users/DU1/bypass_codes', { limit: '500', offset: '0' }, true],
  ['bypassCodes.createForUser', (c) => c.admin.bypassCodes.createForUser('DU1', { count: 2, reuse_count: 0, valid_secs: 60, preserve_existing: true }), 'POST', '/admin/v1/users/DU1/bypass_codes', { count: 2, reuse_count: 0, valid_secs: 60, preserve_existing: true }, false],
  ['bypassCodes.createForUser codes', (c) => c.admin.bypassCodes.createForUser('DU1', { codes: ['111', '222'] }), 'POST', '/admin/v1/users/DU1/bypass_codes', { codes: '111,222' }, false],
  ['settings.get', (c) => c.admin.settings.get(), 'GET', '/admin/v1/settings', {}, true],
  ['settings.update', (c) => c.admin.settings.update({ fraud_email_enabled: true, lockout_threshold: 5 }), 'POST', '/admin/v1/settings', { fraud_email_enabled: '1', lockout_threshold: 5 }, true],
  ['info.summary', (c) => c.admin.info.summary(), 'GET', '/admin/v1/info/summary', {}, true],
  ['info.authenticationAttempts', (c) => c.admin.info.authenticationAttempts({ mintime: 100, maxtime: new Date(200_000) }), 'GET', '/admin/v1/info/authentication_attempts', { mintime: '100', maxtime: '200' }, true],
  ['info.userAuthenticationAttempts', (c) => c.admin.info.userAuthenticationAttempts(), 'GET', '/admin/v1/info/user_authentication_attempts', {}, true],
  ['info.telephonyCreditsUsed', (c) => c.admin.info.telephonyCreditsUsed(), 'GET', '/admin/v1/info/telephony_credits_used', {}, true],
  ['logs.authentication', (c) => c.admin.logs.authentication({ mintime: T0 - 3_600_000, sort: 'ts:desc', results: ['denied'] }).toArray(), 'GET', '/admin/v2/logs/authentication', { mintime: String(T0 - 3_600_000), maxtime: String(T0), limit: '1000', sort: 'ts:desc', results: 'denied' }, true],
  ['logs.telephony', (c) => c.admin.logs.telephony({ mintime: T0 - 1000, limit: 10 }).toArray(), 'GET', '/admin/v2/logs/telephony', { mintime: String(T0 - 1000), maxtime: String(T0), limit: '10' }, true],
  ['logs.activity', (c) => c.admin.logs.activity({ mintime: T0 - 1000 }).toArray(), 'GET', '/admin/v2/logs/activity', { mintime: String(T0 - 1000), maxtime: String(T0), limit: '1000' }, true],
  ['billing.getEdition', (c) => c.admin.billing.getEdition(), 'GET', '/admin/v1/billing/edition', {}, true],
  ['billing.setEdition', (c) => c.admin.billing.setEdition('PLATFORM'), 'POST', '/admin/v1/billing/edition', { edition: 'PLATFORM' }, true],
  ['billing.getTelephonyCredits', (c) => c.admin.billing.getTelephonyCredits(), 'GET', '/admin/v1/billing/telephony_credits', {}, true],
  ['billing.setTelephonyCredits', (c) => c.admin.billing.setTelephonyCredits(500), 'POST', '/admin/v1/billing/telephony_credits', { credits: 500 }, true],
  ['accounts.list', (c) => c.accounts.list(), 'POST', '/accounts/v1/account/list', {}, true],
  ['accounts.create', (c) => c.accounts.create('Acme'), 'POST', '/accounts/v1/account/create', { name: 'Acme' }, false],
  ['accounts.delete', (c) => c.accounts.delete('DA0123456789ABCDEFGH'), 'POST', '/accounts/v1/account/delete', { account_id: 'DA0123456789ABCDEFGH' }, true],
  ['auth.ping', (c) => c.auth.ping(), 'GET', '/auth/v2/ping', {}, true],
  ['auth.check', (c) => c.auth.check(), 'GET', '/auth/v2/check', {}, true],
  ['auth.logo', (c) => c.auth.logo(), 'GET', '/auth/v2/logo', {}, true],
  ['auth.enroll', (c) => c.auth.enroll({ username: 'n', valid_secs: 60 }), 'POST', '/auth/v2/enroll', { username: 'n', valid_secs: 60 }, false],
  ['auth.enrollStatus', (c) => c.auth.enrollStatus({ user_id: 'DU1', activation_code: 'c' }), 'POST', '/auth/v2/enroll_status', { user_id: 'DU1', activation_code: 'c' }, true],
  ['auth.preauth', (c) => c.auth.preauth({ username: 'u', ipaddr: '10.0.0.1', client_supports_verified_push: true }), 'POST', '/auth/v2/preauth', { username: 'u', ipaddr: '10.0.0.1', client_supports_verified_push: '1' }, true],
  ['auth.auth push', (c) => c.auth.auth({ user_id: 'DU1', factor: 'push', pushinfo: { from: 'vpn gw', n: '1' } }), 'POST', '/auth/v2/auth', { user_id: 'DU1', factor: 'push', device: 'auto', pushinfo: 'from=vpn%20gw&n=1', async: '0' }, false],
  ['auth.auth passcode', (c) => c.auth.auth({ username: 'u', factor: 'passcode', passcode: '123456' }), 'POST', '/auth/v2/auth', { username: 'u', factor: 'passcode', passcode: '123456', async: '0' }, false],
  ['auth.authAsync', (c) => c.auth.authAsync({ username: 'u', factor: 'sms' }), 'POST', '/auth/v2/auth', { username: 'u', factor: 'sms', device: 'auto', async: '1' }, false],
  ['auth.authStatus', (c) => c.auth.authStatus('tx-1'), 'GET', '/auth/v2/auth_status', { txid: 'tx-1' }, true],
];

describe('every resource method on the wire', () => {
  it.each(table)('%s', async (_name, call, method, path, params) => {
    const c = clients((seen) => answer(seen));
    await call(c);
    const [seen] = c.seen;
    expect(seen!.method).toBe(method);
    expect(seen!.url.pathname).toBe(path);
    expect(seen!.signatureValid).toBe(true);
    if (method === 'GET' || method === 'DELETE') {
      expect(Object.fromEntries(seen!.query)).toEqual(params);
      expect(seen!.body).toBe('');
    } else {
      expect(seen!.json).toEqual(params);
      expect(seen!.query).toEqual([]);
    }
  });

  it.each(table)('%s: retried after a 500 only when idempotent', async (_name, call, _method, _path, _params, idempotent) => {
    const c = clients((seen, index) => (index === 0 ? fail(500, 50001, 'Unknown internal server error') : answer(seen)));
    if (idempotent) {
      await call(c);
      expect(c.seen).toHaveLength(2);
    } else {
      await expect(call(c)).rejects.toBeInstanceOf(DuoServerError);
      expect(c.seen).toHaveLength(1);
    }
  });

  it('sends more than 100 ids in chunks of 100, in order', async () => {
    const c = clients((seen) => ok((JSON.parse(seen.url.searchParams.get('user_id_list')!) as string[]).map((id) => ({ user_id: id, username: id }))));
    const ids = Array.from({ length: 250 }, (_, i) => `DU${i}`);
    const users = await c.admin.users.list({ user_id_list: ids }).toArray();
    expect(users.map((u) => u.user_id)).toEqual(ids);
    expect(c.seen.map((s) => (JSON.parse(s.url.searchParams.get('user_id_list')!) as string[]).length)).toEqual([100, 100, 50]);
  });

  it('uses the long-poll timeout for synchronous auth and auth_status only', async () => {
    let release: () => void = () => {};
    const c = clients(() => ok({}));
    const slow = fakeDuo(() => new Promise<Response>((resolve) => (release = () => resolve(ok({ result: 'allow' })))));
    const auth = new DuoAuthClient({ ...CREDS, fetch: slow.fetch, pacing: false, timeoutMs: 20, longPollTimeoutMs: 5_000, retry: false });
    const pending = auth.auth({ username: 'u', factor: 'push' });
    await new Promise((r) => setTimeout(r, 60));
    release();
    await expect(pending).resolves.toMatchObject({ result: 'allow' });
    await expect(auth.check()).rejects.toMatchObject({ name: 'DuoTimeoutError', timeoutMs: 20 });
    expect(c.seen).toHaveLength(0);
  });
});
