import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expandScopes, scopeSatisfies } from '../../src/access/scopes.js';
import { findAction } from '../../src/actions/catalog.js';
import { defineAction } from '../../src/actions/define-action.js';
import { fillUserInput, isPerUserAction, userFieldsOf, type PlanUser } from '../../src/bulk/action-user-fields.js';
import { bulkPlanBody, type BulkPlanFlags } from '../../src/bulk/bulk-plan-body.js';
import { bulkReportCsv } from '../../src/bulk/bulk-run-report.js';
import { canonicalJson } from '../../src/json/canonical-json.js';
import { computePlanHash } from '../../src/bulk/compute-plan-hash.js';
import { filterPlanUsers } from '../../src/bulk/filter-plan-users.js';
import { matchNamePattern } from '../../src/bulk/match-name-pattern.js';
import { matchPlanUsers, uniqueNames } from '../../src/bulk/match-plan-users.js';
import { parseUserCsv } from '../../src/bulk/parse-user-csv.js';
import { selectBulkOrganizations, type PlanOrganization } from '../../src/bulk/select-bulk-organizations.js';
import { summarizeBulkRun } from '../../src/bulk/summarize-bulk-run.js';
import { HubError } from '../../src/errors/hub-error.js';

const org = (id: string, name: string, tags: string[] = [], mapped = true): PlanOrganization => ({
  id,
  name,
  tags,
  integrationId: mapped ? 'int_1' : null,
  duoAccountId: mapped ? `DA${id}` : null,
});
const ORGS = [
  org('org_1', 'ACME Corporation', ['eu', 'gold']),
  org('org_2', 'Acme Labs', ['eu']),
  org('org_3', 'Globex', ['us']),
  org('org_4', 'Initech', ['eu'], false),
  org('org_5', 'acme west', []),
];
const names = (orgs: PlanOrganization[]) => orgs.map((o) => o.name);
const errorOf = (fn: () => unknown): HubError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof HubError) return error;
    throw error;
  }
  throw new Error('did not throw');
};

describe('matchNamePattern', () => {
  it.each([
    ['ACME*', 'acme labs', true],
    ['acme*', 'ACME Corporation', true],
    ['*labs', 'Acme Labs', true],
    ['Acme ?abs', 'Acme Labs', true],
    ['Acme ?abs', 'Acme Flabs', false],
    ['acme', 'acme labs', false],
    ['a.c*', 'abc', false],
    ['a.c*', 'a.cme', true],
    ['(x)+', '(x)+', true],
    ['*', '', true],
  ])('%s vs %s -> %s', (pattern, name, expected) => {
    expect(matchNamePattern(pattern, name)).toBe(expected);
  });
});

describe('selectBulkOrganizations', () => {
  it.each<[string, Parameters<typeof selectBulkOrganizations>[1], string[]]>([
    ['all, mapped only, by name', { all: true }, ['Acme Labs', 'acme west', 'ACME Corporation', 'Globex']],
    ['ids and names (case-insensitive, normalized)', { ids: ['org_3', 'acme corp'] }, ['ACME Corporation', 'Globex']],
    ['tags: any of them', { tags: ['gold', 'us'] }, ['ACME Corporation', 'Globex']],
    ['pattern', { name_pattern: 'acme*' }, ['Acme Labs', 'acme west', 'ACME Corporation']],
    ['union of tags and pattern', { tags: ['us'], name_pattern: '*labs' }, ['Acme Labs', 'Globex']],
  ])('%s', (_label, selector, expected) => {
    const got = selectBulkOrganizations(ORGS, selector, null);
    expect(names(got.organizations).sort()).toEqual([...expected].sort());
  });

  it('orders by name and lists unmapped organizations as skipped in the notes', () => {
    const got = selectBulkOrganizations(ORGS, { tags: ['eu'] }, null);
    expect(names(got.organizations)).toEqual(['ACME Corporation', 'Acme Labs']);
    expect(names(got.skipped)).toEqual(['Initech']);
    expect(got.notes.join(' ')).toMatch(/Skipped 1 unmapped organization .*Initech/);
  });

  it('notes tags and patterns that match nothing', () => {
    const got = selectBulkOrganizations(ORGS, { tags: ['nope'], name_pattern: 'zzz*' }, null);
    expect(got.organizations).toEqual([]);
    expect(got.notes).toEqual(['Tag "nope" matches no organization.', 'Name pattern "zzz*" matches no organization.', 'No organization matched the selector.']);
  });

  it('unlimited: an unknown name is validation_failed with a suggestion', () => {
    const e = errorOf(() => selectBulkOrganizations(ORGS, { ids: ['Globx'] }, null));
    expect(e.code).toBe('validation_failed');
    expect(JSON.stringify(e.details)).toContain('Did you mean');
    expect(JSON.stringify(e.details)).toContain('organizations.ids');
  });

  it('an ambiguous normalized name lists the candidates', () => {
    const orgs = [org('org_a', 'Acme Corp'), org('org_b', 'ACME Corporation Inc')];
    const e = errorOf(() => selectBulkOrganizations(orgs, { ids: ['acme'] }, null));
    expect(e.code).toBe('validation_failed');
    expect(JSON.stringify(e.details)).toMatch(/matches 2 organizations.*org_a.*org_b/);
  });

  it.each<[string, Parameters<typeof selectBulkOrganizations>[1], string[] | 'forbidden']>([
    ['all means all of its own', { all: true }, ['ACME Corporation']],
    ['tags range over its own', { tags: ['eu'] }, ['ACME Corporation']],
    ['patterns range over its own', { name_pattern: '*' }, ['ACME Corporation']],
    ['another organization by id', { ids: ['org_3'] }, 'forbidden'],
    ['another organization by name', { ids: ['Globex'] }, 'forbidden'],
    ['an organization that does not exist', { ids: ['Nowhere'] }, 'forbidden'],
    ['its own by name', { ids: ['acme corporation'] }, ['ACME Corporation']],
  ])('limited to org_1: %s', (_label, selector, expected) => {
    if (expected === 'forbidden') {
      expect(errorOf(() => selectBulkOrganizations(ORGS, selector, ['org_1'])).code).toBe('forbidden');
      return;
    }
    const got = selectBulkOrganizations(ORGS, selector, ['org_1']);
    expect(names(got.organizations)).toEqual(expected);
    expect(JSON.stringify(got.notes)).not.toContain('Initech');
  });
});

