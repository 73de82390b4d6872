import { describe, expect, it } from 'vitest';
import { baselinePlanItems } from '../../src/baselines/baseline-plan-items.js';
import { BaselineDocumentSchema } from '../../src/baselines/baseline-schemas.js';
import { slotStartMs, startBaselineChecksFromEnv } from '../../src/baselines/baseline-scheduler.js';
import { parseBaselineFile } from '../../src/baselines/baseline-service.js';
import { checkWanted } from '../../src/baselines/check-wanted.js';
import { compareBaseline } from '../../src/baselines/compare-baseline.js';
import { nextDriftRows } from '../../src/baselines/next-drift-rows.js';
import { sameDuoValue } from '../../src/baselines/same-duo-value.js';
import { globMatches, selectOrganizations } from '../../src/baselines/select-organizations.js';
import { HubError } from '../../src/errors/hub-error.js';

describe('sameDuoValue: Duo spellings of one value are one value', () => {
  it.each([
    [true, true, true],
    [true, '1', true],
    [true, 1, true],
    [true, 'true', true],
    [false, '0', true],
    [false, 0, true],
    [false, 'false', true],
    [false, '1', false],
    [true, 'yes', false],
    [true, null, false],
    [10, '10', true],
    [10, 10, true],
    [10, '10.0', true],
    [10, '9', false],
    [0, '', false],
    [0, null, false],
    [20.5, '20.5', true],
    ['allow', 'allow', true],
    ['allow', 'deny', false],
    ['EN', 'en', false],
    ['10', 10, true],
    ['1', true, true],
    ['', null, false],
    [null, null, true],
    [null, undefined, true],
    [null, '', false],
    [['sms', 'duo-push'], ['duo-push', 'sms'], true],
    [['sms', 'duo-push'], ['duo-push'], false],
    [['sms', 'sms'], ['sms', 'duo-push'], false],
    [[], [], true],
    [{ enabled: false }, { enabled: '0', remember_method: 'user-based' }, true],
    [{ enabled: true }, { enabled: false }, false],
    [{ a: { b: 1 } }, { a: { b: '1' } }, true],
    [{ a: 1 }, 'x', false],
  ])('wanted %j, actual %j -> %j', (wanted, actual, same) => expect(sameDuoValue(wanted, actual)).toBe(same));
});

describe('compareBaseline', () => {
  const wanted = {
    settings: { lockout_threshold: 10, password_requires_numeric: true, helpdesk_bypass: 'deny', caller_id: '' },
    policies: { global: { new_user: { new_user_behavior: 'deny' }, authentication_methods: { blocked_auth_list: ['sms'] } } },
  };
  it.each([
    ['Duo spellings of the wanted values: no drift', { lockout_threshold: '10', password_requires_numeric: '1', helpdesk_bypass: 'deny', caller_id: '' }, { new_user: { new_user_behavior: 'deny' }, authentication_methods: { blocked_auth_list: ['sms'], allowed_auth_list: ['duo-push'] } }, []],
    ['one setting differs', { lockout_threshold: 5, password_requires_numeric: 1, helpdesk_bypass: 'deny', caller_id: '' }, { new_user: { new_user_behavior: 'deny' }, authentication_methods: { blocked_auth_list: ['sms'] } }, [{ field: 'settings.lockout_threshold', wanted: 10, actual: 5 }]],
    ['a boolean as "0"', { lockout_threshold: 10, password_requires_numeric: '0', helpdesk_bypass: 'deny', caller_id: '' }, { new_user: { new_user_behavior: 'deny' }, authentication_methods: { blocked_auth_list: ['sms'] } }, [{ field: 'settings.password_requires_numeric', wanted: true, actual: '0' }]],
    ['a setting Duo did not answer is null', { lockout_threshold: 10, password_requires_numeric: true, helpdesk_bypass: 'deny' }, { new_user: { new_user_behavior: 'deny' }, authentication_methods: { blocked_auth_list: ['sms'] } }, [{ field: 'settings.caller_id', wanted: '', actual: null }]],
    ['policy section missing and a list differs', { lockout_threshold: 10, password_requires_numeric: true, helpdesk_bypass: 'deny', caller_id: '' }, { authentication_methods: { blocked_auth_list: [] } }, [
      { field: 'policies.global.new_user.new_user_behavior', wanted: 'deny', actual: null },
      { field: 'policies.global.authentication_methods.blocked_auth_list', wanted: ['sms'], actual: [] },
    ]],
  ])('%s', (_what, settings, sections, drift) => {
    expect(compareBaseline(wanted, { settings, globalPolicySections: sections })).toEqual(drift);
  });

  it('reads no policy when none is wanted', () => {
    expect(compareBaseline({ settings: { sms_batch: 2 } }, { settings: { sms_batch: '2' } })).toEqual([]);
  });
});

