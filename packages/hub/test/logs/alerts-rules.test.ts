import { describe, expect, it } from 'vitest';
import { ALERT_RULES, denialBurstTriggers, type EventRule, type RuleEvent } from '../../src/logs/alerts/alert-rules.js';
import { effectiveRuleSettings, FLEET_SCOPE, type RuleScopeSettings, type RuleSettingsMap } from '../../src/logs/alerts/alert-rule-settings.js';
import { toRuleEvent } from '../../src/logs/alerts/evaluate-alerts.js';
import { adminEvent, authEvent, telephonyEvent, trustMonitorEvent, type EventOwner } from './support/scripted-events.js';

const owner: EventOwner = { integrationId: 'int_1', accountId: 'DA1', organizationId: 'org_1' };
const T = Date.UTC(2026, 10, 2, 9, 0, 0);
const at = (minutes: number) => T + minutes * 60_000;

/**
 * A scripted day of one account: every default rule's trigger, surrounded by look-alikes that must
 * not fire (same action with another status, a neighbouring action, the other log types).
 */
const SCRIPT = {
  // Around the triggers: ordinary traffic.
  login: authEvent(owner, at(0), 'alice', 'success'),
  deny: authEvent(owner, at(1), 'alice', 'denied'),
  telephony: telephonyEvent(owner, at(2)),
  activeUpdate: adminEvent(owner, at(3), 'user_update', 'bob', { status: 'Active' }),
  disabledUpdate: adminEvent(owner, at(4), 'user_update', 'bob', { status: 'Disabled' }),
  phonesUpdate: adminEvent(owner, at(5), 'user_update', 'bob', { phones: '' }),
  bypassView: adminEvent(owner, at(6), 'bypass_view', 'bob', { user_id: 'DU1', bypass_code_id: 'DB1' }),
  bypassDelete: adminEvent(owner, at(7), 'bypass_delete', 'bob', { user_id: 'DU1' }),
  adminLogin: adminEvent(owner, at(8), 'admin_login', null, { ip_address: '198.51.100.9', factor: 'duo_push' }),
  adminPhone: adminEvent(owner, at(9), 'admin_update', 'Ada Admin', { phone: '+15555550100' }),
  adminReadOnly: adminEvent(owner, at(10), 'admin_update', 'Rae', { role: 'Read-only' }),
  integrationUpdate: adminEvent(owner, at(11), 'integration_update', 'VPN', { name: 'VPN 2' }),
  integrationDelete: adminEvent(owner, at(12), 'integration_delete', 'Old app', null),
  groupUpdate: adminEvent(owner, at(13), 'group_update', 'Staff', { desc: 'x' }),
  error: authEvent(owner, at(14), 'carol', 'error', 'error'),
  // The triggers, one per default event rule.
  bypassCreate: adminEvent(owner, at(20), 'bypass_create', 'bob', { bypass: '', count: 1, valid_secs: 3600, auto_generated: true, remaining_uses: 1, user_id: 'DU1', bypass_code_ids: ['DB2'] }),
  bypassStatus: adminEvent(owner, at(21), 'user_update', 'bob', { status: 'Bypass' }),
  fraud: authEvent(owner, at(22), 'dave', 'fraud', 'user_marked_fraud'),
  adminCreate: adminEvent(owner, at(23), 'admin_create', 'Eve New', { name: 'Eve New', email: 'eve@example.com', role: 'Owner', status: 'Pending Activation' }),
  adminRaise: adminEvent(owner, at(24), 'admin_update', 'Rae', { role: 'Administrator' }),
  policyUpdate: adminEvent(owner, at(25), 'policy_update', 'Global Policy', { allow_factor_sms: false }),
  settingsUpdate: adminEvent(owner, at(26), 'customer_update', null, { lockout_threshold: 20 }),
  integrationCreate: adminEvent(owner, at(27), 'integration_create', 'Admin API 2', { type: 'Admin API', name: 'Admin API 2' }),
  skeyView: adminEvent(owner, at(28), 'integration_skey_view', 'VPN', null),
  trustMonitor: trustMonitorEvent(owner, at(29), 'auth', 'frank'),
};