const user = (username: string, extra: Partial<PlanUser> = {}): PlanUser => ({
  user_id: `DU${username.toUpperCase().padEnd(18, 'X')}`,
  username,
  email: `${username}@example.com`,
  status: 'active',
  last_login: null,
  aliases: [],
  ...extra,
});

describe('filterPlanUsers', () => {
  const now = Date.UTC(2026, 0, 31);
  const day = 86_400;
  const users = [
    user('active-recent', { last_login: now / 1000 - 2 * day }),
    user('active-old', { last_login: now / 1000 - 100 * day }),
    user('never'),
    user('bypassed', { status: 'bypass', last_login: now / 1000 }),
    user('locked', { status: 'locked out', last_login: now / 1000 }),
    user('off', { status: 'disabled', last_login: now / 1000 - 30 * day }),
  ];
  it.each<[Parameters<typeof filterPlanUsers>[1], number | undefined, string[]]>([
    ['bypass', undefined, ['bypassed']],
    ['locked_out', undefined, ['locked']],
    ['disabled', undefined, ['off']],
    ['inactive', undefined, ['active-old', 'never']],
    ['inactive', 20, ['active-old', 'never', 'off']],
    ['inactive', 200, ['never']],
    ['all', undefined, users.map((u) => u.username)],
  ])('%s (days %s)', (query, days, expected) => {
    expect(filterPlanUsers(users, query, { nowMs: now, inactiveDays: days }).map((u) => u.username)).toEqual(expected);
  });
});

describe('matchPlanUsers', () => {
  const users = [user('alice', { aliases: ['ally'] }), user('bob', { email: 'shared@x.io' }), user('carl', { email: 'shared@x.io' }), user('dora', { email: null })];
  it.each<[string[], string[], string[], string[]]>([
    [['alice'], ['alice'], ['alice'], []],
    [['ALICE', 'Ally', 'alice@example.com'], ['alice'], ['ALICE', 'Ally', 'alice@example.com'], []],
    [['shared@x.io'], [], [], ['shared@x.io']],
    [['nobody', 'dora'], ['dora'], ['dora'], []],
    [[' bob '], ['bob'], [' bob '], []],
  ])('%j', (wanted, usernames, found, ambiguous) => {
    const got = matchPlanUsers(users, wanted);
    expect(got.users.map((u) => u.username)).toEqual(usernames);
    expect(got.found).toEqual(found);
    expect(got.ambiguous.map((a) => a.name)).toEqual(ambiguous);
  });
  it('uniqueNames drops blanks and repeats ignoring case', () => {
    expect(uniqueNames(['a', 'A ', '', ' b', 'b'])).toEqual(['a', 'b']);
  });
});