describe('nextDriftRows keeps since while the same actual value persists', () => {
  const T0 = '2026-12-01T00:00:00.000Z';
  const T1 = '2026-12-02T00:00:00.000Z';
  const row = (field: string, actual: unknown, since: string) => ({ baseline_id: 'b', organization_id: 'o', field, wanted: '10', actual: JSON.stringify(actual), since });
  it.each([
    ['new drift: since now, newly drifted', [], [{ field: 'f', wanted: 10, actual: 5 }], [T1], ['f']],
    ['same value again: since kept, not new', [row('f', 5, T0)], [{ field: 'f', wanted: 10, actual: 5 }], [T0], []],
    ['same value spelled differently: since kept', [row('f', 5, T0)], [{ field: 'f', wanted: 10, actual: '5' }], [T0], []],
    ['another wrong value: since reset, not new', [row('f', 5, T0)], [{ field: 'f', wanted: 10, actual: 6 }], [T1], []],
    ['null persists', [row('f', null, T0)], [{ field: 'f', wanted: 10, actual: null }], [T0], []],
    ['matches again: no row', [row('f', 5, T0)], [], [], []],
  ])('%s', (_what, previous, drift, sinces, fresh) => {
    const next = nextDriftRows('b', 'o', previous, drift, T1);
    expect(next.rows.map((r) => r.since)).toEqual(sinces);
    expect(next.newlyDrifted.map((d) => d.field)).toEqual(fresh);
  });
});

describe('selectors', () => {
  const orgs = [
    { id: 'o1', name: 'Acme Corp', tags: ['managed', 'eu'] },
    { id: 'o2', name: 'Acme Labs', tags: ['managed'] },
    { id: 'o3', name: 'Globex', tags: [] },
  ];
  it.each([
    [{ all: true as const }, ['o1', 'o2', 'o3']],
    [{ organization_ids: ['o3', 'gone'] }, ['o3']],
    [{ tags: ['eu'] }, ['o1']],
    [{ tags: ['managed', 'none'] }, ['o1', 'o2']],
    [{ name_pattern: 'acme*' }, ['o1', 'o2']],
    [{ name_pattern: 'acme l???' }, ['o2']],
    [{ name_pattern: 'glob' }, []],
  ])('%j -> %j', (selector, ids) => expect(selectOrganizations(selector, orgs).map((o) => o.id)).toEqual(ids));

  it.each([
    ['a.b*', 'A.B and more', true],
    ['a.b*', 'axb', false],
    ['(x)?', '(x)1', true],
    ['*', '', true],
  ])('glob %j on %j -> %j', (p, name, hit) => expect(globMatches(p, name)).toBe(hit));

  it('a selector gives exactly one way', () => {
    const doc = (selector: unknown) => BaselineDocumentSchema.safeParse({ name: 'x', selector, wanted: { settings: { sms_batch: 1 } } }).success;
    expect(doc({ all: true })).toBe(true);
    expect(doc({ all: true, tags: ['a'] })).toBe(false);
    expect(doc({})).toBe(false);
    expect(doc({ tags: [] })).toBe(false);
    expect(doc({ all: false })).toBe(false);
  });
});

describe('checkWanted names the field', () => {
  it.each([
    [{ settings: { lockout_threshold: 10 } }, []],
    [{ settings: { no_such_setting: 1 } }, ['wanted.settings.no_such_setting']],
    [{ settings: { lockout_threshold: '10' } }, ['wanted.settings.lockout_threshold']],
    [{ settings: { lockout_threshold: 0 } }, ['wanted.settings.lockout_threshold']],
    [{ settings: { helpdesk_bypass: 'sometimes' } }, ['wanted.settings.helpdesk_bypass']],
    [{ settings: { push_enabled: true } }, ['wanted.settings.push_enabled']],
    [{ settings: { name: 'Acme' } }, ['wanted.settings.name']],
    [{ settings: { keypress_confirm: '' } }, ['wanted.settings.keypress_fraud']],
    [{ settings: { keypress_confirm: '', keypress_fraud: '' } }, []],
    [{ settings: {} }, ['wanted']],
    [{ settings: {}, policies: { global: { new_user: { new_user_behavior: 'deny' } } } }, []],
    [{ settings: {}, policies: { global: { 'New User': { a: 1 } } } }, ['wanted.policies.global.New User']],
    [{ settings: {}, policies: { global: { new_user: {} } } }, ['wanted.policies.global.new_user', 'wanted']],
  ])('%j -> %j', (wanted, fields) => expect(checkWanted(wanted as never).map((i) => i.field)).toEqual(fields));
});

