import { DuoAdminClient, type DuoPolicy } from '@duohub/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, newIntegration, type Emulator } from '../src/index.js';
import type { Account } from '../src/state/types.js';

/**
 * Issue 16: policies apply to applications and groups with Duo's precedence, and calculate answers
 * which policy a user gets on an application. A table of bindings, users and applications against
 * `GET /admin/v2/policies/calculate`, all set up through the policy endpoints themselves:
 * global < application policy < group policy (first matching group binding wins), section by section.
 */

type Label = 'GLOBAL' | 'APP' | 'ENG' | 'CON';
type Who = 'alice' | 'bob' | 'carol' | 'dave';
type Where = 'app' | 'vpn';
const SECTIONS = ['new_user', 'browsers', 'screen_lock'] as const;

interface Row {
  name: string;
  bind: { app?: Label; vpn?: Label; appGroups?: Array<[Label, Array<'eng' | 'con'>]>; vpnGroups?: Array<[Label, Array<'eng' | 'con'>]> };
  who: Who;
  where: Where;
  want: Record<(typeof SECTIONS)[number], Label>;
}

const allGlobal = { new_user: 'GLOBAL', browsers: 'GLOBAL', screen_lock: 'GLOBAL' } as const;

const rows: Row[] = [
  { name: 'nothing bound: the global policy', bind: {}, who: 'alice', where: 'app', want: allGlobal },
  { name: 'application policy, user in no group', bind: { app: 'APP' }, who: 'dave', where: 'app', want: { new_user: 'APP', browsers: 'APP', screen_lock: 'GLOBAL' } },
  {
    name: 'group policy over application policy, section by section',
    bind: { app: 'APP', appGroups: [['ENG', ['eng']]] },
    who: 'alice',
    where: 'app',
    want: { new_user: 'ENG', browsers: 'APP', screen_lock: 'GLOBAL' },
  },
  { name: 'group policy does not reach users outside its groups', bind: { app: 'APP', appGroups: [['ENG', ['eng']]] }, who: 'bob', where: 'app', want: { new_user: 'APP', browsers: 'APP', screen_lock: 'GLOBAL' } },
  { name: 'group policy over the global policy alone', bind: { appGroups: [['ENG', ['eng']]] }, who: 'alice', where: 'app', want: { new_user: 'ENG', browsers: 'GLOBAL', screen_lock: 'GLOBAL' } },
  {
    name: 'two matching group policies: the first ranked wins whole',
    bind: { appGroups: [['ENG', ['eng']], ['CON', ['con']]] },
    who: 'carol',
    where: 'app',
    want: { new_user: 'ENG', browsers: 'GLOBAL', screen_lock: 'GLOBAL' },
  },
  {
    name: 'the other ranking: the other group policy wins',
    bind: { appGroups: [['CON', ['con']], ['ENG', ['eng']]] },
    who: 'carol',
    where: 'app',
    want: { new_user: 'GLOBAL', browsers: 'CON', screen_lock: 'CON' },
  },
  { name: 'a binding with several groups matches any of them', bind: { appGroups: [['CON', ['eng', 'con']]] }, who: 'alice', where: 'app', want: { new_user: 'GLOBAL', browsers: 'CON', screen_lock: 'CON' } },
  { name: "another application's policy does not apply", bind: { app: 'APP' }, who: 'alice', where: 'vpn', want: allGlobal },
  { name: "another application's group policy does not apply", bind: { app: 'APP', vpnGroups: [['ENG', ['eng']]] }, who: 'alice', where: 'app', want: { new_user: 'APP', browsers: 'APP', screen_lock: 'GLOBAL' } },
  { name: 'on that application it does', bind: { app: 'APP', vpnGroups: [['ENG', ['eng']]] }, who: 'alice', where: 'vpn', want: { new_user: 'ENG', browsers: 'GLOBAL', screen_lock: 'GLOBAL' } },
  { name: 'each application its own policy', bind: { app: 'APP', vpn: 'CON' }, who: 'dave', where: 'vpn', want: { new_user: 'GLOBAL', browsers: 'CON', screen_lock: 'CON' } },
];

