import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type ListeningServer } from '../src/index.js';
import type { Account, User } from '../src/state/types.js';

// Debian's interpreter: the python3 first on PATH here is a separate build that cannot see apt packages.
const PYTHON = process.env['DUOHUB_PYTHON'] ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./support-auth/official_client.py', import.meta.url));

const probe = spawnSync(PYTHON, ['-c', 'import duo_client'], { encoding: 'utf8' });
const available = probe.status === 0;
const why = available
  ? ''
  : `python3-duo-client is not importable by ${PYTHON} (${(probe.error?.message ?? probe.stderr ?? '').trim() || 'import failed'}); install it with: apt-get install -y python3-duo-client`;

if (!available && !process.env['CI']) {
  console.warn(`[python-client.test] skipped: ${why}`);
}

describe('the official client is available', () => {
  // In CI a missing client is a failure, never a silent skip.
  it.runIf(Boolean(process.env['CI']))('python3-duo-client is installed in CI', () => {
    expect(available, why).toBe(true);
  });
});

describe.skipIf(!available)("Duo's official python client (python3-duo-client 4.5.0) against the emulator over a port", () => {
  let emu: Emulator;
  let server: ListeningServer;
  let out: any;
  let parent: Account;
  let child: Account;
  let pushUser: User;

  beforeAll(async () => {
    emu = createEmulator({ seed: 'demo' });
    parent = emu.state.accounts[emu.state.parent_account_id]!;
    child = Object.values(emu.state.accounts).find((a) => a.name === 'Globex Industries')!;
    // A known-good push user: active, Duo Mobile, the default (approve) push.
    pushUser = Object.values(parent.users).find((u) => u.phone_ids.some((id) => parent.phones[id]!.activated))!;
    pushUser.status = 'active';
    delete pushUser.push_script;
    server = await emu.listen({ port: 0, host: '127.0.0.1' });
    const key = (type: 'admin' | 'accounts' | 'auth') => {
      const i = Object.values(parent.integrations).find((x) => x.type === type)!;
      return { ikey: i.integration_key, skey: i.secret_key };
    };
    const cfg = {
      port: server.port,
      admin: key('admin'),
      accounts: key('accounts'),
      auth: key('auth'),
      child_account_id: child.account_id,
      push_username: pushUser.username,
    };
    const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, JSON.stringify(cfg)], { timeout: 60_000 });
    out = JSON.parse(stdout);
  });

  afterAll(async () => {
    await server?.close();
    await emu?.close();
  });

  it('is the legacy 4.5.0 client (v2, HMAC-SHA1 signatures)', () => {
    expect(out.version).toBe('4.5.0');
    expect(emu.stats().requests['GET /admin/v1/users']?.['200']).toBeGreaterThan(1);
  });

  it('lists users across pages and reads one page by offset', () => {
    const names = Object.values(parent.users).map((u) => u.username);
    // Listing ran before the client created its own user.
    expect([...out.users].sort()).toEqual(names.filter((n) => n !== 'py.client.user' && n !== 'py.enrollee').sort());
    expect(out.users_page).toEqual(out.users.slice(5, 10));
  });

  it('enroll_user gets the enrollment code; send_sms_activation_to_phone gets the texts with the URLs in', () => {
    expect(out.enrollment_code).toMatch(/^[0-9a-f]{16}$/);
    expect(out.sms_activation.activation_msg).toMatch(/^Tap https:\/\/m-\S+\/iphone\/\d{20}$/);
    expect(out.sms_activation.installation_msg).toMatch(/click this link: https:\/\/\S+$/);
  });

  it('creates a user, a phone and bypass codes that the state then holds', () => {
    const user = parent.users[out.created_user.user_id]!;
    expect(out.created_user).toMatchObject({ username: 'py.client.user', realname: 'Python Client', email: 'py@example.com', status: 'active' });
    expect(user.username).toBe('py.client.user');
    expect(out.phone).toMatchObject({ number: '+15555550199', type: 'Mobile', platform: 'Google Android', name: 'py phone' });
    expect(out.user_phone_ids).toEqual([out.phone.phone_id]);
    expect(user.phone_ids).toEqual([out.phone.phone_id]);
    expect(out.bypass_codes).toHaveLength(3);
    const stored = Object.values(parent.bypass_codes).filter((c) => c.user_id === user.user_id).map((c) => c.code);
    // One code was spent by the passcode auth below.
    expect(stored.sort()).toEqual(out.bypass_codes.slice(1).sort());
  });

  it('reads settings and reports a missing user as Duo would', () => {
    expect(out.settings_name).toBe(parent.settings['name']);
    expect(out.missing_user_error).toMatch(/404/);
  });

  it('lists child accounts and administers a child through the Accounts API keys', () => {
    const kids = Object.values(emu.state.accounts).filter((a) => a.parent_id !== null);
    expect(out.child_accounts.map((a: { account_id: string }) => a.account_id).sort()).toEqual(kids.map((a) => a.account_id).sort());
    for (const a of out.child_accounts) expect(Object.keys(a).sort()).toEqual(['account_id', 'api_hostname', 'name']);
    expect(out.child_user_count).toBe(Object.keys(child.users).length);
  });

  it('runs ping, check, preauth, async auth + auth_status, and passcode auth', () => {
    expect(typeof out.ping.time).toBe('number');
    expect(typeof out.check.time).toBe('number');
    expect(out.preauth.result).toBe('auth');
    expect(out.preauth.devices.map((d: { device: string }) => d.device)).toContain(pushUser.phone_ids[0]);
    expect(out.auth_status).toMatchObject({ waiting: false, success: true, status: 'allow' });
    expect(out.sync_auth).toMatchObject({ result: 'allow', status: 'allow' });
    expect(out.created_preauth).toBe('auth');
    expect(out.bypass_auth).toMatchObject({ result: 'allow' });
    expect(out.bypass_reuse).toMatchObject({ result: 'deny' });
    const row = parent.auth_log.find((e) => e.txid === out.txid);
    expect(row).toMatchObject({ user_id: pushUser.user_id, factor: 'duo_push', result: 'success' });
    expect(emu.stats().executions['auth.auth']).toBe(4);
  });
});
