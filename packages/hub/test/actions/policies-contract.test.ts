import { buildOpenApi, DuoAdminClient, DuoForbiddenError, endpoints } from '@duohub/sdk';
import { describe, expect, it } from 'vitest';
import { answerProblems } from '../../../emulator/test/helpers/answer-problems.js';
import type { AnyAction } from '../../src/actions/define-action.js';
import { policyActions } from '../../src/actions/policies/policies-actions.js';
import { describePolicyChange, policySectionDiff } from '../../src/actions/policies/policy-section-diff.js';
import { describeFamilyCatalog } from './describe-family-catalog.js';
import { ENDPOINT_MODES, useEndpointFixture } from './endpoint-fixture.js';
import { arrangeApp, arrangePolicy, policyContractCases } from './policies-contract-cases.js';

/**
 * Issue 16, policies v2: each catalog action's contract (through the SDK in process), the
 * hub's own refusals and dry-run diffs, then the endpoints themselves in process and over a port:
 * paging metadata, JSON bodies, the global policy's rules, error codes, permission denials and
 * what deleting a policy or a group does to the applications; every answer checked against the
 * generated OpenAPI description.
 */

const actions: AnyAction[] = [...policyActions];
const doc = buildOpenApi(endpoints);

describeFamilyCatalog({
  cases: policyContractCases,
  actions,
  family: /^policies\./,
  coverage: {
    title: 'has a case for every action of the family, each derived from its endpoint',
    check() {
      expect(actions.map((a) => a.id).sort()).toEqual(endpoints.filter((e) => e.id.startsWith('policies.')).map((e) => e.id).sort());
      for (const action of actions) expect(action.resource).toBe('policies');
      expect(actions.filter((a) => a.destructive).map((a) => a.id).sort()).toEqual(['policies.bulk_update', 'policies.delete', 'policies.update']);
      expect(actions.filter((a) => !a.idempotent).map((a) => a.id).sort()).toEqual(['policies.copy', 'policies.create']);
    },
  },
  extra: ({ fx, run, failure }) => {
    it('refuses to delete the global policy by its key, in a dry run too, before Duo is asked', async () => {
      const global = Object.values(fx().parent.policies!).find((p) => p.is_global_policy)!;
      for (const dryRun of [false, true]) {
        const error = await failure('policies.delete', { policy_key: global.policy_key }, { dryRun });
        expect({ code: error.code, status: error.status }).toEqual({ code: 'conflict', status: 409 });
      }
      expect(fx().parent.policies![global.policy_key]).toBeDefined();
    });

    it("a delete's dry run says how many applications fall back to the global policy", async () => {
      const p = arrangePolicy(fx().parent);
      arrangeApp(fx().parent).policy_key = p.policy_key;
      const out = await run('policies.delete', { policy_key: p.policy_key }, { dryRun: true });
      expect(out.changes).toMatch(/1 application\(s\) using it fall back to the global policy/);
    });

    it('a bulk dry run over every custom policy reads them all, leaving the global one out', async () => {
      const out = await run('policies.bulk_update', { edit_all_policies: true, sections: { screen_lock: { require_screen_lock: true } } }, { dryRun: true });
      const custom = Object.values(fx().parent.policies!).filter((p) => !p.is_global_policy);
      expect(out.target.map((t: any) => t.policy_key).sort()).toEqual(custom.map((p) => p.policy_key).sort());
      expect(out.changes).toMatch(new RegExp(`across ${custom.length} policies`));
    });

    it('carries sections and flat application lists to Duo in its wrapped shapes', async () => {
      const app = arrangeApp(fx().parent);
      const group = Object.values(fx().parent.groups)[0]!;
      const made = await run('policies.create', {
        policy_name: 'Contract sections',
        sections: { new_user: { new_user_behavior: 'deny' } },
        apply_to_groups_in_apps: [{ app_integration_key: app.integration_key, group_id_list: [group.group_id] }],
      });
      expect(made.sections).toEqual({ new_user: { new_user_behavior: 'deny' } });
      expect(app.group_policies?.at(-1)).toEqual({ policy_key: made.policy_key, group_id_list: [group.group_id] });
      const changed = await run('policies.update', { policy_key: made.policy_key, sections: { screen_lock: { require_screen_lock: true } }, unassign_from_apps: [app.integration_key] });
      expect(Object.keys(changed.sections).sort()).toEqual(['new_user', 'screen_lock']);
      expect(JSON.stringify(app.group_policies ?? [])).not.toContain(made.policy_key);
      const bulk = await run('policies.bulk_update', { edit_list: [made.policy_key], sections: { new_user: { new_user_behavior: 'no-mfa' } } });
      expect(bulk.policies[0].sections.new_user).toEqual({ new_user_behavior: 'no-mfa' });
    });

    it('asks for the policies and the changes of a bulk change before calling Duo', async () => {
      const none = await failure('policies.bulk_update', { sections_to_delete: ['new_user'] });
      expect(none.code).toBe('validation_failed');
      expect((none.details as Array<{ field: string }>).map((f) => f.field)).toEqual(['edit_list']);
      const nothing = await failure('policies.bulk_update', { edit_all_policies: true }, { dryRun: true });
      expect((nothing.details as Array<{ field: string }>).map((f) => f.field)).toEqual(['sections']);
      const badSections = await failure('policies.update', { policy_key: 'global', sections: { new_user: 'deny' } });
      expect((badSections.details as Array<{ field: string }>).map((f) => f.field)).toEqual(['sections.new_user']);
    });
  },
});

