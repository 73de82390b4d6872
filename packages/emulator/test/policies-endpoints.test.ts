import { DuoAdminClient, type DuoParams } from '@duohub/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type EmulatorOptions } from '../src/index.js';
import { SECTION_DEFAULTS } from '../src/policies/policy-sections.js';
import type { Account, Integration } from '../src/state/types.js';

/**
 * The policies v2 endpoints on the demo seed, in process through the SDK (and raw signed calls
 * where the SDK would refuse the input first): Duo's fields, paging, the global policy's rules,
 * section changes, assignments and their cascades, Duo's error codes, and each undocumented
 * behaviour's option.
 */

let emu: Emulator;
let admin: DuoAdminClient;
let parent: Account;
let app: Integration;

function start(options: EmulatorOptions = {}) {
  emu = createEmulator({ seed: 'demo', rateLimits: false, ...options });
  parent = emu.state.accounts[emu.state.parent_account_id]!;
  app = Object.values(parent.integrations).find((i) => i.type === 'auth')!;
  const keys = Object.values(parent.integrations).find((i) => i.type === 'admin')!;
  admin = new DuoAdminClient({ host: parent.api_hostname, ikey: keys.integration_key, skey: keys.secret_key, fetch: emu.fetch, retry: false, pacing: false });
}

/** A raw JSON (v5) call, for inputs the SDK's own checks would stop before Duo saw them. */
const raw = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, params: DuoParams = {}) =>
  admin.call({ method, path, params, idempotent: false, endpointClass: 'admin_modify', sigVersion: 5 }).catch((e: unknown) => e);
const policies = () => Object.values(parent.policies ?? {});
const adminIntegration = () => Object.values(parent.integrations).find((i) => i.type === 'admin')!;
const customKey = (name: string) => policies().find((p) => p.policy_name === name)!.policy_key;

beforeEach(() => start());

describe('reading', () => {
  it('lists every policy, the global one first, paged with Duo metadata', async () => {
    const all = await admin.policies.list().toArray();
    expect(all.map((p) => p.policy_name)).toEqual(['Global Policy', 'Security keys only', 'Block new users']);
    expect(all[0]).toMatchObject({ is_global_policy: true });
    expect(Object.keys(all[0]!).sort()).toEqual(['is_global_policy', 'policy_key', 'policy_name', 'sections']);
    expect(Object.keys(all[0]!.sections).sort()).toEqual(Object.keys(SECTION_DEFAULTS).sort());
    const page = await admin.request('GET', '/admin/v2/policies', { limit: 1, offset: 1 });
    expect(page.response).toHaveLength(1);
    expect(page.metadata).toEqual({ total_objects: 3, next_offset: 2, prev_offset: 0 });
  });

  it('reads one policy by key, and the global one by the alias global', async () => {
    const global = await admin.policies.get('global');
    expect(global.is_global_policy).toBe(true);
    expect(await admin.policies.get(global.policy_key)).toEqual(global);
    expect(global.policy_key).toMatch(/^PO[A-Z0-9]{18}$/);
    await expect(admin.policies.get('PONOSUCHPOLICY000000')).rejects.toMatchObject({ status: 404, code: 40401 });
  });

  it('makes the global policy on first use in an account without one (older states)', async () => {
    delete parent.policies;
    const global = await admin.policies.get('global');
    expect(global.policy_name).toBe('Global Policy');
    expect(Object.keys(parent.policies!)).toEqual([global.policy_key]);
  });

  it('summarizes where each policy applies', async () => {
    const summary = await admin.policies.summary();
    expect(summary).toMatchObject({ policy_count: 3, response_is_truncated: false, warnings: [] });
    const keysOnly = summary.policies.find((p) => p.policy_name === 'Security keys only')!;
    const group = Object.values(parent.groups)[0]!;
    expect(keysOnly.policy_applies_to).toEqual([
      { app_integration_key: app.integration_key, app_name: app.name, apply_type: 'group_app', group_position: 0, groups: [{ group_id: group.group_id, group_name: group.name }] },
    ]);
    expect(summary.policies.find((p) => p.is_global_policy)!.policy_applies_to).toEqual([]);
  });
});