/** For each event rule: the script entries it fires on. */
const EXPECTED: Record<string, Array<keyof typeof SCRIPT>> = {
  bypass_code_created: ['bypassCreate'],
  user_status_bypass: ['bypassStatus'],
  push_marked_fraud: ['fraud'],
  admin_privilege_granted: ['adminCreate', 'adminRaise'],
  policy_or_settings_changed: ['policyUpdate', 'settingsUpdate'],
  integration_created_or_secret_viewed: ['integrationCreate', 'skeyView'],
  trust_monitor_event: ['trustMonitor'],
};

const events = Object.entries(SCRIPT).map(([name, row]) => ({ name: name as keyof typeof SCRIPT, event: toRuleEvent(row) }));
const eventRules = ALERT_RULES.filter((r): r is EventRule => r.kind === 'event');

describe('default alert rules over a scripted day (pure)', () => {
  it('every default event rule has a row in the table', () => {
    expect(eventRules.map((r) => r.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(ALERT_RULES.filter((r) => r.kind === 'rate').map((r) => r.id)).toEqual(['repeated_denials']);
  });

  it.each(Object.entries(EXPECTED))('%s fires exactly on %j and on nothing around it', (ruleId, expected) => {
    const rule = eventRules.find((r) => r.id === ruleId)!;
    const fired = events.filter(({ event }) => rule.logTypes.includes(event.log_type as never) && rule.match(event) !== undefined).map((e) => e.name);
    expect(fired).toEqual(expected);
    // Once per event: the dedupe key is the event's own id.
    for (const name of expected) expect(rule.match(events.find((e) => e.name === name)!.event)!.dedupeKey).toBe(SCRIPT[name].id);
  });

  it('titles name who did what to whom, and details never copy Duo descriptions whole', () => {
    const bypass = eventRules.find((r) => r.id === 'bypass_code_created')!.match(toRuleEvent(SCRIPT.bypassCreate))!;
    expect(bypass.title).toBe('Bypass code created for bob by Ada Admin');
    expect(bypass.details).toEqual({ action: 'bypass_create', object: 'bob', actor: 'Ada Admin', count: 1, valid_secs: 3600 });
    expect(JSON.stringify(bypass.details)).not.toContain('bypass_code_ids');
    const raised = eventRules.find((r) => r.id === 'admin_privilege_granted')!.match(toRuleEvent(SCRIPT.adminRaise))!;
    expect(raised.title).toBe('Administrator Rae given the Administrator role by Ada Admin');
  });

  it('reads the action from event_type or from Duo row, and descriptions that are not JSON', () => {
    const withoutColumn: RuleEvent = { ...toRuleEvent(SCRIPT.policyUpdate), event_type: null };
    expect(eventRules.find((r) => r.id === 'policy_or_settings_changed')!.match(withoutColumn)).toBeDefined();
    const plain = toRuleEvent(adminEvent(owner, at(40), 'user_update', 'bob', 'changed some things'));
    expect(eventRules.find((r) => r.id === 'user_status_bypass')!.match(plain)).toBeUndefined();
    const lowercase = toRuleEvent(adminEvent(owner, at(41), 'user_update', 'bob', { status: 'bypass' }));
    expect(eventRules.find((r) => r.id === 'user_status_bypass')!.match(lowercase)).toBeDefined();
  });
});

describe('repeated denials: N in M minutes (pure)', () => {
  const params = { threshold: 5, window_minutes: 10 };
  const d = (id: string, minutes: number) => ({ id, occurred_at: at(minutes) });
  const rule = ALERT_RULES.find((r) => r.id === 'repeated_denials')!;

  it('counts denied and failed authentications of a named user, nothing else', () => {
    if (rule.kind !== 'rate') throw new Error('rate rule expected');
    expect(rule.counts(toRuleEvent(authEvent(owner, at(0), 'a', 'denied')))).toBe(true);
    expect(rule.counts(toRuleEvent(authEvent(owner, at(0), 'a', 'FAILURE')))).toBe(true);
    for (const result of ['success', 'fraud', 'error']) expect(rule.counts(toRuleEvent(authEvent(owner, at(0), 'a', result)))).toBe(false);
    expect(rule.counts(toRuleEvent(adminEvent(owner, at(0), 'admin_login_error', null, null)))).toBe(false);
  });

  it.each([
    ['4 denials in 10 minutes: none', [0, 2, 4, 6], []],
    ['5 in 10 minutes: the 5th', [0, 2, 4, 6, 8], ['d4']],
    ['5 spread over 12 minutes: none', [0, 3, 6, 9, 12], []],
    ['a 6th and 7th right after: still one', [0, 1, 2, 3, 4, 5, 6], ['d4']],
    ['a second burst after a quiet window: fires again', [0, 1, 2, 3, 4, 30, 31, 32, 33, 34], ['d4', 'd9']],
    ['a long steady stream: about once per window', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], ['d4', 'd14']],
  ] as const)('%s', (_name, minutes, expected) => {
    const denials = minutes.map((m, i) => d(`d${i}`, m));
    expect(denialBurstTriggers(denials, at(0), [], params).map((t) => t.id)).toEqual(expected);
  });

  it('is the same whichever denial is being evaluated, and never fires twice for one burst', () => {
    const denials = [0, 1, 2, 3, 4, 5].map((m, i) => d(`d${i}`, m));
    // Evaluating d4 fires d4; evaluating d5 afterwards, with d4's alert stored, fires nothing.
    expect(denialBurstTriggers(denials, at(4), [], params).map((t) => t.id)).toEqual(['d4']);
    expect(denialBurstTriggers(denials, at(5), [at(4)], params)).toEqual([]);
    // Evaluated out of order (d5 first, d4 stored late): d5 is the 5th in its window, and d4 adds nothing after.
    expect(denialBurstTriggers(denials.filter((x) => x.id !== 'd4'), at(5), [], params).map((t) => t.id)).toEqual(['d5']);
    expect(denialBurstTriggers(denials, at(4), [at(5)], params)).toEqual([]);
  });

  it('honours N and M', () => {
    const denials = [0, 1, 2].map((m, i) => d(`d${i}`, m));
    expect(denialBurstTriggers(denials, at(0), [], { threshold: 3, window_minutes: 5 }).map((t) => t.id)).toEqual(['d2']);
    expect(denialBurstTriggers(denials, at(0), [], { threshold: 3, window_minutes: 2 })).toEqual([]);
  });
});

describe('rule settings: organization over fleet over defaults (pure)', () => {
  const rate = ALERT_RULES.find((r) => r.id === 'repeated_denials')!;
  const fraud = ALERT_RULES.find((r) => r.id === 'push_marked_fraud')!;
  const settings: RuleSettingsMap = new Map([
    [
      'repeated_denials',
      new Map<string, RuleScopeSettings>([
        [FLEET_SCOPE, { enabled: null, params: { threshold: 8 } }],
        ['org_quiet', { enabled: false, params: null }],
        ['org_tight', { enabled: null, params: { threshold: 3, window_minutes: 2 } }],
      ]),
    ],
    [
      'push_marked_fraud',
      new Map<string, RuleScopeSettings>([
        [FLEET_SCOPE, { enabled: false, params: null }],
        ['org_keen', { enabled: true, params: null }],
      ]),
    ],
  ]);

  it.each([
    ['no settings', new Map(), rate, 'org_x', { enabled: true, params: { threshold: 5, window_minutes: 10 } }],
    ['fleet threshold', settings, rate, 'org_x', { enabled: true, params: { threshold: 8, window_minutes: 10 } }],
    ['fleet threshold, unmapped account', settings, rate, null, { enabled: true, params: { threshold: 8, window_minutes: 10 } }],
    ['organization off', settings, rate, 'org_quiet', { enabled: false, params: { threshold: 8, window_minutes: 10 } }],
    ['organization N and M', settings, rate, 'org_tight', { enabled: true, params: { threshold: 3, window_minutes: 2 } }],
    ['fleet off', settings, fraud, 'org_x', { enabled: false, params: null }],
    ['fleet off, organization on', settings, fraud, 'org_keen', { enabled: true, params: null }],
  ] as const)('%s', (_name, map, rule, org, expected) => {
    expect(effectiveRuleSettings(map as RuleSettingsMap, rule, org)).toEqual(expected);
  });
});
