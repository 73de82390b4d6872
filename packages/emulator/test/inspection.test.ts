import { describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.js';
import { bind, parentKey } from './helpers/duo-call.js';

const inspect = (emu: ReturnType<typeof createEmulator>, method: string, path: string, body?: unknown) =>
  emu.fetch(
    new Request(`http://127.0.0.1/__emulator/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    }),
  );

describe('/__emulator inspection surface', () => {
  it('GET stats and executions: plain JSON, no Duo envelope, no signature needed', async () => {
    const emu = createEmulator();
    const admin = bind(emu, parentKey(emu, 'admin'));
    await admin('POST', '/admin/v1/users', { username: 'a' });
    const stats = (await (await inspect(emu, 'GET', 'stats')).json()) as Record<string, unknown>;
    expect(stats['stat']).toBeUndefined();
    expect(stats).toMatchObject({ requests: { 'POST /admin/v1/users': { '200': 1 } }, executions: { 'users.create': 1 } });
    const log = (await (await inspect(emu, 'GET', 'executions')).json()) as Array<{ operation: string }>;
    expect(log.map((e) => e.operation)).toEqual(['users.create']);
    expect(emu.stats().requests['POST /admin/v1/users']).toEqual({ '200': 1 });
  });

  it('GET credentials lists every account and integration', async () => {
    const emu = createEmulator();
    const creds = (await (await inspect(emu, 'GET', 'credentials')).json()) as ReturnType<typeof emu.credentials>;
    expect(creds).toEqual(emu.credentials());
    expect(creds.accounts[0]!.integrations.map((i) => i.type).sort()).toEqual(['accounts', 'admin', 'auth']);
    const adminKey = creds.accounts[0]!.integrations.find((i) => i.type === 'admin')!;
    expect(adminKey.grants).toEqual({ read_resource: true, write_resource: true, settings: true, info: true, read_log: true, admins: true, admins_read: true, integrations: true });
    expect(adminKey.secret_key).toHaveLength(40);
    expect(adminKey.api_hostname).toBe(creds.accounts[0]!.api_hostname);
  });

  it('GET/PUT state round-trips and POST reset restores the seed', async () => {
    const emu = createEmulator();
    const admin = bind(emu, parentKey(emu, 'admin'));
    await admin('POST', '/admin/v1/users', { username: 'saved' });
    const saved = await (await inspect(emu, 'GET', 'state')).json();
    await admin('POST', '/admin/v1/users', { username: 'extra' });
    expect((await inspect(emu, 'PUT', 'state', saved)).status).toBe(200);
    expect((await admin('GET', '/admin/v1/users')).body.response.map((u: { username: string }) => u.username)).toEqual(['saved']);
    expect((await inspect(emu, 'PUT', 'state', { nope: true })).status).toBe(400);
    expect((await inspect(emu, 'POST', 'reset')).status).toBe(200);
    expect((await admin('GET', '/admin/v1/users')).body.response).toEqual([]);
  });

  it('PATCH a user merges fields such as status and push_script', async () => {
    const emu = createEmulator();
    const admin = bind(emu, parentKey(emu, 'admin'));
    const user = (await admin('POST', '/admin/v1/users', { username: 'pat' })).body.response;
    const res = await inspect(emu, 'PATCH', `accounts/${emu.state.parent_account_id}/users/${user.user_id}`, {
      status: 'locked out',
      push_script: { outcome: 'deny', afterMs: 10 },
      user_id: 'ignored',
    });
    expect(res.status).toBe(200);
    const stored = emu.state.accounts[emu.state.parent_account_id]!.users[user.user_id]!;
    expect(stored.status).toBe('locked out');
    expect(stored.push_script).toEqual({ outcome: 'deny', afterMs: 10 });
    expect(stored.user_id).toBe(user.user_id);
    expect((await inspect(emu, 'PATCH', `accounts/${emu.state.parent_account_id}/users/DUNOPE`, {})).status).toBe(404);
  });

  it('POST config changes faults and rate limits at runtime', async () => {
    const emu = createEmulator();
    const admin = bind(emu, parentKey(emu, 'admin'));
    await inspect(emu, 'POST', 'config', { faults: [{ path: '/admin/v1/users', serverErrorRate: 1 }] });
    expect((await admin('GET', '/admin/v1/users')).status).toBe(500);
    await inspect(emu, 'POST', 'config', { faults: [] });
    expect((await admin('GET', '/admin/v1/users')).status).toBe(200);
    expect((await inspect(emu, 'POST', 'config', 'not an object')).status).toBe(400);
  });

  it('unknown inspection paths answer a plain 404 and bad JSON a 400', async () => {
    const emu = createEmulator();
    const res = await inspect(emu, 'GET', 'nothing');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { stat?: string }).stat).toBeUndefined();
    const bad = await emu.fetch(new Request('http://127.0.0.1/__emulator/config', { method: 'POST', body: '{' }));
    expect(bad.status).toBe(400);
  });
});
