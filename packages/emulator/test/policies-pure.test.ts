import { describe, expect, it } from 'vitest';
import { applySectionChanges } from '../src/policies/apply-section-changes.js';
import { calculatePolicy, type PolicyLayer } from '../src/policies/calculate-policy.js';
import { sectionNamesProblem, sectionsProblem } from '../src/policies/check-sections.js';
import type { Sections } from '../src/policies/policy-sections.js';
import type { PolicyRecord } from '../src/state/policy-records.js';

/** The sharp edges of policies v2 as tables: section checks, section changes, precedence. */

describe('sectionsProblem names the first bad part as Duo would in message_detail', () => {
  it.each<[string, unknown, 'reject' | 'accept', string | undefined]>([
    ['an object of sections', { new_user: { new_user_behavior: 'deny' } }, 'reject', undefined],
    ['an empty section (take the defaults)', { browsers: {} }, 'reject', undefined],
    ['no sections at all', {}, 'reject', undefined],
    ['not an object', ['new_user'], 'reject', 'sections'],
    ['a string', 'new_user', 'reject', 'sections'],
    ['an unknown section', { new_users: {} }, 'reject', 'sections.new_users'],
    ['an unknown section, accepted', { new_users: {} }, 'accept', undefined],
    ['a section that is not an object', { new_user: 'deny' }, 'reject', 'sections.new_user'],
    ['a documented choice', { authentication_policy: { user_auth_behavior: 'bypass' } }, 'reject', undefined],
    ['an undocumented choice', { authentication_policy: { user_auth_behavior: 'skip' } }, 'reject', 'sections.authentication_policy.user_auth_behavior'],
    ['a choice of the wrong type', { new_user: { new_user_behavior: 1 } }, 'reject', 'sections.new_user.new_user_behavior'],
    ['known methods', { authentication_methods: { allowed_auth_list: ['duo-push'], blocked_auth_list: ['sms'] } }, 'reject', undefined],
    ['an unknown method', { authentication_methods: { blocked_auth_list: ['carrier-pigeon'] } }, 'reject', 'sections.authentication_methods.blocked_auth_list'],
    ['a method list that is a string', { authentication_methods: { allowed_auth_list: 'duo-push' } }, 'reject', 'sections.authentication_methods.allowed_auth_list'],
    ['a method allowed and blocked', { authentication_methods: { allowed_auth_list: ['sms'], blocked_auth_list: ['sms'] } }, 'reject', 'sections.authentication_methods'],
  ])('%s', (_name, value, unknown, want) => {
    expect(sectionsProblem(value, 'sections', unknown)).toBe(want);
  });

  it.each<[unknown, 'reject' | 'accept', string | undefined]>([
    [['browsers', 'new_user'], 'reject', undefined],
    [[], 'reject', undefined],
    ['browsers', 'reject', 'sections_to_delete'],
    [['browser'], 'reject', 'sections_to_delete'],
    [['browser'], 'accept', undefined],
    [[''], 'accept', 'sections_to_delete'],
  ])('sections_to_delete %j (%s) -> %s', (value, unknown, want) => {
    expect(sectionNamesProblem(value, 'sections_to_delete', unknown)).toBe(want);
  });
});