describe('baselinePlanItems', () => {
  const wanted = {
    settings: { lockout_threshold: 10, sms_batch: 2, keypress_confirm: '#', keypress_fraud: '*' },
    policies: { global: { new_user: { new_user_behavior: 'deny' }, screen_lock: { require_screen_lock: true } } },
  };
  it('one settings.update with only the drifted settings, one policies.update with only the drifted policy settings', () => {
    const items = baselinePlanItems(wanted, [
      { id: 'o1', name: 'Acme', fields: ['settings.lockout_threshold', 'policies.global.new_user.new_user_behavior'] },
      { id: 'o2', name: 'Globex', fields: ['settings.keypress_fraud'] },
      { id: 'o3', name: 'Initech', fields: ['settings.gone_from_baseline'] },
    ]);
    expect(items).toEqual([
      { organizationId: 'o1', actionId: 'settings.update', target: 'Acme', targetId: null, input: { lockout_threshold: 10 } },
      { organizationId: 'o1', actionId: 'policies.update', target: 'Acme: global policy', targetId: 'global', input: { policy_key: 'global', sections: { new_user: { new_user_behavior: 'deny' } } } },
      // Duo clears the keypress pair together, so the pair travels together.
      { organizationId: 'o2', actionId: 'settings.update', target: 'Globex', targetId: null, input: { keypress_fraud: '*', keypress_confirm: '#' } },
    ]);
  });
});

describe('baseline files', () => {
  it('YAML and JSON read to the same document', () => {
    const yaml = 'name: fleet\nselector:\n  tags: [managed]\nwanted:\n  settings:\n    lockout_threshold: 10\n    sms_refresh: true\ncheck_every: 6h\n';
    const json = JSON.stringify({ name: 'fleet', selector: { tags: ['managed'] }, wanted: { settings: { lockout_threshold: 10, sms_refresh: true } }, check_every: '6h' });
    expect(parseBaselineFile(yaml, 'yaml')).toEqual(parseBaselineFile(json, 'json'));
  });

  it.each([
    ['name: [unclosed', 'yaml', ''],
    ['{"name":', 'json', ''],
    ['name: x\nselector: {all: true}\nwanted: {settings: {}}\ncheck_every: 10s\n', 'yaml', 'check_every'],
    ['name: x\nselector: {all: true}\nwanted: {settings: {}}\nextra: 1\n', 'yaml', 'extra'],
  ] as const)('%j (%s) is validation_failed naming %j', (text, format, field) => {
    let error: unknown;
    try {
      parseBaselineFile(text, format);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).code).toBe('validation_failed');
    expect(((error as HubError).details as Array<{ field: string }>).map((d) => d.field)).toContain(field);
  });
});

describe('schedule slots', () => {
  it.each([
    [Date.UTC(2026, 11, 5, 13, 17), 6 * 3_600_000, Date.UTC(2026, 11, 5, 12)],
    [Date.UTC(2026, 11, 5, 12), 6 * 3_600_000, Date.UTC(2026, 11, 5, 12)],
    [Date.UTC(2026, 11, 5, 0, 59, 59), 3_600_000, Date.UTC(2026, 11, 5, 0)],
  ])('%d in %d ms slots starts at %d', (now, interval, start) => expect(slotStartMs(now, interval)).toBe(start));
});

describe('startBaselineChecksFromEnv', () => {
  it('off starts nothing; a bad interval is refused naming the variable', async () => {
    const stopped = await startBaselineChecksFromEnv({} as never, { DUOHUB_BASELINE_POLL: 'off' });
    await stopped.stop();
    await expect(startBaselineChecksFromEnv({} as never, { DUOHUB_BASELINE_POLL: 'often' })).rejects.toThrow(/DUOHUB_BASELINE_POLL/);
  });
});