describe('create', () => {
  it('creates a custom policy holding only the sections it sets, each filled from Duo defaults', async () => {
    const made = await admin.policies.create({ policy_name: 'VPN', sections: { browsers: { blocked_browsers_list: ['ie'] } } });
    expect(made).toEqual({
      policy_key: made.policy_key,
      policy_name: 'VPN',
      is_global_policy: false,
      sections: { browsers: { ...SECTION_DEFAULTS['browsers'], blocked_browsers_list: ['ie'] } },
    });
    expect(parent.policies![made.policy_key]!.sections).toEqual(made.sections);
    expect(emu.stats().executions['policies.create']).toBe(1);
  });

  it('applies a new policy to applications and to groups on them', async () => {
    const group = Object.values(parent.groups)[1]!;
    const made = await admin.policies.create({
      policy_name: 'Applied',
      apply_to_apps: { applications_list: [app.integration_key] },
      apply_to_groups_in_apps: { apply_group_policies_list: [{ app_integration_key: app.integration_key, group_id_list: [group.group_id] }] },
    });
    expect(app.policy_key).toBe(made.policy_key);
    expect(app.group_policies!.at(-1)).toEqual({ policy_key: made.policy_key, group_id_list: [group.group_id] });
  });

  it.each<[string, Record<string, unknown>, number, string]>([
    ['no name', { sections: {} }, 40001, 'policy_name'],
    ['a blank name', { policy_name: '  ' }, 40002, 'policy_name'],
    ['a name another policy has', { policy_name: 'block NEW users' }, 40002, 'policy_name'],
    ['an unknown section', { policy_name: 'x', sections: { bowsers: {} } }, 40002, 'sections.bowsers'],
    ['an undocumented choice', { policy_name: 'x', sections: { new_user: { new_user_behavior: 'allow' } } }, 40002, 'sections.new_user.new_user_behavior'],
    ['an unknown method', { policy_name: 'x', sections: { authentication_methods: { allowed_auth_list: ['fax'] } } }, 40002, 'sections.authentication_methods.allowed_auth_list'],
    ['sections as a list', { policy_name: 'x', sections: ['browsers'] }, 40002, 'sections'],
    ['the Admin API as an application', { policy_name: 'x', apply_to_apps: { applications_list: ['ADMIN'] } }, 40002, 'apply_to_apps'],
    ['an unknown application', { policy_name: 'x', apply_to_apps: { applications_list: ['DINOSUCHAPP000000000'] } }, 40002, 'apply_to_apps'],
    ['an unknown group', { policy_name: 'x', apply_to_groups_in_apps: { apply_group_policies_list: [{ app_integration_key: 'APP', group_id_list: ['DGNOSUCH'] }] } }, 40002, 'apply_to_groups_in_apps'],
  ])('refuses %s with Duo’s error, creating nothing', async (_name, body, code, detail) => {
    const fix = JSON.parse(JSON.stringify(body).replace('"ADMIN"', JSON.stringify(adminIntegration().integration_key)).replace('"APP"', JSON.stringify(app.integration_key)));
    const before = policies().length;
    const error = await raw('POST', '/admin/v2/policies', fix);
    expect(error).toMatchObject({ status: 400, code, messageDetail: detail });
    expect(policies()).toHaveLength(before);
  });
});

