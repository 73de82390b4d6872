import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userStanding } from '../src/auth/user-standing.js';
import { createEmulator, type Emulator, type ListeningServer } from '../src/index.js';
import type { Account, User } from '../src/state/types.js';

// Debian's interpreter: the python3 first on PATH here is a separate build that cannot see apt packages.
const PYTHON = process.env['DUOHUB_PYTHON'] ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./support-integrations/integrations_client.py', import.meta.url));
const available = spawnSync(PYTHON, ['-c', 'import duo_client'], { encoding: 'utf8' }).status === 0;

/** Every integration method python3-duo-client 4.5.0 has (its get_secret_key came in 5.x). */
const METHODS = ['create_integration', 'delete_integration', 'get_integration', 'get_integrations', 'get_integrations_generator', 'update_integration'];

// python-client.test.ts already fails in CI when the client is missing; here it only skips.
describe.skipIf(!available)("Duo's python client drives every integration method against the emulator over a port", () => {
  let emu: Emulator;
  let server: ListeningServer;
  let parent: Account;
  let child: Account;
  let childUser: User;
  let parentUser: User;
  let before: string[];
  let out: any;

  beforeAll(async () => {
    emu = createEmulator({ seed: 'demo' });
    parent = emu.state.accounts[emu.state.parent_account_id]!;
    child = Object.values(emu.state.accounts).find((a) => a.parent_id !== null)!;
    // A child user the Auth API would authenticate, and a parent username the child has never seen.
    childUser = Object.values(child.users).find((u) => userStanding(child, u, 'enroll').kind === 'auth')!;
    parentUser = Object.values(parent.users).find((u) => !Object.values(child.users).some((c) => c.username === u.username))!;
    before = Object.keys(parent.integrations);
    server = await emu.listen({ port: 0, host: '127.0.0.1' });
    const admin = Object.values(parent.integrations).find((x) => x.type === 'admin')!;
    const accounts = Object.values(parent.integrations).find((x) => x.type === 'accounts')!;
    const cfg = {
      port: server.port,
      ikey: admin.integration_key,
      skey: admin.secret_key,
      accounts_ikey: accounts.integration_key,
      accounts_skey: accounts.secret_key,
      group_id: Object.keys(parent.groups)[0],
      child_id: child.account_id,
      child_username: childUser.username,
      parent_username: parentUser.username,
    };
    const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, JSON.stringify(cfg)], { timeout: 60_000 });
    out = JSON.parse(stdout);
  });

  afterAll(async () => {
    await server?.close();
    await emu?.close();
  });

  it('called every method the client has for integrations', () => {
    const { stdout } = spawnSync(PYTHON, ['-c', "import duo_client,json; print(json.dumps([m for m in dir(duo_client.Admin) if 'integration' in m]))"], { encoding: 'utf8' });
    expect(JSON.parse(stdout)).toEqual(METHODS);
    expect([...new Set(out.called)].sort()).toEqual(METHODS);
  });

  it('lists integrations whole, by generator and by page (legacy v1 paging)', () => {
    expect(out.listed).toEqual(before);
    expect(out.listed_generator).toEqual(before);
    expect(out.listed_page).toEqual(before.slice(1, 2));
  });

  it('creates with form parameters (CSV lists, 0/1 flags) and masks the secret key', () => {
    expect(out.created).toMatchObject({
      name: 'py auth',
      type: 'authapi',
      greeting: 'Welcome',
      notes: 'from python',
      enroll_policy: 'enroll',
      username_normalization_policy: 'Simple',
      trusted_device_days: 7,
      ip_whitelist: ['192.0.2.0/24', '198.51.100.7'],
      groups_allowed: [Object.keys(parent.groups)[0]],
      self_service_allowed: true,
    });
    expect(out.created.secret_key).toMatch(/^\*{36}[A-Za-z0-9]{4}$/);
    expect(out.created).not.toHaveProperty('adminapi_read_resource');
    expect(out.got).toEqual(out.created);
    expect(out.secret_length).toBe(40);
    expect(out.masked_matches).toBe(true);
  });

  it("signs Auth API calls with the new keys at once; the parent's application does not know child users", () => {
    expect(out.auth_check).toHaveProperty('time');
    expect(out.auth_preauth.result).toBe('enroll');
    expect(out.unknown_preauth_after_deny.result).toBe('deny');
  });

  it('modifies, and a secret key reset stops the old key at once', () => {
    expect(out.updated).toMatchObject({ name: 'py auth renamed', notes: 'changed', enroll_policy: 'deny', ip_whitelist: ['203.0.113.5'], groups_allowed: [], self_service_allowed: false });
    expect(out.reset.secret_key).not.toBe(out.updated.secret_key);
    expect(out.secret_changed).toBe(true);
    expect(out.old_key_error).toMatch(/401/);
    expect(out.new_key_check).toHaveProperty('time');
  });

  it('an Admin API application holds only the permissions it was given', () => {
    expect(out.reader_made).toMatchObject({ type: 'adminapi', adminapi_read_resource: 1, adminapi_write_resource: 0, adminapi_integrations: 0 });
    expect(out.reader_users).toBe(2);
    expect(out.reader_write_error).toMatch(/403/);
    expect(out.reader_integrations_error).toMatch(/403/);
  });

  it("answers Duo's errors: self reset and self delete, unknown type, SSO through v1, unknown group, bad network, unknown key", () => {
    for (const key of ['self_reset_error', 'self_delete_error', 'bad_type_error', 'sso_on_v1_error', 'bad_group_error', 'bad_network_error']) {
      expect(out[key], key).toMatch(/400/);
    }
    expect(out.missing_error).toMatch(/404/);
    expect(Object.values(parent.integrations).filter((i) => i.type === 'admin')).toHaveLength(1);
  });

  it('deletes: the keys stop working, the record is gone, a second delete succeeds', () => {
    expect(out.deleted).toBe('');
    expect(out.after_delete_error).toMatch(/404/);
    expect(out.deleted_key_error).toMatch(/401/);
    expect(out.deleted_again).toBe('');
    expect(Object.keys(parent.integrations)).toEqual(before);
  });

  it("makes an Auth API application in a child with the parent's Accounts API keys, serving that child's users", () => {
    expect(child.integrations[out.child_integration]).toMatchObject({ type: 'auth', wire_type: 'authapi' });
    expect(parent.integrations[out.child_integration]).toBeUndefined();
    expect(out.child_listed).toContain(out.child_integration);
    expect(out.child_preauth_member.result).toBe('auth');
    expect(out.child_preauth_member.devices.length).toBeGreaterThan(0);
    expect(out.child_preauth_parent_user.result).toBe('enroll');
  });

  it('answered every integration request as the script expected', () => {
    const requests = emu.stats().requests;
    const routes = Object.entries(requests).filter(([route]) => route.includes('/integrations'));
    expect(routes.length).toBeGreaterThanOrEqual(6);
    const expected: Record<string, string[]> = {
      'GET /admin/v1/integrations/:integration_key': ['200', '404'],
      'POST /admin/v1/integrations': ['200', '400'],
      'POST /admin/v1/integrations/:integration_key': ['200', '400'],
      'DELETE /admin/v1/integrations/:integration_key': ['200', '400'],
      'GET /admin/v1/integrations': ['200', '403'],
    };
    for (const [route, byStatus] of routes) {
      const allowed = expected[route] ?? ['200'];
      expect(Object.keys(byStatus).filter((s) => !allowed.includes(s)), route).toEqual([]);
    }
  });
});
