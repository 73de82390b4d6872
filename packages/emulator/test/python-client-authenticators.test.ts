import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type ListeningServer } from '../src/index.js';
import type { Account } from '../src/state/types.js';

// Debian's interpreter: the python3 first on PATH may be a build that cannot see apt packages.
const PYTHON = process.env['DUOHUB_PYTHON'] ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./support-auth/authenticators_client.py', import.meta.url));
const available = spawnSync(PYTHON, ['-c', 'import duo_client'], { encoding: 'utf8' }).status === 0;

/** Every method python3-duo-client 4.5.0 has for WebAuthn credentials, desktop authenticators and shared device auth. */
const METHODS = [
  'activate_desktoptoken', 'add_desktoptoken', 'delete_desktoptoken', 'delete_webauthncredential', 'get_desktoptoken_by_id',
  'get_desktoptokens', 'get_desktoptokens_generator', 'get_user_webauthncredentials', 'get_user_webauthncredentials_iterator',
  'get_webauthncredential_by_id', 'get_webauthncredentials', 'get_webauthncredentials_iterator', 'update_desktoptoken',
];

describe.skipIf(!available)("Duo's python client drives every authenticator method against the emulator over a port", () => {
  let emu: Emulator;
  let server: ListeningServer;
  let parent: Account;
  let out: any;
  let before: string[];

  beforeAll(async () => {
    emu = createEmulator({ seed: 'demo' });
    parent = emu.state.accounts[emu.state.parent_account_id]!;
    // Three credentials on one user, so lists page at the client's paging_limit of 2.
    const owner = Object.values(parent.users)[0]!;
    for (const n of [1, 2, 3]) owner.webauthn.push({ webauthnkey: `WAPYTHON${n}`.padEnd(20, '0'), credential_name: `Key ${n}`, label: 'Security key', date_added: n });
    before = Object.values(parent.users).flatMap((u) => u.webauthn.map((w) => w.webauthnkey));
    server = await emu.listen({ port: 0, host: '127.0.0.1' });
    const admin = Object.values(parent.integrations).find((i) => i.type === 'admin')!;
    const cfg = { port: server.port, ikey: admin.integration_key, skey: admin.secret_key, user_id: owner.user_id };
    const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, JSON.stringify(cfg)], { timeout: 60_000 });
    out = JSON.parse(stdout);
  });

  afterAll(async () => {
    await server?.close();
    await emu?.close();
  });

  it('called every method the client has for these endpoints, with zero failures', () => {
    const { stdout } = spawnSync(PYTHON, ['-c', "import duo_client,json; print(json.dumps([m for m in dir(duo_client.Admin) if 'webauthn' in m or 'desktop' in m or 'shared' in m]))"], { encoding: 'utf8' });
    expect(JSON.parse(stdout)).toEqual(METHODS);
    expect([...new Set(out.called)].sort()).toEqual(METHODS);
  });

  it('lists WebAuthn credentials whole, by iterator, by page and per user', () => {
    expect([...out.webauthn].sort()).toEqual([...before].sort());
    expect(out.webauthn_iter).toEqual(out.webauthn);
    expect(out.webauthn_page).toEqual(out.webauthn.slice(1, 2));
    expect(out.user_webauthn).toEqual(out.user_webauthn_iter);
    expect(out.user_webauthn_page).toHaveLength(1);
    expect(out.webauthn_one).toMatchObject({ webauthnkey: out.webauthn[0], credential_name: expect.any(String), label: expect.any(String), date_added: expect.any(Number) });
  });

  it('deletes a WebAuthn credential, which then answers 404', () => {
    expect(out.deleted_webauthn).toBe('');
    expect(out.webauthn_after).not.toContain(out.webauthn[0]);
    expect(out.missing_error).toMatch(/404/);
  });

  it('creates, reads, updates, activates and deletes a desktop token', () => {
    expect(out.desktoptoken).toMatchObject({ platform: 'Windows', name: 'py token', type: 'Desktop Token' });
    const id = out.desktoptoken.desktoptoken_id;
    expect(out.desktoptokens).toContain(id);
    expect(out.desktoptokens_gen).toEqual(out.desktoptokens);
    expect(out.desktoptokens_page).toHaveLength(1);
    expect(out.desktoptoken_one.desktoptoken_id).toBe(id);
    expect(out.desktoptoken_updated).toMatchObject({ platform: 'Mac OS X', name: 'renamed' });
    expect(out.activation).toMatchObject({ valid_secs: 600, activation_url: expect.stringMatching(/^https:\/\//) });
    expect(out.desktoptokens_after).not.toContain(id);
    expect(emu.stats().requests['POST /admin/v1/desktoptokens/:desktoptoken_id/activate']?.['200']).toBe(1);
  });
});