describe('policySectionDiff: what a dry run shows', () => {
  const current = {
    policy_name: 'VPN',
    sections: { browsers: { blocked_browsers_list: ['ie'], out_of_date_behavior: 'warn-only' }, new_user: { new_user_behavior: 'deny' } },
  };
  it.each<[string, Record<string, unknown>, Record<string, { from: unknown; to: unknown }>]>([
    ['nothing given', {}, {}],
    ['a rename', { policy_name: 'VPN users' }, { policy_name: { from: 'VPN', to: 'VPN users' } }],
    ['the same name', { policy_name: 'VPN' }, {}],
    [
      'a setting of a set section, over the others',
      { sections: { browsers: { blocked_browsers_list: [] } } },
      { 'sections.browsers': { from: current.sections.browsers, to: { blocked_browsers_list: [], out_of_date_behavior: 'warn-only' } } },
    ],
    ['a setting that is already so', { sections: { new_user: { new_user_behavior: 'deny' } } }, {}],
    ['a section not set yet', { sections: { screen_lock: { require_screen_lock: true } } }, { 'sections.screen_lock': { from: null, to: { require_screen_lock: true } } }],
    ['a removed section', { sections_to_delete: ['new_user', 'plugins'] }, { 'sections.new_user': { from: { new_user_behavior: 'deny' }, to: null } }],
    ['an assignment', { apply_to_apps: { applications_list: ['DI1'] } }, { apply_to_apps: { from: null, to: { applications_list: ['DI1'] } } }],
  ])('%s', (_name, change, want) => {
    expect(policySectionDiff(current, change)).toEqual(want);
  });

  it('prefixes keys for bulk changes and describes removals', () => {
    const diff = policySectionDiff(current, { sections_to_delete: ['browsers'] }, 'POX.');
    expect(Object.keys(diff)).toEqual(['POX.sections.browsers']);
    expect(describePolicyChange(policySectionDiff(current, { sections_to_delete: ['browsers'], policy_name: 'x' }), 'VPN')).toBe(
      'would change policy_name, remove sections.browsers of policy "VPN"',
    );
  });
});

