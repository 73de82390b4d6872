import { createHash } from 'node:crypto';
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type ListeningServer } from '../src/index.js';
import type { AdminRecord } from '../src/state/admin-records.js';
import type { AdminUnitRecord } from '../src/state/admin-unit-records.js';
import type { Account } from '../src/state/types.js';
import { DEMO_LOGO_PNG_BASE64 } from '../src/seed/demo-logo.js';
import { makePng } from './support-governance-misc/make-png.js';

// Debian's interpreter: the python3 first on PATH here is a separate build that cannot see apt packages.
const PYTHON = process.env['DUOHUB_PYTHON'] ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./support-governance-misc/governance_misc_client.py', import.meta.url));
const available = spawnSync(PYTHON, ['-c', 'import duo_client'], { encoding: 'utf8' }).status === 0;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// python-client.test.ts already fails in CI when the client is missing; here it only skips.
describe.skipIf(!available)("Duo's official python client drives every administrative unit and logo method over a port", () => {
  let emu: Emulator;
  let server: ListeningServer;
  let out: any;
  let parent: Account;
  let groups: string[];
  let authKey: string;
  const png = makePng(120, 80, { shade: 33 });

  beforeAll(async () => {
    emu = createEmulator({ seed: 'demo' });
    parent = emu.state.accounts[emu.state.parent_account_id]!;
    groups = Object.keys(parent.groups);
    authKey = Object.values(parent.integrations).find((i) => i.type === 'auth')!.integration_key;
    parent.admins = { ...parent.admins, DEPYTHONADMIN0000001: { admin_id: 'DEPYTHONADMIN0000001', name: 'Py', email: 'py@example.com', restricted_by_admin_units: true } as AdminRecord };
    // Four units besides the seeded help desk, so the lists page (python's paging_limit is 2).
    const unit = (id: string, name: string, over: Partial<AdminUnitRecord>): AdminUnitRecord => ({
      admin_unit_id: id, name, description: `${name} unit`, restrict_by_groups: false, restrict_by_integrations: false, admin_ids: [], group_ids: [], integration_keys: [], ...over,
    });
    for (const u of [
      unit('DNPYEUROPE0000000001', 'Europe', { restrict_by_groups: true, admin_ids: ['DEPYTHONADMIN0000001'], group_ids: [groups[0]!] }),
      unit('DNPYAMERICAS00000001', 'Americas', { restrict_by_groups: true, admin_ids: ['DEPYTHONADMIN0000001'], group_ids: [groups[2]!] }),
      unit('DNPYAPPS000000000001', 'Apps', { restrict_by_integrations: true, integration_keys: [authKey] }),
      unit('DNPYEMPTY00000000001', 'Empty', {}),
    ]) parent.administrative_units![u.admin_unit_id] = u;
    server = await emu.listen({ port: 0, host: '127.0.0.1' });
    const admin = Object.values(parent.integrations).find((x) => x.type === 'admin')!;
    const auth = Object.values(parent.integrations).find((x) => x.type === 'auth')!;
    const cfg = {
      port: server.port,
      ikey: admin.integration_key,
      skey: admin.secret_key,
      auth_ikey: auth.integration_key,
      auth_skey: auth.secret_key,
      admin_id: 'DEPYTHONADMIN0000001',
      group_id: groups[0],
      integration_key: authKey,
      png_base64: png.toString('base64'),
    };
    const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, JSON.stringify(cfg)], { timeout: 60_000 });
    out = JSON.parse(stdout);
  });

  afterAll(async () => {
    await server?.close();
    await emu?.close();
  });

  it('lists units whole, by iterator and by page, in Duo fields', () => {
    const all = ['Help desk', 'Europe', 'Americas', 'Apps', 'Empty'];
    expect(out.units.map((u: { name: string }) => u.name)).toEqual(all);
    expect(out.units_iterator).toEqual(all);
    expect(out.units_page).toEqual(all.slice(1, 3));
    expect(out.units[1]).toEqual({
      admin_unit_id: 'DNPYEUROPE0000000001',
      name: 'Europe',
      description: 'Europe unit',
      restrict_by_groups: true,
      restrict_by_integrations: false,
      admins: ['DEPYTHONADMIN0000001'],
      groups: [groups[0]],
      integrations: [],
    });
  });

  it('filters by administrator, group or application, whole, by iterator and by page', () => {
    expect(out.by_admin).toEqual(['Europe', 'Americas']);
    expect(out.by_admin_iterator).toEqual(['Europe', 'Americas']);
    expect(out.by_group).toEqual(['Help desk', 'Europe']);
    expect(out.by_group_page).toEqual(['Europe']);
    expect(out.by_integration).toEqual(['Help desk', 'Apps']);
    expect(out.by_unknown_group).toEqual([]);
    expect(out.two_filters_error).toMatchObject({ status: 400 });
    expect(out.two_filters_error.text).toMatch(/Invalid request parameters/);
  });

  it('reads, replaces and deletes the logo; the Auth API serves the same one', () => {
    expect(out.logo_before_sha256).toBe(sha256(Buffer.from(DEMO_LOGO_PNG_BASE64, 'base64')));
    expect(out.update_logo).toBe('');
    expect(out.logo_after_sha256).toBe(sha256(png));
    expect(out.auth_logo_sha256).toBe(sha256(png));
    expect(out.bad_logo_error).toMatchObject({ status: 400 });
    expect(out.logo_after_bad_sha256).toBe(sha256(png));
    expect(out.delete_logo).toBe('');
    expect(out.delete_logo_again).toBe('');
    expect(out.missing_logo_error).toMatchObject({ status: 400 });
    expect(out.missing_logo_error.text).toMatch(/Logo not found/);
    expect(out.missing_auth_logo_error).toMatchObject({ status: 400 });
    expect(parent.logo_png_base64).toBeUndefined();
  });

  it('answered every request without a failure but the ones provoked', () => {
    const requests = emu.stats().requests;
    const mine = Object.entries(requests).filter(([route]) => /administrative_units|logo/.test(route));
    expect(mine.length).toBeGreaterThanOrEqual(4);
    const provoked: Record<string, number> = {};
    for (const [route, byStatus] of mine) {
      for (const [status, count] of Object.entries(byStatus)) {
        if (status !== '200') provoked[`${route} ${status}`] = count as number;
      }
    }
    // Two filters at once, a GIF as logo, and reading the logo once it was deleted (Admin and Auth API).
    expect(provoked).toEqual({
      'GET /admin/v1/administrative_units 400': 1,
      'POST /admin/v1/logo 400': 1,
      'GET /admin/v1/logo 400': 1,
      'GET /auth/v2/logo 400': 1,
    });
  });
});