describe('policy precedence, answered by calculate', () => {
  let emu: Emulator;
  let admin: DuoAdminClient;
  let parent: Account;
  const policies = {} as Record<Label, DuoPolicy>;
  const users = {} as Record<Who, string>;
  const groups = {} as Record<'eng' | 'con', string>;
  const apps = {} as Record<Where, string>;

  beforeAll(async () => {
    emu = createEmulator({ seed: 'empty', rateLimits: false, randomSeed: 16 });
    parent = emu.state.accounts[emu.state.parent_account_id]!;
    const vpn = newIntegration('auth', 'VPN', () => 0.42);
    parent.integrations[vpn.integration_key] = vpn;
    apps.app = Object.values(parent.integrations).find((i) => i.type === 'auth' && i.name !== 'VPN')!.integration_key;
    apps.vpn = vpn.integration_key;
    const keys = Object.values(parent.integrations).find((i) => i.type === 'admin')!;
    admin = new DuoAdminClient({ host: parent.api_hostname, ikey: keys.integration_key, skey: keys.secret_key, fetch: emu.fetch, retry: false, pacing: false });

    groups.eng = (await admin.groups.create({ name: 'Engineering' })).group_id;
    groups.con = (await admin.groups.create({ name: 'Contractors' })).group_id;
    const membership: Record<Who, Array<'eng' | 'con'>> = { alice: ['eng'], bob: ['con'], carol: ['eng', 'con'], dave: [] };
    for (const [who, of] of Object.entries(membership) as Array<[Who, Array<'eng' | 'con'>]>) {
      users[who] = (await admin.users.create({ username: who })).user_id;
      for (const g of of) await admin.groups.addUser(groups[g], users[who]);
    }

    policies.GLOBAL = await admin.policies.update('global', {
      sections: { new_user: { new_user_behavior: 'enroll' }, browsers: { blocked_browsers_list: [] }, screen_lock: { require_screen_lock: false } },
    });
    policies.APP = await admin.policies.create({ policy_name: 'App', sections: { new_user: { new_user_behavior: 'deny' }, browsers: { blocked_browsers_list: ['ie'] } } });
    policies.ENG = await admin.policies.create({ policy_name: 'Engineering', sections: { new_user: { new_user_behavior: 'no-mfa' } } });
    policies.CON = await admin.policies.create({ policy_name: 'Contractors', sections: { screen_lock: { require_screen_lock: true }, browsers: { blocked_browsers_list: ['firefox'] } } });
  });

  /** Takes every custom policy off both applications, then binds the row's policies in order. */
  async function bind(spec: Row['bind']): Promise<void> {
    for (const label of ['APP', 'ENG', 'CON'] as const) {
      await admin.policies.update(policies[label].policy_key, { unassign_from_apps: { applications_list: [apps.app, apps.vpn] } });
    }
    if (spec.app) await admin.policies.update(policies[spec.app].policy_key, { apply_to_apps: { applications_list: [apps.app] } });
    if (spec.vpn) await admin.policies.update(policies[spec.vpn].policy_key, { apply_to_apps: { applications_list: [apps.vpn] } });
    for (const [where, list] of [['app', spec.appGroups ?? []], ['vpn', spec.vpnGroups ?? []]] as const) {
      for (const [label, of] of list) {
        const apply_group_policies_list = [{ app_integration_key: apps[where], group_id_list: of.map((g) => groups[g]) }];
        await admin.policies.update(policies[label].policy_key, { apply_to_groups_in_apps: { apply_group_policies_list } });
      }
    }
  }

  it.each(rows)('$name', async (row) => {
    await bind(row.bind);
    const calc = await admin.policies.calculate(users[row.who], apps[row.where]);
    const applied = new Map<string, string[]>(calc.policy_elements.map((e) => [e.policy_key as string, e.applied_sections as string[]]));
    for (const section of SECTIONS) {
      const from = policies[row.want[section]];
      expect(calc.sections[section], section).toEqual(from.sections[section]);
      expect(applied.get(from.policy_key), `${section} comes from ${row.want[section]}`).toContain(section);
    }
    // Global first, then the application's policy, then the group's: exactly the bound layers.
    const types = calc.policy_elements.map((e) => e.apply_type as string);
    expect(types[0]).toBe('global');
    expect(types).toEqual([...types].sort((a, b) => ['global', 'app', 'group_app'].indexOf(a) - ['global', 'app', 'group_app'].indexOf(b)));
  });

  it('shows the ranking in the summary as group_position', async () => {
    await bind({ appGroups: [['CON', ['con']], ['ENG', ['eng']]] });
    const summary = await admin.policies.summary();
    const of = (label: Label) => summary.policies.find((p) => p.policy_key === policies[label].policy_key)!.policy_applies_to;
    expect(of('CON')).toEqual([{ app_integration_key: apps.app, app_name: 'Auth API', apply_type: 'group_app', group_position: 0, groups: [{ group_id: groups.con, group_name: 'Contractors' }] }]);
    expect(of('ENG')).toMatchObject([{ apply_type: 'group_app', group_position: 1 }]);
    expect(parent.integrations[apps.app]!.group_policies!.map((b) => b.policy_key)).toEqual([policies.CON.policy_key, policies.ENG.policy_key]);
  });
});
