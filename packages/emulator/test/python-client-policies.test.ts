import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type ListeningServer } from '../src/index.js';
import type { Account, Integration, User } from '../src/state/types.js';

// Debian's interpreter: the python3 first on PATH here is a separate build that cannot see apt packages.
const PYTHON = process.env['DUOHUB_PYTHON'] ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./support-policies/policies_client.py', import.meta.url));
const available = spawnSync(PYTHON, ['-c', 'import duo_client'], { encoding: 'utf8' }).status === 0;

/**
 * Debian's python3-duo-client 4.5.0 has no policy methods and cannot sign v5; it does sign JSON
 * bodies with its own v4 scheme (HMAC-SHA512 over the body hash), which the emulator accepts as
 * Duo's servers did. Its generic json_api_call drives every policies v2 endpoint over a real port
 * with the bodies duo_client_python 5.x's policy methods build.
 */
// python-client.test.ts already fails in CI when the client is missing; here it only skips.
describe.skipIf(!available)("Duo's official python client drives the policies v2 endpoints over a port", () => {
  let emu: Emulator;
  let server: ListeningServer;
  let out: any;
  let parent: Account;
  let app: Integration;
  let user: User;
  let seeded: string[];

  beforeAll(async () => {
    emu = createEmulator({ seed: 'demo' });
    parent = emu.state.accounts[emu.state.parent_account_id]!;
    app = Object.values(parent.integrations).find((i) => i.type === 'auth')!;
    const group = Object.values(parent.groups)[0]!;
    // A user outside the seeded group policy's group, so only the application's policy applies.
    user = Object.values(parent.users).find((u) => !u.group_ids.includes(group.group_id))!;
    seeded = Object.keys(parent.policies!);
    server = await emu.listen({ port: 0, host: '127.0.0.1' });
    const admin = Object.values(parent.integrations).find((x) => x.type === 'admin')!;
    const cfg = { port: server.port, ikey: admin.integration_key, skey: admin.secret_key, app: app.integration_key, user_id: user.user_id };
    const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, JSON.stringify(cfg)], { timeout: 60_000 });
    out = JSON.parse(stdout);
  });

  afterAll(async () => {
    await server?.close();
    await emu?.close();
  });

  it('lists policies by generator and by page, and reads the global one by alias', () => {
    expect(out.listed).toEqual(seeded);
    expect(out.page.map((p: { policy_key: string }) => p.policy_key)).toEqual(seeded.slice(1, 2));
    expect(out.global).toMatchObject({ policy_key: seeded[0], policy_name: 'Global Policy', is_global_policy: true });
  });

  it('creates, modifies and applies a policy with JSON bodies', () => {
    expect(out.created).toMatchObject({ policy_name: 'py policy', is_global_policy: false, sections: { browsers: { blocked_browsers_list: ['ie'] } } });
    expect(Object.keys(out.updated.sections).sort()).toEqual(['browsers', 'new_user']);
    expect(out.updated.sections.new_user).toEqual({ new_user_behavior: 'deny' });
    expect(out.read_back).toEqual(out.updated);
    expect(app.policy_key).toBe(out.created.policy_key);
  });

  it('copies a policy and bulk-removes a section the way update_policies_v2 sends it', () => {
    expect(out.copied.policies.map((p: { policy_name: string }) => p.policy_name)).toEqual(['py copy 1', 'py copy 2']);
    expect(out.copied.policies[0].sections).toEqual(out.updated.sections);
    expect(out.bulk.policies.map((p: { sections: object }) => Object.keys(p.sections))).toEqual([['new_user'], ['new_user']]);
    expect(parent.policies![out.created.policy_key]!.sections['browsers']).toBeDefined();
  });

  it('summarizes and calculates with the application policy over the global one', () => {
    expect(out.summary.policy_count).toBe(seeded.length + 3);
    const applied = out.summary.policies.find((p: { policy_key: string }) => p.policy_key === out.created.policy_key);
    expect(applied.policy_applies_to).toEqual([{ app_integration_key: app.integration_key, app_name: app.name, apply_type: 'app' }]);
    expect(out.calculated.sections.new_user).toEqual({ new_user_behavior: 'deny' });
    expect(out.calculated.sections.browsers).toEqual(out.updated.sections.browsers);
    expect(out.calculated.sections.screen_lock).toEqual(out.global.sections.screen_lock);
    expect(out.calculated.policy_elements.map((e: { apply_type: string }) => e.apply_type)).toEqual(['global', 'app']);
  });

  it('deletes a copy, refuses the global policy and reports errors as Duo would', () => {
    expect(out.deleted).toBe('');
    expect(out.deleted_error).toMatchObject({ status: 404 });
    expect(out.deleted_error.message).toMatch(/Resource not found/);
    expect(out.global_delete_error).toMatchObject({ status: 400 });
    expect(out.bad_section_error.message).toMatch(/sections\.no_such_section/);
    expect(out.listed_after).toEqual([...seeded, out.created.policy_key, out.copied.policies[1].policy_key]);
  });

  it('answered every policy request without an unexpected failure', () => {
    const requests = emu.stats().requests;
    const policyRoutes = Object.entries(requests).filter(([route]) => route.includes('/admin/v2/policies'));
    expect(policyRoutes.length).toBeGreaterThanOrEqual(8);
    const failures = policyRoutes.flatMap(([route, byStatus]) => Object.keys(byStatus).filter((s) => s !== '200').map((s) => `${route} ${s}`));
    expect(failures.sort()).toEqual(['DELETE /admin/v2/policies/:policy_key 400', 'GET /admin/v2/policies/:policy_key 404', 'POST /admin/v2/policies 400']);
  });
});
