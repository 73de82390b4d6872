import { describe, expect, it } from 'vitest';
import { wrapRoute } from '../src/index.js';
import type { Account, User } from '../src/state/types.js';
import { demoFixture, hasPush, type DemoFixture } from './support-auth/demo-fixture.js';

const HOUR = 3_600_000;

const smsOnly = (u: User, a: Account) =>
  u.status === 'active' && u.phone_ids.length === 1 && u.token_ids.length === 0 && !hasPush(u, a) && a.phones[u.phone_ids[0]!]!.capabilities.includes('sms');
const activePush = (u: User, a: Account) => u.status === 'active' && hasPush(u, a) && u.push_script === undefined && u.token_ids.length === 0;

function v2Window() {
  const now = Date.now();
  return { mintime: String(now - HOUR), maxtime: String(now + 60_000), sort: 'ts:asc', limit: '1000' };
}

async function adminLog(f: DemoFixture): Promise<any[]> {
  const res = await f.adminCall('GET', '/admin/v1/logs/administrator', { mintime: String(Math.floor(Date.now() / 1000) - 3600) });
  expect(res.status).toBe(200);
  return res.body.response;
}

async function v2Items(f: DemoFixture, path: string): Promise<any[]> {
  const res = await f.adminCall('GET', path, v2Window());
  expect(res.status).toBe(200);
  return res.body.response.items;
}