describe.each(ENDPOINT_MODES)('endpoints %s', (mode) => {
  let admin: DuoAdminClient;
  const { parent, clientFor, answers } = useEndpointFixture(mode, (ep) => {
    admin = ep.clientFor();
  });
  const app = () => Object.values(parent().integrations).find((i) => i.type === 'auth')!;
  const policies = () => Object.values(parent().policies ?? {});

  it('pages policies with Duo metadata, the global one first', async () => {
    const total = policies().length;
    const raw = await admin.request('GET', '/admin/v2/policies', { limit: 2, offset: 1 });
    expect(raw.metadata).toEqual({ total_objects: total, prev_offset: 0, ...(total > 3 ? { next_offset: 3 } : {}) });
    const all = await admin.policies.list({ pageSize: 1 }).toArray();
    expect(all.map((p) => p.policy_key)).toEqual(policies().map((p) => p.policy_key));
    expect(all[0]!.is_global_policy).toBe(true);
  });

  it('sends policy writes as v5 JSON bodies and reads them back', async () => {
    const made = await admin.policies.create({
      policy_name: `JSON ${mode}`,
      sections: { authentication_methods: { allowed_auth_list: ['webauthn-roaming'], blocked_auth_list: ['sms'] } },
    });
    expect(made.sections['authentication_methods']).toMatchObject({ allowed_auth_list: ['webauthn-roaming'], blocked_auth_list: ['sms'] });
    expect(await admin.policies.get(made.policy_key)).toEqual(made);
    await admin.policies.delete(made.policy_key);
  });

  it('answers 404/40401 for unknown keys, 40002 for the global policy, 40001 for missing parameters', async () => {
    await expect(admin.policies.get('PONOSUCHPOLICY000000')).rejects.toMatchObject({ status: 404, code: 40401 });
    await expect(admin.policies.delete('PONOSUCHPOLICY000000')).rejects.toMatchObject({ status: 404, code: 40401 });
    await expect(admin.policies.copy('PONOSUCHPOLICY000000', ['x'])).rejects.toMatchObject({ status: 404, code: 40401 });
    await expect(admin.policies.delete('global')).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'policy_key' });
    await expect(admin.policies.update('global', { sections_to_delete: ['browsers'] })).rejects.toMatchObject({ status: 400, code: 40002 });
    const missing = await admin.call({ method: 'GET', path: '/admin/v2/policies/calculate', params: { user_id: 'DU' }, idempotent: true, endpointClass: 'admin_get_one' }).catch((e) => e);
    expect(missing).toMatchObject({ status: 400, code: 40001, messageDetail: 'integration_key' });
  });

  it('deleting a policy sends its applications back to the global policy', async () => {
    const made = await admin.policies.create({ policy_name: `Doomed ${mode}`, sections: { new_user: { new_user_behavior: 'deny' } }, apply_to_apps: { applications_list: [app().integration_key] } });
    const user = Object.values(parent().users).find((u) => u.group_ids.length === 0) ?? Object.values(parent().users)[0]!;
    expect((await admin.policies.calculate(user.user_id, app().integration_key)).sections['new_user']).toEqual({ new_user_behavior: 'deny' });
    await admin.policies.delete(made.policy_key);
    expect(app().policy_key ?? null).toBeNull();
    const after = await admin.policies.calculate(user.user_id, app().integration_key);
    expect(after.policy_elements.map((e) => e.policy_key)).not.toContain(made.policy_key);
    expect(after.sections['new_user']).toEqual((await admin.policies.get('global')).sections['new_user']);
  });

  it("deleting a group takes it off the application's group policies", async () => {
    const group = await admin.groups.create({ name: `Policy group ${mode}` });
    const made = await admin.policies.create({
      policy_name: `Group bound ${mode}`,
      apply_to_groups_in_apps: { apply_group_policies_list: [{ app_integration_key: app().integration_key, group_id_list: [group.group_id] }] },
    });
    const summary = async () => (await admin.policies.summary()).policies.find((p) => p.policy_key === made.policy_key)!.policy_applies_to as unknown[];
    expect(await summary()).toHaveLength(1);
    await admin.groups.delete(group.group_id);
    expect(await summary()).toEqual([]);
    expect(JSON.stringify(app().group_policies ?? [])).not.toContain(group.group_id);
  });

  it('answers 40301 without the grant: read_resource for reads, write_resource for writes', async () => {
    const writer = clientFor({ read_resource: false, write_resource: true });
    try {
      for (const call of [() => writer.policies.list().toArray(), () => writer.policies.summary(), () => writer.policies.get('global'), () => writer.policies.calculate('DU', 'DI')]) {
        const error = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuoForbiddenError);
        expect(error).toMatchObject({ status: 403, code: 40301 });
      }
      const reader = clientFor({ read_resource: true, write_resource: false });
      for (const call of [
        () => reader.policies.create({ policy_name: 'no' }),
        () => reader.policies.update('global', { sections: {} }),
        () => reader.policies.bulkUpdate({ policies_to_update: { edit_all_policies: true }, policy_changes: { sections: {} } }),
        () => reader.policies.copy('global', ['no']),
        () => reader.policies.delete('PONOSUCHPOLICY000000'),
      ]) {
        const error = await call().catch((e: unknown) => e);
        expect(error).toMatchObject({ status: 403, code: 40301 });
      }
    } finally {
      const integration = Object.values(parent().integrations).find((i) => i.type === 'admin')!;
      integration.grants = { ...integration.grants!, read_resource: true, write_resource: true };
    }
  });

  it('gave only answers that fit the OpenAPI description', () => {
    expect(answers().filter((a) => a.endpoint.id.startsWith('policies.')).length).toBeGreaterThan(10);
    expect(answers().flatMap((a) => answerProblems(doc, a))).toEqual([]);
  });
});
