import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type ListeningServer } from '../src/index.js';
import { DEFAULT_BRANDING } from '../src/state/branding-records.js';
import type { Account, User } from '../src/state/types.js';

// Debian's interpreter: the python3 first on PATH here is a separate build that cannot see apt packages.
const PYTHON = process.env['DUOHUB_PYTHON'] ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./support-devices/devices_client.py', import.meta.url));
const available = spawnSync(PYTHON, ['-c', 'import duo_client'], { encoding: 'utf8' }).status === 0;

// python-client.test.ts already fails in CI when the client is missing; here it only skips.
describe.skipIf(!available)("Duo's official python client drives endpoints, registered devices and branding over a port", () => {
  let emu: Emulator;
  let server: ListeningServer;
  let out: any;
  let parent: Account;
  let user: User;
  let other: User;
  let seededDevices: string[];
  let seededBlocked: string[];
  let deviceKeys: string[];

  beforeAll(async () => {
    emu = createEmulator({ seed: 'demo' });
    parent = emu.state.accounts[emu.state.parent_account_id]!;
    [user, other] = Object.values(parent.users) as [User, User];
    const devices = Object.values(parent.registered_devices ?? {});
    seededDevices = devices.map((d) => d.compkey);
    seededBlocked = devices.filter((d) => d.blocked).map((d) => d.compkey);
    deviceKeys = devices.filter((d) => !d.blocked).slice(0, 3).map((d) => d.compkey);
    expect(deviceKeys).toHaveLength(3);
    server = await emu.listen({ port: 0, host: '127.0.0.1' });
    const admin = Object.values(parent.integrations).find((x) => x.type === 'admin')!;
    const cfg = { port: server.port, ikey: admin.integration_key, skey: admin.secret_key, user_id: user.user_id, other_user_id: other.user_id, device_keys: deviceKeys };
    const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, JSON.stringify(cfg)], { timeout: 60_000 });
    out = JSON.parse(stdout);
  });

  afterAll(async () => {
    await server?.close();
    await emu?.close();
  });

  it('lists endpoints whole, by iterator and by page (get_endpoints, get_endpoints_iterator)', () => {
    const seeded = Object.keys(parent.device_endpoints ?? {});
    expect(seeded.length).toBeGreaterThan(2);
    expect(out.endpoints).toEqual(seeded);
    expect(out.endpoints_iterator).toEqual(seeded);
    expect(out.endpoints_page).toEqual(seeded.slice(1, 3));
  });

  it('reads one endpoint and reports an unknown one as Duo would (get_endpoint)', () => {
    const first = parent.device_endpoints![out.endpoints[0]]!;
    expect(out.endpoint).toMatchObject({ epkey: first.epkey, username: first.username, email: first.email, os_family: first.os_family });
    expect(out.missing_endpoint_error).toMatch(/404/);
  });

  it('lists registered devices whole and by page', () => {
    expect(out.registered).toEqual(seededDevices);
    expect(out.registered_page).toEqual(seededDevices.slice(1, 3));
    expect(out.registered_one).toMatchObject({ compkey: deviceKeys[0], is_blocked: false });
  });

  it('blocks one and many (repeated form keys), shows the blocks, and unblocks them', () => {
    const [a, b, c] = deviceKeys as [string, string, string];
    expect(out.blocked_before).toEqual(seededBlocked);
    expect(out.block_one).toBe('');
    expect(out.block_many).toBe('');
    expect([...out.blocked_after].sort()).toEqual([...seededBlocked, a, b, c].sort());
    expect(out.blocked_one).toMatchObject({ compkey: b, is_blocked: true });
    expect(out.device_after_block.is_blocked).toBe(true);
    expect(out.unblock_many).toBe('');
    expect(out.unblock_one).toBe('');
    expect(out.blocked_final).toEqual(seededBlocked);
    expect(out.not_blocked_error).toMatch(/404/);
    expect(out.block_unknown_error).toMatch(/404/);
  });

  it('deletes a registered device', () => {
    expect(out.delete_device).toBe('');
    expect(out.registered_after_delete).toEqual(seededDevices.filter((k) => k !== deviceKeys[2]));
  });

  it('keeps draft branding apart from live until it is published', () => {
    const logo = parent.logo_png_base64;
    expect(out.branding).toEqual({ ...DEFAULT_BRANDING, logo });
    expect(out.branding_updated).toMatchObject({ card_accent_color: '#AA0000', powered_by_duo: false });
    expect(out.draft_updated).toMatchObject({ page_background_color: '#101010', user_ids: [user.user_id] });
    expect(out.draft_user_added.user_ids).toEqual([user.user_id, other.user_id]);
    expect(out.live_before_publish).toEqual(out.branding_updated);
    // The draft was copied from live before live changed, so publishing brings its own accent back.
    expect(out.published).toEqual({ ...DEFAULT_BRANDING, logo, page_background_color: '#101010' });
    expect(out.draft_after_publish).toEqual({ ...out.published, user_ids: [] });
    expect(out.bad_color_error).toMatch(/400/);
  });

  it('changes custom messaging with links sent as repeated keys', () => {
    expect(out.messaging).toEqual({ help_links: [], help_text: '', locale: 'en_US' });
    const expected = { help_links: ['https://help.example.com', 'https://status.example.com'], help_text: 'Call 555-0100', locale: 'fr_FR' };
    expect(out.messaging_updated).toEqual(expected);
    expect(out.messaging_after).toEqual(expected);
  });

  it('answered every request of these families without an unexpected failure', () => {
    const requests = emu.stats().requests;
    const mine = Object.entries(requests).filter(([route]) => /\/(endpoints|registered_devices|branding)/.test(route));
    expect(mine.length).toBeGreaterThanOrEqual(12);
    const expectedFailures = new Set(['GET /admin/v1/endpoints/:epkey 404', 'GET /admin/v1/registered_devices/blocked/:compkey 404', 'POST /admin/v1/registered_devices/blocked/:compkey 404', 'POST /admin/v1/branding 400']);
    for (const [route, byStatus] of mine) {
      const unexpected = Object.keys(byStatus).filter((s) => s !== '200' && !expectedFailures.has(`${route} ${s}`));
      expect(unexpected, route).toEqual([]);
    }
  });
});