describe('the administrator and activity logs record Admin API writes', () => {
  it('an update: which fields changed with their new values, and old and new values in the activity log', async () => {
    const f = demoFixture();
    const u = f.user((x) => x.status === 'active', 'active');
    const before = { realname: u.realname, status: u.status };
    const res = await f.adminCall('POST', `/admin/v1/users/${u.user_id}`, { realname: 'Renamed Person', status: 'disabled', notes: u.notes });
    expect(res.status).toBe(200);

    const row = (await adminLog(f)).at(-1);
    expect(row).toMatchObject({ action: 'user_update', object: u.username, username: 'API', timestamp: expect.any(Number), isotimestamp: expect.stringMatching(/\+00:00$/) });
    // Duo writes the changed fields, new values, statuses capitalized; unchanged notes are not mentioned.
    expect(JSON.parse(row.description)).toEqual({ realname: 'Renamed Person', status: 'Disabled' });

    const activity = (await v2Items(f, '/admin/v2/logs/activity')).at(-1);
    expect(activity).toMatchObject({
      action: { name: 'user_update' },
      actor: { type: 'adminapi', key: f.admin.integration_key },
      target: { key: u.user_id, name: u.username, type: 'user' },
      old_target: { key: u.user_id, type: 'user' },
      outcome: { result: 'SUCCESS' },
      akey: f.account.account_id,
    });
    expect(activity.activity_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(JSON.parse(activity.old_target.details)).toMatchObject(before);
    expect(JSON.parse(activity.target.details)).toMatchObject({ realname: 'Renamed Person', status: 'disabled' });
  });

  it('a create lists what was set, never a secret; a delete names what went', async () => {
    const f = demoFixture();
    const created = await f.adminCall('POST', '/admin/v1/users', { username: 'logged.user', realname: 'Logged User', email: 'logged@example.com' });
    const id = created.body.response.user_id;
    await f.adminCall('DELETE', `/admin/v1/users/${id}`);
    const [create, del] = (await adminLog(f)).slice(-2);
    expect(create).toMatchObject({ action: 'user_create', object: 'logged.user' });
    expect(JSON.parse(create.description)).toEqual({ username: 'logged.user', realname: 'Logged User', email: 'logged@example.com' });
    expect(del).toMatchObject({ action: 'user_delete', object: 'logged.user', description: null });
  });

  it('bypass codes: Duo’s fields with the new code ids, and no code anywhere in any log', async () => {
    const f = demoFixture();
    const u = f.user((x) => x.status === 'active', 'active');
    const codes: string[] = (await f.adminCall('POST', `/admin/v1/users/${u.user_id}/bypass_codes`, { count: 2, reuse_count: 3, valid_secs: 3600 })).body.response;
    const ids = Object.values(f.account.bypass_codes).filter((c) => c.user_id === u.user_id && codes.includes(c.code)).map((c) => c.bypass_code_id).sort();
    const row = (await adminLog(f)).at(-1);
    expect(row).toMatchObject({ action: 'bypass_create', object: u.username });
    const description = JSON.parse(row.description);
    expect(description).toMatchObject({ count: 2, valid_secs: 3600, auto_generated: true, remaining_uses: 3, user_id: u.user_id, bypass: '' });
    expect([...description.bypass_code_ids].sort()).toEqual(ids);
    const everything = JSON.stringify([await adminLog(f), await v2Items(f, '/admin/v2/logs/activity')]);
    for (const code of codes) expect(everything).not.toContain(code);
  });

  it('viewing a secret key is logged as integration_skey_view, without the key', async () => {
    const f = demoFixture();
    const integration = Object.values(f.account.integrations).find((i) => i.type === 'auth')!;
    const res = await f.adminCall('GET', `/admin/v1/integrations/${integration.integration_key}/skey`);
    expect(res.status).toBe(200);
    const row = (await adminLog(f)).at(-1);
    expect(row).toMatchObject({ action: 'integration_skey_view', object: integration.name });
    const everything = JSON.stringify([await adminLog(f), await v2Items(f, '/admin/v2/logs/activity')]);
    expect(everything).not.toContain(integration.secret_key);
  });

  it('settings changes are customer_update with the changed settings; refused writes leave no row', async () => {
    const f = demoFixture();
    const rows = (await adminLog(f)).length;
    expect((await f.adminCall('POST', '/admin/v1/users/DUNOSUCHUSER00000000', { realname: 'x' })).status).toBe(404);
    expect((await f.adminCall('POST', '/admin/v1/groups', {})).status).toBe(400);
    expect(await adminLog(f)).toHaveLength(rows);
    await f.adminCall('POST', '/admin/v1/settings', { lockout_threshold: '7' });
    const row = (await adminLog(f)).at(-1);
    expect(row).toMatchObject({ action: 'customer_update', object: null });
    expect(JSON.parse(row.description)).toEqual({ lockout_threshold: 7 });
  });

  it('each operation of a bulk call is logged as its own call would be', async () => {
    const f = demoFixture();
    const u = f.user((x) => x.status === 'active', 'active');
    const operations = [
      { method: 'POST', path: '/admin/v1/users', body: { username: 'via.bulk' } },
      { method: 'POST', path: `/admin/v1/users/${u.user_id}`, body: { notes: 'bulk note' } },
    ];
    expect((await f.adminCall('POST', '/admin/v1/bulk', { operations: JSON.stringify(operations) })).status).toBe(200);
    const [create, update] = (await adminLog(f)).slice(-2);
    expect(create).toMatchObject({ action: 'user_create', object: 'via.bulk' });
    expect(update).toMatchObject({ action: 'user_update', object: u.username, description: JSON.stringify({ notes: 'bulk note' }) });
  });

  it('a handler can say what it changed (ctx.logAdminChange); secrets in what it says are dropped', async () => {
    const f = demoFixture();
    f.emu.use(
      wrapRoute('POST', '/admin/v1/groups', (ctx, next) => {
        ctx.logAdminChange?.({ description: { name: 'from handler', password: 'hunter2', nested: { secret_key: 's', kept: 1 } } });
        return next();
      }),
    );
    await f.adminCall('POST', '/admin/v1/groups', { name: 'Noted Group' });
    const row = (await adminLog(f)).at(-1);
    expect(row).toMatchObject({ action: 'group_create', object: 'Noted Group' });
    expect(JSON.parse(row.description)).toEqual({ name: 'from handler', nested: { kept: 1 } });
  });

  it('can show the integration’s name instead of "API"', async () => {
    const f = demoFixture({ adminLogApiUsername: 'integration_name' });
    await f.adminCall('POST', '/admin/v1/groups', { name: 'Logged Group' });
    const row = (await adminLog(f)).at(-1);
    expect(row).toMatchObject({ action: 'group_create', object: 'Logged Group', username: f.account.integrations[f.admin.integration_key]!.name });
  });
});

describe('the telephony log records every text and call, and credits are spent', () => {
  it('send_sms_passcodes: one text, one credit', async () => {
    const f = demoFixture();
    const u = f.user(smsOnly, 'sms');
    const phone = f.account.phones[u.phone_ids[0]!]!;
    const credits = f.account.telephony_credits;
    expect((await f.adminCall('POST', `/admin/v1/phones/${phone.phone_id}/send_sms_passcodes`)).status).toBe(200);
    expect(f.account.telephony_credits).toBe(credits - 1);
    const row = (await v2Items(f, '/admin/v2/logs/telephony')).at(-1);
    expect(row).toMatchObject({ type: 'sms', phone: phone.number, context: 'authentication', credits: 1, txid: null });
    expect(row.telephony_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    expect((await adminLog(f)).at(-1)).toMatchObject({ action: 'phone_new_sms_passcode' });
  });

  it('send_sms_activation with install: two texts, two credits', async () => {
    const f = demoFixture();
    const phone = Object.values(f.account.phones).find((p) => p.type === 'mobile' && p.platform !== 'unknown' && p.capabilities.includes('sms'))!;
    const credits = f.account.telephony_credits;
    expect((await f.adminCall('POST', `/admin/v1/phones/${phone.phone_id}/send_sms_activation`, { install: '1' })).status).toBe(200);
    expect(f.account.telephony_credits).toBe(credits - 2);
    const rows = (await v2Items(f, '/admin/v2/logs/telephony')).slice(-2);
    expect(rows.map((r) => [r.type, r.context, r.phone])).toEqual([
      ['sms', 'activation', phone.number],
      ['sms', 'activation', phone.number],
    ]);
  });

  it('Auth API texts and calls: tied to the attempt by txid, priced by the option', async () => {
    const f = demoFixture({ telephonyCreditCost: { phone: 3 } });
    const u = f.user(smsOnly, 'sms');
    const phone = f.account.phones[u.phone_ids[0]!]!;
    const credits = f.account.telephony_credits;
    const sms = await f.authCall('POST', '/auth/v2/auth', { user_id: u.user_id, factor: 'sms', async: '1' });
    const call = await f.authCall('POST', '/auth/v2/auth', { user_id: u.user_id, factor: 'phone', async: '1' });
    expect(f.account.telephony_credits).toBe(credits - 1 - 3);
    const rows = (await v2Items(f, '/admin/v2/logs/telephony')).slice(-2);
    expect(rows).toMatchObject([
      { type: 'sms', phone: phone.number, context: 'authentication', credits: 1, txid: sms.body.response.txid },
      { type: 'phone', phone: phone.number, context: 'authentication', credits: 3, txid: call.body.response.txid },
    ]);
  });

  it('the v1 telephony log shows the same rows in v1’s shape', async () => {
    const f = demoFixture();
    const u = f.user(smsOnly, 'sms');
    await f.adminCall('POST', `/admin/v1/phones/${u.phone_ids[0]}/send_sms_passcodes`);
    const res = await f.adminCall('GET', '/admin/v1/logs/telephony', { mintime: String(Math.floor(Date.now() / 1000) - 60) });
    expect(res.body.response.at(-1)).toEqual({
      context: 'authentication',
      credits: 1,
      eventtype: 'telephony',
      host: f.account.api_hostname,
      isotimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
      phone: f.account.phones[u.phone_ids[0]!]!.number,
      timestamp: expect.any(Number),
      type: 'sms',
    });
  });
});

describe('the authentication log records every Auth API attempt with Duo’s v2 fields', () => {
  it('a push', async () => {
    const f = demoFixture();
    const u = f.user(activePush, 'push');
    const auth = await f.authCall('POST', '/auth/v2/auth', { user_id: u.user_id, factor: 'push', ipaddr: '8.8.4.4', hostname: 'laptop-7' });
    const txid = f.account.auth_log.at(-1)!.txid;
    expect(auth.body.response.result).toBe('allow');
    const res = await f.adminCall('GET', '/admin/v2/logs/authentication', { ...v2Window(), users: u.user_id, sort: 'ts:desc', limit: '1' });
    const item = res.body.response.authlogs[0];
    const groups = u.group_ids.map((g) => f.account.groups[g]!.name);
    expect(item).toMatchObject({
      txid,
      event_type: 'authentication',
      factor: 'duo_push',
      result: 'success',
      reason: 'user_approved',
      timestamp: expect.any(Number),
      isotimestamp: expect.any(String),
      application: { key: f.auth.integration_key, name: f.account.integrations[f.auth.integration_key]!.name },
      user: { key: u.user_id, name: u.username, groups },
      email: u.email,
      access_device: { ip: '8.8.4.4', hostname: 'laptop-7', browser: null, browser_version: null, os: null, os_version: null },
      auth_device: { name: expect.any(String), ip: null },
    });
    expect(Object.keys(item.access_device.location).sort()).toEqual(['city', 'country', 'state']);
    expect(item.access_device.location.country).not.toBe('');
  });
});