describe('parseUserCsv', () => {
  it.each<[string, string, string[] | 'error']>([
    ['one per line', 'alice\nbob@x.io\n\n', ['alice', 'bob@x.io']],
    ['CRLF and BOM', '\uFEFFalice\r\nbob\r\n', ['alice', 'bob']],
    ['header username', 'Dept,Username\nSales,alice\nOps,"bob, jr"\n', ['alice', 'bob, jr']],
    ['header email', 'name,email\nA,a@x.io\nB,b@x.io', ['a@x.io', 'b@x.io']],
    ['username with email fallback', 'username,email\nalice,a@x.io\n,b@x.io\n', ['alice', 'b@x.io']],
    ['quoted quotes', 'username\n"a""b"\n', ['a"b']],
    ['several columns without a header', 'alice,Sales\nbob,Ops', 'error'],
    ['empty', '\n\n', []],
  ])('%s', (_label, text, expected) => {
    if (expected === 'error') {
      const e = errorOf(() => parseUserCsv(text));
      expect(e.code).toBe('validation_failed');
      expect(JSON.stringify(e.details)).toContain('users.csv');
      return;
    }
    expect(parseUserCsv(text)).toEqual(expected);
  });
});

describe('per-user actions and filling inputs', () => {
  const alice = user('alice');
  it.each([
    ['users.enroll', ['username', 'email'], true],
    ['users.update', ['user_id', 'username', 'email'], true],
    ['bypass_codes.create_for_user', ['user_id', 'username', 'email'], true],
    ['settings.get', [], false],
    ['groups.list', [], false],
  ])('%s accepts %j (per user: %s)', (id, fields, perUser) => {
    const action = findAction(id)!;
    expect(userFieldsOf(action)).toEqual(fields);
    expect(isPerUserAction(action)).toBe(perUser);
  });

  it.each<[string, Record<string, unknown>, PlanUser, Record<string, unknown> | 'invalid']>([
    ['users.enroll', {}, alice, { username: 'alice', email: 'alice@example.com' }],
    ['users.enroll', { valid_secs: 3600 }, alice, { username: 'alice', email: 'alice@example.com', valid_secs: 3600 }],
    ['users.enroll', {}, user('noemail', { email: null }), 'invalid'],
    ['users.enroll', { email: 'fixed@example.com' }, alice, { username: 'alice', email: 'fixed@example.com' }],
    ['users.update', { status: 'bypass' }, alice, { user_id: alice.user_id, status: 'bypass' }],
    ['bypass_codes.create_for_user', { count: 2 }, alice, { user_id: alice.user_id, count: 2 }],
    ['bypass_codes.create_for_user', { count: 2, username: 'given' }, alice, { username: 'given', count: 2 }],
  ])('%s with %j', (id, template, who, expected) => {
    const got = fillUserInput(findAction(id)!, template, who);
    if (expected === 'invalid') {
      expect('issues' in got && got.issues.some((i) => i.field === 'input.email')).toBe(true);
      return;
    }
    expect(got).toEqual({ input: expected });
  });

  it('looks through pipes to the object shape', () => {
    const piped = defineAction({
      id: 'test.piped',
      title: 't',
      description: 't',
      api: 'admin',
      resource: 'test',
      idempotent: true,
      input: z.strictObject({ username: z.string() }).transform((v) => v),
      output: z.unknown(),
      run: async () => null,
    });
    expect(isPerUserAction(piped)).toBe(true);
    expect(fillUserInput(piped, {}, alice)).toEqual({ input: { username: 'alice' } });
  });
});

describe('plan hash', () => {
  const item = { seq: 1, organizationId: 'org_1', actionId: 'users.update', targetId: 'DU1', input: { user_id: 'DU1', status: 'bypass' } };
  it('canonical JSON sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: undefined, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"x":2,"z":1}]},"b":1}');
  });
  it('does not depend on key order or item order, and changes with anything that changes a call', () => {
    const base = computePlanHash([item, { ...item, seq: 2, targetId: 'DU2', input: { user_id: 'DU2', status: 'bypass' } }]);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(computePlanHash([{ ...item, seq: 2, targetId: 'DU2', input: { status: 'bypass', user_id: 'DU2' } }, { ...item, input: { status: 'bypass', user_id: 'DU1' } }])).toBe(base);
    for (const change of [{ seq: 3 }, { organizationId: 'org_2' }, { actionId: 'users.delete' }, { targetId: 'DU9' }, { input: { user_id: 'DU1', status: 'active' } }]) {
      expect(computePlanHash([{ ...item, ...change }, { ...item, seq: 2, targetId: 'DU2', input: { user_id: 'DU2', status: 'bypass' } }])).not.toBe(base);
    }
  });
});

