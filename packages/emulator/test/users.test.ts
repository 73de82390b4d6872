import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, createRandom, newUser, putUser, type Emulator } from '../src/index.js';
import { bind, parentKey } from './helpers/duo-call.js';

let emu: Emulator;
let admin: ReturnType<typeof bind>;
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

beforeEach(() => {
  emu = createEmulator({ now: () => NOW });
  admin = bind(emu, parentKey(emu, 'admin'));
});

const opts = { date: new Date(NOW) };
const create = (params: Record<string, string | number | boolean>) => admin('POST', '/admin/v1/users', params, opts);
const get = (path: string, params: Record<string, string | number> = {}) => admin('GET', path, params, opts);
const names = (res: { body: { response: Array<{ username: string }> } }) => res.body.response.map((u) => u.username);

// Straight into state: paging tests need hundreds of users, and creation has its own tests.
function seedUsers(n: number) {
  const account = emu.state.accounts[emu.state.parent_account_id]!;
  const random = createRandom(7);
  for (let i = 0; i < n; i++) {
    const user = newUser(account, `user${String(i).padStart(3, '0')}`, random, NOW);
    user.email = `u${i}@example.com`;
    putUser(account, user);
  }
}

describe('POST /admin/v1/users', () => {
  it('creates a user with Duo fields and casing', async () => {
    const res = await create({ username: 'ann', realname: 'Ann Lee', email: 'ann@example.com', alias1: 'ann.lee', notes: 'n', firstname: 'Ann', lastname: 'Lee' });
    expect(res.status).toBe(200);
    expect(res.body.stat).toBe('OK');
    const user = res.body.response;
    expect(user).toMatchObject({
      username: 'ann',
      realname: 'Ann Lee',
      email: 'ann@example.com',
      status: 'active',
      alias1: 'ann.lee',
      alias2: null,
      aliases: { alias1: 'ann.lee' },
      created: NOW / 1000,
      last_login: null,
      is_enrolled: false,
      phones: [],
      tokens: [],
      groups: [],
      webauthncredentials: [],
      u2ftokens: [],
      notes: 'n',
      firstname: 'Ann',
      lastname: 'Lee',
      lockout_reason: null,
    });
    expect(user.user_id).toMatch(/^DU[A-Z0-9]{18}$/);
  });

  it('accepts the packed aliases form, JSON booleans and v2 form bodies', async () => {
    const packed = await create({ username: 'bo', aliases: 'alias1=b1&alias6=b6', enable_auto_prompt: false });
    expect(packed.body.response.aliases).toEqual({ alias1: 'b1', alias6: 'b6' });
    expect(packed.body.response.enable_auto_prompt).toBe(false);
    const form = await admin('POST', '/admin/v1/users', { username: 'cy', status: 'bypass' }, { ...opts, sigVersion: 2 });
    expect(form.body.response.status).toBe('bypass');
  });

  it.each<[string, Record<string, string>, number, number, string]>([
    ['missing username', {}, 400, 40001, 'username'],
    ['blank username', { username: ' ' }, 400, 40002, 'username'],
    ['bad status', { username: 'x', status: 'locked out' }, 400, 40002, 'status'],
    ['bad alias key', { username: 'x', aliases: 'alias9=z' }, 400, 40002, 'aliases'],
    ['bad boolean', { username: 'x', enable_auto_prompt: 'maybe' }, 400, 40002, 'enable_auto_prompt'],
  ])('%s -> %s/%s', async (_name, params, status, code, detail) => {
    const res = await create(params);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ stat: 'FAIL', code, message_detail: detail });
  });

  it('username must be unique, counting aliases, case-insensitively -> 400/40003', async () => {
    await create({ username: 'dee', alias1: 'dee.alias' });
    for (const params of [{ username: 'dee' }, { username: 'DEE' }, { username: 'dee.alias' }, { username: 'new', alias2: 'dee' }] as Array<Record<string, string>>) {
      const res = await create(params);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 40003, message: 'Duplicate resource' });
    }
    expect(emu.stats().executions['users.create']).toBe(1);
  });

  it('duplicateUsernameCode 40002 switches the code', async () => {
    const strict = createEmulator({ duplicateUsernameCode: 40002 });
    const call = bind(strict, parentKey(strict, 'admin'));
    await call('POST', '/admin/v1/users', { username: 'x' });
    expect((await call('POST', '/admin/v1/users', { username: 'x' })).body.code).toBe(40002);
  });
});