describe('applySectionChanges', () => {
  const defaults: Record<string, Record<string, unknown>> = {
    browsers: { blocked_browsers_list: [], out_of_date_behavior: 'no-remediation' },
    authentication_methods: { allowed_auth_list: ['duo-push', 'sms', 'phonecall'], blocked_auth_list: [] },
  };
  const fill = (name: string) => defaults[name] ?? {};
  it.each<[string, Sections, Sections, string[], Sections]>([
    ['a new section starts from its fill', {}, { browsers: { blocked_browsers_list: ['ie'] } }, [], { browsers: { blocked_browsers_list: ['ie'], out_of_date_behavior: 'no-remediation' } }],
    [
      'a set section keeps the settings not given',
      { browsers: { blocked_browsers_list: ['ie'], out_of_date_behavior: 'warn-only' } },
      { browsers: { blocked_browsers_list: [] } },
      [],
      { browsers: { blocked_browsers_list: [], out_of_date_behavior: 'warn-only' } },
    ],
    ['other sections stay', { new_user: { new_user_behavior: 'deny' } }, { screen_lock: { require_screen_lock: true } }, [], { new_user: { new_user_behavior: 'deny' }, screen_lock: { require_screen_lock: true } }],
    ['a removed section goes', { new_user: { new_user_behavior: 'deny' }, screen_lock: {} }, {}, ['new_user'], { screen_lock: {} }],
    ['removing a section not set changes nothing', { screen_lock: {} }, {}, ['browsers'], { screen_lock: {} }],
    [
      'nested objects are replaced whole',
      { remembered_devices: { browser_apps: { enabled: true, max_time_value: 5 } } },
      { remembered_devices: { browser_apps: { enabled: false } } },
      [],
      { remembered_devices: { browser_apps: { enabled: false } } },
    ],
    [
      'blocking a method alone stops it being allowed',
      {},
      { authentication_methods: { blocked_auth_list: ['sms'] } },
      [],
      { authentication_methods: { allowed_auth_list: ['duo-push', 'phonecall'], blocked_auth_list: ['sms'] } },
    ],
    [
      'allowing a method alone stops it being blocked',
      { authentication_methods: { allowed_auth_list: ['duo-push'], blocked_auth_list: ['sms', 'phonecall'] } },
      { authentication_methods: { allowed_auth_list: ['duo-push', 'sms'] } },
      [],
      { authentication_methods: { allowed_auth_list: ['duo-push', 'sms'], blocked_auth_list: ['phonecall'] } },
    ],
  ])('%s', (_name, current, changes, toDelete, want) => {
    const before = structuredClone(current);
    const changesBefore = structuredClone(changes);
    expect(applySectionChanges(current, changes, toDelete, fill)).toEqual(want);
    expect(current).toEqual(before);
    expect(changes).toEqual(changesBefore);
  });

  it('never shares objects with its inputs or the fill', () => {
    const changes = { browsers: { blocked_browsers_list: ['ie'] } };
    const next = applySectionChanges({}, changes, [], fill);
    (next['browsers']!['blocked_browsers_list'] as string[]).push('safari');
    expect(changes.browsers.blocked_browsers_list).toEqual(['ie']);
    const filled = applySectionChanges({}, { browsers: {} }, [], fill);
    (filled['browsers']!['blocked_browsers_list'] as string[]).push('edge');
    expect(defaults['browsers']!['blocked_browsers_list']).toEqual([]);
  });
});

describe('calculatePolicy: each section from the highest layer that sets it', () => {
  const policy = (key: string, sections: Sections, global = false): PolicyRecord => ({ policy_key: key, policy_name: key, is_global_policy: global, sections });
  const G = policy('G', { new_user: { v: 'global' }, browsers: { v: 'global' }, screen_lock: { v: 'global' } }, true);
  const A = policy('A', { new_user: { v: 'app' }, browsers: { v: 'app' } });
  const P = policy('P', { new_user: { v: 'group' } });
  const E = policy('E', {});
  const X = policy('X', { plugins: { v: 'app-only' } });
  const global: PolicyLayer = { policy: G, apply_type: 'global' };
  const app = (p: PolicyRecord): PolicyLayer => ({ policy: p, apply_type: 'app' });
  const group = (p: PolicyRecord): PolicyLayer => ({ policy: p, apply_type: 'group_app', group_id_list: ['DG1'] });

  it.each<[string, PolicyLayer[], Record<string, string>, Record<string, string[]>]>([
    ['global alone', [global], { new_user: 'global', browsers: 'global', screen_lock: 'global' }, { G: ['browsers', 'new_user', 'screen_lock'] }],
    ['an application policy overrides only its sections', [global, app(A)], { new_user: 'app', browsers: 'app', screen_lock: 'global' }, { G: ['screen_lock'], A: ['browsers', 'new_user'] }],
    ['a group policy overrides the application', [global, app(A), group(P)], { new_user: 'group', browsers: 'app', screen_lock: 'global' }, { G: ['screen_lock'], A: ['browsers'], P: ['new_user'] }],
    ['a group policy over the global alone', [global, group(P)], { new_user: 'group', browsers: 'global', screen_lock: 'global' }, { G: ['browsers', 'screen_lock'], P: ['new_user'] }],
    ['an empty policy decides nothing', [global, app(E)], { new_user: 'global', browsers: 'global', screen_lock: 'global' }, { G: ['browsers', 'new_user', 'screen_lock'], E: [] }],
    ['a section only a custom policy sets appears', [global, app(X)], { new_user: 'global', browsers: 'global', screen_lock: 'global', plugins: 'app-only' }, { G: ['browsers', 'new_user', 'screen_lock'], X: ['plugins'] }],
  ])('%s', (_name, layers, want, applied) => {
    const out = calculatePolicy(layers);
    expect(Object.fromEntries(Object.entries(out.sections).map(([k, v]) => [k, v['v']]))).toEqual(want);
    expect(Object.fromEntries(out.policy_elements.map((e) => [e.policy_key, e.applied_sections]))).toEqual(applied);
    expect(out.policy_elements.map((e) => e.apply_type)).toEqual(layers.map((l) => l.apply_type));
  });

  it('reports the group binding and copies settings out', () => {
    const out = calculatePolicy([global, group(P)]);
    expect(out.policy_elements[1]).toMatchObject({ policy_key: 'P', apply_type: 'group_app', group_id_list: ['DG1'], is_global_policy: false });
    out.sections['new_user']!['v'] = 'changed';
    expect(P.sections['new_user']!['v']).toBe('group');
  });
});