describe('scopes', () => {
  it.each<[string[], string, boolean]>([
    [['admin'], 'approve', true],
    [['operate'], 'approve', false],
    [['read'], 'approve', false],
    [['approve'], 'approve', true],
    [['approve'], 'read', true],
    [['approve'], 'operate', false],
    [['read', 'approve'], 'admin', false],
    [['operate'], 'read', true],
  ])('%j satisfies %s: %s', (granted, needed, expected) => {
    expect(scopeSatisfies(granted, needed as never)).toBe(expected);
  });
  it('expands ranked scopes as before and lists approve only when granted', () => {
    expect(expandScopes(['admin'])).toEqual(['read', 'operate', 'admin']);
    expect(expandScopes(['approve'])).toEqual(['read', 'approve']);
    expect(expandScopes(['operate', 'approve'])).toEqual(['read', 'operate', 'approve']);
  });
});

describe('bulkPlanBody (CLI flags)', () => {
  const flags = (extra: Partial<BulkPlanFlags>): BulkPlanFlags => ({ action: 'users.update', orgIds: [], allOrgs: false, tags: [], userNames: [], set: [], requireApproval: false, dryRun: false, ...extra });
  it.each<[Partial<BulkPlanFlags>, Record<string, unknown> | string]>([
    [{ allOrgs: true, users: 'locked-out', set: ['status=active', 'notes=x=y'] }, { action_id: 'users.update', organizations: { all: true }, users: { query: 'locked_out' }, input: { status: 'active', notes: 'x=y' } }],
    [{ tags: ['eu'], orgPattern: 'A*', users: 'inactive', inactiveDays: '30', dryRun: true }, { action_id: 'users.update', organizations: { tags: ['eu'], name_pattern: 'A*' }, users: { query: 'inactive', inactive_days: 30 }, dry_run: true }],
    [{ orgIds: ['org_1'], userNames: ['a', 'b'], inputJson: '{"count":2}', set: ['reuse_count=3'], requireApproval: true }, { action_id: 'users.update', organizations: { ids: ['org_1'] }, users: { usernames: ['a', 'b'] }, input: { count: 2, reuse_count: 3 }, requires_approval: true }],
    [{}, 'choose organizations'],
    [{ allOrgs: true, users: 'all', userNames: ['a'] }, 'choose users one way'],
    [{ allOrgs: true, inputJson: '[1]' }, 'must be a JSON object'],
    [{ allOrgs: true, set: ['novalue'] }, 'expected key=value'],
    [{ allOrgs: true, users: 'inactive', inactiveDays: 'x' }, '--inactive-days'],
    [{ allOrgs: true, snapshot: 'cov_1' }, 'go with --users'],
  ])('%j', (extra, expected) => {
    const got = bulkPlanBody(flags(extra));
    if (typeof expected === 'string') expect('error' in got && got.error).toContain(expected);
    else expect(got).toEqual({ body: expected });
  });
});

describe('summaries and CSV', () => {
  const counts = { total: 11, pending: 1, calling: 0, done: 9, skipped: 0, failed: 1, review: 0, cancelled: 0 };
  const orgs = [{}, {}] as never;
  it.each<[boolean, string | null, string]>([
    [true, 'users.enroll', 'users.enroll on 11 users in 2 organizations: 9 done, 1 failed, 1 pending'],
    [false, 'settings.update', 'settings.update: 11 calls in 2 organizations: 9 done, 1 failed, 1 pending'],
    [false, null, '2 actions: 11 calls in 2 organizations: 9 done, 1 failed, 1 pending'],
  ])('per user %s, action %s', (perUser, actionId, expected) => {
    expect(summarizeBulkRun({ action_id: actionId, counts, plan: { by_action: [{ action_id: 'a', items: 1 }, { action_id: 'b', items: 10 }], by_organization: orgs } }, perUser)).toBe(expected);
  });

  it('escapes cells and guards formulas', () => {
    const csv = bulkReportCsv([
      {
        seq: 1,
        organization_id: 'org_1',
        organization_name: 'Acme, Inc',
        action_id: 'users.update',
        target: '=HYPERLINK("x")',
        target_id: 'DU1',
        input: { user_id: 'DU1' },
        status: 'failed',
        attempts: 1,
        outcome: { code: 'duo_error', message: '+1 "quoted"', duo_code: 40002, http_status: 400 },
        started_at: null,
        finished_at: null,
      },
    ]);
    const [, row] = csv.split('\r\n');
    expect(row).toBe(`1,org_1,"Acme, Inc",users.update,"'=HYPERLINK(""x"")",DU1,failed,1,duo_error,"'+1 ""quoted""",40002,400,,,,"{""user_id"":""DU1""}"`);
  });
});