describe('GET /admin/v1/users', () => {
  it('pages with limit/offset and Duo metadata (default 100, max 300)', async () => {
    seedUsers(305);
    const first = await get('/admin/v1/users');
    expect(first.body.response).toHaveLength(100);
    expect(first.body.metadata).toEqual({ total_objects: 305, next_offset: 100 });
    const last = await get('/admin/v1/users', { limit: 100, offset: 300 });
    expect(names(last)).toEqual(['user300', 'user301', 'user302', 'user303', 'user304']);
    expect(last.body.metadata).toEqual({ total_objects: 305, prev_offset: 200 });
    const clamped = await get('/admin/v1/users', { limit: 1000 });
    expect(clamped.body.response).toHaveLength(300);
    expect(clamped.body.metadata.next_offset).toBe(300);
  });

  it('overMaxLimit error -> 400/40002', async () => {
    emu.configure({ overMaxLimit: 'error' });
    const res = await get('/admin/v1/users', { limit: 301 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 40002, message_detail: 'limit' });
  });

  it('filters by username (matching aliases) and email; no match is []', async () => {
    await create({ username: 'eve', alias3: 'evie', email: 'Eve@Example.com' });
    await create({ username: 'fay', email: 'fay@example.com' });
    expect(names(await get('/admin/v1/users', { username: 'eve' }))).toEqual(['eve']);
    expect(names(await get('/admin/v1/users', { username: 'evie' }))).toEqual(['eve']);
    expect(names(await get('/admin/v1/users', { email: 'eve@example.com' }))).toEqual(['eve']);
    const none = await get('/admin/v1/users', { username: 'nobody' });
    expect(none.status).toBe(200);
    expect(none.body.response).toEqual([]);
  });

  it('user_id_list and username_list take JSON arrays up to 100', async () => {
    seedUsers(3);
    const all = (await get('/admin/v1/users')).body.response as Array<{ user_id: string; username: string }>;
    const byIds = await get('/admin/v1/users', { user_id_list: JSON.stringify([all[2]!.user_id, all[0]!.user_id, 'DUNOPE'] ) });
    expect(names(byIds)).toEqual(['user002', 'user000']);
    const byNames = await get('/admin/v1/users', { username_list: JSON.stringify(['user001']) });
    expect(names(byNames)).toEqual(['user001']);
    const tooMany = await get('/admin/v1/users', { username_list: JSON.stringify(Array.from({ length: 101 }, (_, i) => `u${i}`)) });
    expect(tooMany.body).toMatchObject({ code: 40002, message_detail: 'username_list' });
    const notJson = await get('/admin/v1/users', { user_id_list: '[DU1' });
    expect(notJson.body.code).toBe(40002);
    const mixed = await get('/admin/v1/users', { username: 'user001', username_list: '["user001"]' });
    expect(mixed.status).toBe(400);
  });

  it('GET /admin/v1/users/{id}; unknown -> 404/40401', async () => {
    const id = (await create({ username: 'gus' })).body.response.user_id;
    expect((await get(`/admin/v1/users/${id}`)).body.response.username).toBe('gus');
    const missing = await get('/admin/v1/users/DUNOTTHERE0000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ stat: 'FAIL', code: 40401, message: 'Resource not found' });
  });
});

describe('modify and delete', () => {
  it('modifies fields, aliases (blank clears) and status', async () => {
    const id = (await create({ username: 'hal', alias1: 'h1', alias2: 'h2' })).body.response.user_id;
    const res = await admin('POST', `/admin/v1/users/${id}`, { realname: 'Hal', alias1: '', alias3: 'h3', status: 'disabled' }, opts);
    expect(res.status).toBe(200);
    expect(res.body.response).toMatchObject({ realname: 'Hal', alias1: null, alias2: 'h2', alias3: 'h3', status: 'disabled', aliases: { alias2: 'h2', alias3: 'h3' } });
    const renamed = await admin('POST', `/admin/v1/users/${id}`, { username: 'hal2' }, opts);
    expect(renamed.body.response.username).toBe('hal2');
    const locked = await admin('POST', `/admin/v1/users/${id}`, { status: 'locked out' }, opts);
    expect(locked.body.response).toMatchObject({ status: 'locked out', lockout_reason: 'Admin API disabled' });
  });

  it('refuses a username or alias another user holds', async () => {
    await create({ username: 'ivy' });
    const id = (await create({ username: 'jan' })).body.response.user_id;
    expect((await admin('POST', `/admin/v1/users/${id}`, { username: 'ivy' }, opts)).body.code).toBe(40003);
    expect((await admin('POST', `/admin/v1/users/${id}`, { alias1: 'IVY' }, opts)).body.code).toBe(40003);
    expect((await admin('POST', `/admin/v1/users/${id}`, { alias1: 'jan' }, opts)).body.code).toBe(40002);
    expect((await admin('POST', '/admin/v1/users/DUNOPE', { realname: 'x' }, opts)).status).toBe(404);
  });

  it('delete is idempotent and returns ""', async () => {
    const id = (await create({ username: 'kim' })).body.response.user_id;
    for (let i = 0; i < 2; i++) {
      const res = await admin('DELETE', `/admin/v1/users/${id}`, {}, opts);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ stat: 'OK', response: '' });
    }
    expect((await get(`/admin/v1/users/${id}`)).status).toBe(404);
  });

  it('delete keeps phones but drops the user from them, and removes the user\'s bypass codes', async () => {
    const id = (await create({ username: 'lou' })).body.response.user_id;
    const phone = (await admin('POST', '/admin/v1/phones', { number: '+15555550100', type: 'mobile' }, opts)).body.response.phone_id;
    await admin('POST', `/admin/v1/users/${id}/phones`, { phone_id: phone }, opts);
    await admin('POST', `/admin/v1/users/${id}/bypass_codes`, { count: 2 }, opts);
    await admin('DELETE', `/admin/v1/users/${id}`, {}, opts);
    const kept = await get(`/admin/v1/phones/${phone}`);
    expect(kept.status).toBe(200);
    expect(kept.body.response.users).toEqual([]);
    expect((await get('/admin/v1/bypass_codes')).body.response).toEqual([]);
  });
});