describe('update', () => {
  it('changes given settings, keeps the rest, removes listed sections', async () => {
    const key = customKey('Security keys only');
    const out = await admin.policies.update(key, {
      policy_name: 'Keys',
      sections: { remembered_devices: { browser_apps: { enabled: true } }, screen_lock: { require_screen_lock: true } },
      sections_to_delete: ['authentication_methods'],
    });
    expect(out.policy_name).toBe('Keys');
    expect(out.sections).toEqual({ remembered_devices: { browser_apps: { enabled: true } }, screen_lock: { require_screen_lock: true } });
  });

  it('blocking a method on the global policy also stops allowing it', async () => {
    const out = await admin.policies.update('global', { sections: { authentication_methods: { blocked_auth_list: ['sms', 'phonecall'] } } });
    const methods = out.sections['authentication_methods'] as { allowed_auth_list: string[]; blocked_auth_list: string[]; require_verified_push: boolean };
    expect(methods.blocked_auth_list).toEqual(['sms', 'phonecall']);
    expect(methods.allowed_auth_list).not.toContain('sms');
    expect(methods.require_verified_push).toBe(true);
  });

  it('assigns and unassigns applications', async () => {
    const key = customKey('Block new users');
    await admin.policies.update(key, { apply_to_apps: { applications_list: [app.integration_key] } });
    expect(app.policy_key).toBe(key);
    const group = Object.values(parent.groups)[0]!;
    await admin.policies.update(key, { apply_to_groups_in_apps: { apply_group_policies_list: [{ app_integration_key: app.integration_key, group_id_list: [group.group_id] }] } });
    expect(app.group_policies!.map((b) => b.policy_key)).toEqual([customKey('Security keys only'), key]);
    await admin.policies.update(key, { unassign_from_apps: { applications_list: [app.integration_key] } });
    expect(app.policy_key).toBeNull();
    expect(app.group_policies!.map((b) => b.policy_key)).toEqual([customKey('Security keys only')]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['renaming it', { policy_name: 'Mine' }, 'policy_name'],
    ['removing its sections', { sections_to_delete: ['browsers'] }, 'sections_to_delete'],
    ['applying it to an application', { apply_to_apps: { applications_list: ['APP'] } }, 'apply_to_apps'],
  ])('keeps the global policy whole: refuses %s (400/40002)', async (_name, body, detail) => {
    const before = JSON.stringify(parent.policies);
    const fix = JSON.parse(JSON.stringify(body).replace('"APP"', JSON.stringify(app.integration_key)));
    expect(await raw('PUT', '/admin/v2/policies/global', fix)).toMatchObject({ status: 400, code: 40002, messageDetail: detail });
    expect(JSON.stringify(parent.policies)).toBe(before);
  });

  it('answers 404/40401 for an unknown key and 40002 for a section both changed and removed', async () => {
    expect(await raw('PUT', '/admin/v2/policies/PONOSUCHPOLICY000000', { sections: {} })).toMatchObject({ status: 404, code: 40401 });
    const key = customKey('Block new users');
    const error = await raw('PUT', `/admin/v2/policies/${key}`, { sections: { new_user: {} }, sections_to_delete: ['new_user'] });
    expect(error).toMatchObject({ status: 400, code: 40002, messageDetail: 'sections_to_delete' });
  });
});

describe('bulk update', () => {
  it('changes the listed policies together and answers them', async () => {
    const keys = [customKey('Security keys only'), customKey('Block new users')];
    const out = await admin.policies.bulkUpdate({ policies_to_update: { edit_list: keys }, policy_changes: { sections: { screen_lock: { require_screen_lock: true } }, sections_to_delete: ['new_user'] } });
    expect(out.map((p) => p.policy_key)).toEqual(keys);
    for (const key of keys) {
      expect(parent.policies![key]!.sections['screen_lock']).toEqual({ require_screen_lock: true });
      expect(parent.policies![key]!.sections['new_user']).toBeUndefined();
    }
    expect(parent.policies![keys[0]!]!.sections['authentication_methods']).toBeDefined();
  });

  it("reads Duo's python client's empty sections string when only removing sections", async () => {
    const key = customKey('Block new users');
    const out = await raw('PUT', '/admin/v2/policies/update', { policies_to_update: { edit_all_policies: false, edit_list: [key] }, policy_changes: { sections: '', sections_to_delete: ['new_user'] } });
    expect(out).toMatchObject({ status: 200, response: { policies: [{ policy_key: key, sections: {} }] } });
  });

  it('edits every custom policy with edit_all_policies, leaving the global one', async () => {
    const global = JSON.stringify((await admin.policies.get('global')).sections);
    const out = await admin.policies.bulkUpdate({ policies_to_update: { edit_all_policies: true }, policy_changes: { sections: { browsers: { blocked_browsers_list: ['ie'] } } } });
    expect(out).toHaveLength(2);
    expect(JSON.stringify((await admin.policies.get('global')).sections)).toBe(global);
  });

  it('changes nothing when one key is unknown (404/40401) or a removal touches the global policy (40002)', async () => {
    const before = JSON.stringify(parent.policies);
    const changes = { sections: { screen_lock: { require_screen_lock: true } } };
    expect(await raw('PUT', '/admin/v2/policies/update', { policies_to_update: { edit_list: [customKey('Block new users'), 'PONOSUCHPOLICY000000'] }, policy_changes: changes })).toMatchObject({ status: 404, code: 40401 });
    expect(await raw('PUT', '/admin/v2/policies/update', { policies_to_update: { edit_list: ['global'] }, policy_changes: { sections_to_delete: ['browsers'] } })).toMatchObject({ status: 400, code: 40002, messageDetail: 'policy_changes.sections_to_delete' });
    expect(await raw('PUT', '/admin/v2/policies/update', { policies_to_update: { edit_list: [] }, policy_changes: changes })).toMatchObject({ status: 400, code: 40001 });
    expect(await raw('PUT', '/admin/v2/policies/update', { policies_to_update: { edit_list: ['global'] }, policy_changes: {} })).toMatchObject({ status: 400, code: 40001, messageDetail: 'policy_changes' });
    expect(await raw('PUT', '/admin/v2/policies/update', { policy_changes: changes })).toMatchObject({ status: 400, code: 40001, messageDetail: 'policies_to_update' });
    expect(JSON.stringify(parent.policies)).toBe(before);
  });
});

describe('copy', () => {
  it('makes one unassigned policy per name with the same sections, recorded as non-idempotent', async () => {
    const source = parent.policies![customKey('Security keys only')]!;
    const copies = await admin.policies.copy(source.policy_key, ['Keys A', 'Keys B']);
    expect(copies.map((c) => c.policy_name)).toEqual(['Keys A', 'Keys B']);
    for (const copy of copies) {
      expect(copy.sections).toEqual(source.sections);
      expect(copy.policy_key).not.toBe(source.policy_key);
      expect(copy.is_global_policy).toBe(false);
    }
    expect(new Set(copies.map((c) => c.policy_key)).size).toBe(2);
    expect(policies()).toHaveLength(5);
    expect(JSON.stringify(parent.integrations)).not.toContain(copies[0]!.policy_key);
    expect(emu.stats().executions['policies.copy']).toBe(1);
  });

  it('copies the global policy into a custom one', async () => {
    const [copy] = await admin.policies.copy('global', ['Global copy']);
    expect(copy).toMatchObject({ is_global_policy: false, sections: (await admin.policies.get('global')).sections });
  });

  it.each<[string, Record<string, unknown>, number, number, string]>([
    ['an unknown source', { policy_key: 'PONOSUCHPOLICY000000', new_policy_names_list: ['x'] }, 404, 40401, 'policy_key'],
    ['no names', { policy_key: 'global', new_policy_names_list: [] }, 400, 40001, 'new_policy_names_list'],
    ['a blank name', { policy_key: 'global', new_policy_names_list: [' '] }, 400, 40002, 'new_policy_names_list'],
    ['a name taken', { policy_key: 'global', new_policy_names_list: ['x', 'Block new users'] }, 400, 40002, 'new_policy_names_list'],
    ['a name twice', { policy_key: 'global', new_policy_names_list: ['x', 'X'] }, 400, 40002, 'new_policy_names_list'],
    ['no source', { new_policy_names_list: ['x'] }, 400, 40001, 'policy_key'],
  ])('refuses %s', async (_name, body, status, code, detail) => {
    expect(await raw('POST', '/admin/v2/policies/copy', body as DuoParams)).toMatchObject({ status, code, messageDetail: detail });
    expect(policies()).toHaveLength(3);
  });
});

describe('delete', () => {
  it('deletes a custom policy and takes it off every application and group binding', async () => {
    const key = customKey('Security keys only');
    app.policy_key = key;
    await admin.policies.delete(key);
    expect(parent.policies![key]).toBeUndefined();
    expect(app.policy_key).toBeNull();
    expect(app.group_policies).toEqual([]);
    await expect(admin.policies.get(key)).rejects.toMatchObject({ status: 404, code: 40401 });
  });

  it('refuses the global policy (400/40002) and answers 404/40401 for an unknown key', async () => {
    await expect(admin.policies.delete('global')).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'policy_key' });
    await expect(admin.policies.delete(policies()[0]!.policy_key)).rejects.toMatchObject({ status: 400, code: 40002 });
    await expect(admin.policies.delete('PONOSUCHPOLICY000000')).rejects.toMatchObject({ status: 404, code: 40401 });
    expect(policies()).toHaveLength(3);
  });

  it('deleting a group takes it off group policy bindings (a binding left with no group goes)', async () => {
    const group = Object.values(parent.groups)[0]!;
    await admin.groups.delete(group.group_id);
    expect(app.group_policies).toEqual([]);
    const summary = await admin.policies.summary();
    expect(summary.policies.every((p) => (p.policy_applies_to as unknown[]).length === 0)).toBe(true);
  });
});