describe('enroll and derived fields', () => {
  it('POST /admin/v1/users/enroll creates the user if needed and answers the enrollment code', async () => {
    const res = await admin('POST', '/admin/v1/users/enroll', { username: 'mo', email: 'mo@example.com', valid_secs: 3600 }, opts);
    expect(res.body).toEqual({ stat: 'OK', response: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(emu.stats().executionLog.at(-1)?.detail).toEqual({ username: 'mo', email: 'mo@example.com', enrollment_code: res.body.response });
    expect(names(await get('/admin/v1/users', { username: 'mo' }))).toEqual(['mo']);
    expect((await admin('POST', '/admin/v1/users/enroll', { username: 'mo' }, opts)).body).toMatchObject({ code: 40001, message_detail: 'email' });
    expect(emu.stats().executions['users.enroll']).toBe(1);
  });

  it('is_enrolled follows phones, tokens and WebAuthn credentials', async () => {
    const id = (await create({ username: 'ned' })).body.response.user_id;
    const phone = (await admin('POST', '/admin/v1/phones', { number: '5555550101', type: 'mobile', platform: 'apple ios' }, opts)).body.response.phone_id;
    await admin('POST', `/admin/v1/users/${id}/phones`, { phone_id: phone }, opts);
    const user = (await get(`/admin/v1/users/${id}`)).body.response;
    expect(user.is_enrolled).toBe(true);
    expect(user.phones[0]).toMatchObject({ phone_id: phone, number: '+15555550101', type: 'Mobile', platform: 'Apple iOS' });
    expect(user.phones[0].users).toBeUndefined();
    await admin('DELETE', `/admin/v1/users/${id}/phones/${phone}`, {}, opts);
    expect((await get(`/admin/v1/users/${id}`)).body.response.is_enrolled).toBe(false);
    emu.state.accounts[emu.state.parent_account_id]!.users[id]!.webauthn.push({ webauthnkey: 'DWX', credential_name: 'key', label: 'Key', date_added: 1 });
    expect((await get(`/admin/v1/users/${id}`)).body.response.is_enrolled).toBe(true);
  });
});

describe('directory sync', () => {
  it('creates, updates and marks users from account.directories', async () => {
    const parent = emu.state.accounts[emu.state.parent_account_id]!;
    parent.directories['DDKEY'] = {
      directory_key: 'DDKEY',
      name: 'AD',
      users: { olga: { realname: 'Olga P', email: 'olga@corp.example', firstname: 'Olga', lastname: 'P' } },
    };
    const path = '/admin/v1/users/directorysync/DDKEY/syncuser';
    const created = await admin('POST', path, { username: 'olga' }, opts);
    expect(created.status).toBe(200);
    expect(created.body.response).toMatchObject({ username: 'olga', realname: 'Olga P', email: 'olga@corp.example', last_directory_sync: NOW / 1000 });
    parent.directories['DDKEY']!.users['olga']!.email = 'olga@new.example';
    expect((await admin('POST', path, { username: 'olga' }, opts)).body.response.email).toBe('olga@new.example');
    delete parent.directories['DDKEY']!.users['olga'];
    expect((await admin('POST', path, { username: 'olga' }, opts)).body.response.status).toBe('pending deletion');
    expect((await admin('POST', path, { username: 'nobody' }, opts)).status).toBe(404);
    expect((await admin('POST', '/admin/v1/users/directorysync/NOPE/syncuser', { username: 'olga' }, opts)).body).toMatchObject({ code: 40401 });
    expect((await admin('POST', path, {}, opts)).body.code).toBe(40001);
  });
});

describe('cacheUserJson (for benchmarks)', () => {
  it('serves the same answers as without it, and a write through the API is seen at once', async () => {
    const plain = createEmulator({ seed: 'demo', now: () => NOW });
    const cached = createEmulator({ seed: 'demo', now: () => NOW, cacheUserJson: true });
    const viaPlain = bind(plain, parentKey(plain, 'admin'));
    const viaCached = bind(cached, parentKey(cached, 'admin'));
    for (const offset of ['0', '20', '40']) {
      const params = { limit: '20', offset };
      const a = await viaPlain('GET', '/admin/v1/users', params, opts);
      expect(await viaCached('GET', '/admin/v1/users', params, opts)).toEqual(a);
      // A second read comes from the cache and is still the same.
      expect(await viaCached('GET', '/admin/v1/users', params, opts)).toEqual(a);
    }
    const first = (await viaCached('GET', '/admin/v1/users', { limit: '1' }, opts)).body.response[0];
    expect((await viaCached('POST', `/admin/v1/users/${first.user_id}`, { realname: 'Renamed Person' }, opts)).status).toBe(200);
    const after = (await viaCached('GET', '/admin/v1/users', { limit: '1' }, opts)).body.response[0];
    expect(after.realname).toBe('Renamed Person');
  });
});