describe('calculate', () => {
  it('answers the effective sections and the policies they came from', async () => {
    const group = Object.values(parent.groups)[0]!;
    const member = Object.values(parent.users).find((u) => u.group_ids.includes(group.group_id))!;
    const calc = await admin.policies.calculate(member.user_id, app.integration_key);
    const keysOnly = parent.policies![customKey('Security keys only')]!;
    expect(calc.sections['authentication_methods']).toEqual(keysOnly.sections['authentication_methods']);
    expect(calc.policy_elements.map((e) => [e.apply_type, e.policy_key])).toEqual([
      ['global', policies()[0]!.policy_key],
      ['group_app', keysOnly.policy_key],
    ]);
    expect(calc.policy_elements[1]!.applied_sections).toEqual(Object.keys(keysOnly.sections).sort());
    const outsider = Object.values(parent.users).find((u) => !u.group_ids.includes(group.group_id))!;
    const plain = await admin.policies.calculate(outsider.user_id, app.integration_key);
    expect(plain.policy_elements).toHaveLength(1);
    expect(plain.sections).toEqual(policies()[0]!.sections);
  });

  it.each<[string, Record<string, string>, number, number, string]>([
    ['an unknown user', { user_id: 'DUNOSUCHUSER00000000', integration_key: 'APP' }, 404, 40401, 'user_id'],
    ['an unknown application', { user_id: 'USER', integration_key: 'DINOSUCHAPP000000000' }, 404, 40401, 'integration_key'],
    ['the Admin API integration', { user_id: 'USER', integration_key: 'ADMIN' }, 400, 40002, 'integration_key'],
    ['no user', { integration_key: 'APP' }, 400, 40001, 'user_id'],
    ['no application', { user_id: 'USER' }, 400, 40001, 'integration_key'],
  ])('answers %s with Duo’s error', async (_name, query, status, code, detail) => {
    const user = Object.values(parent.users)[0]!.user_id;
    const fix = Object.fromEntries(
      Object.entries(query).map(([k, v]) => [k, v === 'APP' ? app.integration_key : v === 'ADMIN' ? adminIntegration().integration_key : v === 'USER' ? user : v]),
    );
    expect(await raw('GET', '/admin/v2/policies/calculate', fix)).toMatchObject({ status, code, messageDetail: detail });
  });
});

describe('grants', () => {
  it('reads need Grant read resource and writes Grant write resource (403/40301)', async () => {
    const integration = adminIntegration();
    integration.grants = { ...integration.grants!, read_resource: false };
    await expect(admin.policies.list().toArray()).rejects.toMatchObject({ status: 403, code: 40301 });
    await expect(admin.policies.summary()).rejects.toMatchObject({ status: 403, code: 40301 });
    await expect(admin.policies.calculate('DU', 'DI')).rejects.toMatchObject({ status: 403, code: 40301 });
    expect((await admin.policies.create({ policy_name: 'writer' })).policy_name).toBe('writer');
    integration.grants = { ...integration.grants!, read_resource: true, write_resource: false };
    await expect(admin.policies.create({ policy_name: 'nope' })).rejects.toMatchObject({ status: 403, code: 40301 });
    await expect(admin.policies.copy('global', ['nope'])).rejects.toMatchObject({ status: 403, code: 40301 });
    await expect(admin.policies.delete('global')).rejects.toMatchObject({ status: 403, code: 40301 });
    expect((await admin.policies.get('global')).is_global_policy).toBe(true);
  });
});

describe('options for what Duo leaves undocumented', () => {
  it('sectionFill: as_given stores only what was sent; global starts from the global policy', async () => {
    start({ policies: { sectionFill: 'as_given' } });
    expect((await admin.policies.create({ policy_name: 'a', sections: { browsers: { blocked_browsers_list: ['ie'] } } })).sections).toEqual({ browsers: { blocked_browsers_list: ['ie'] } });
    start({ policies: { sectionFill: 'global' } });
    await admin.policies.update('global', { sections: { browsers: { out_of_date_behavior: 'warn-only' } } });
    expect((await admin.policies.create({ policy_name: 'b', sections: { browsers: { blocked_browsers_list: ['ie'] } } })).sections['browsers']).toEqual({ blocked_browsers_list: ['ie'], out_of_date_behavior: 'warn-only' });
  });

  it('unknownSections: accept stores a section Duo does not document', async () => {
    start({ policies: { unknownSections: 'accept' } });
    expect((await admin.policies.create({ policy_name: 'a', sections: { future_section: { on: true } } })).sections).toEqual({ future_section: { on: true } });
  });

  it('duplicateNames: allow lets two policies share a name', async () => {
    start({ policies: { duplicateNames: 'allow' } });
    await admin.policies.create({ policy_name: 'Block new users' });
    expect(await admin.policies.copy('global', ['twin', 'twin'])).toHaveLength(2);
  });

  it('deleteMissing: ok answers 200 for an unknown key', async () => {
    start({ policies: { deleteMissing: 'ok' } });
    await expect(admin.policies.delete('PONOSUCHPOLICY000000')).resolves.toBeUndefined();
  });

  it('bulkEditAll: all includes the global policy', async () => {
    start({ policies: { bulkEditAll: 'all' } });
    const out = await admin.policies.bulkUpdate({ policies_to_update: { edit_all_policies: true }, policy_changes: { sections: { screen_lock: { require_screen_lock: true } } } });
    expect(out.map((p) => p.is_global_policy)).toEqual([true, false, false]);
  });
});
