import { describe, expect, it } from 'vitest';
import type { CoverageCounts, CoveragePercentages, NoMfaUser, TrendPoint } from '../src/pages/coverage/coverage-api.js';
import { drillPath, filterUsers, findOrganization, orgKey } from '../src/pages/coverage/org-key.js';
import { formatChange, previousPercents } from '../src/pages/coverage/previous-percents.js';
import { totalsGroups } from '../src/pages/coverage/totals-rows.js';

describe('organization keys', () => {
  const rows = [
    { organization_id: 'org_1', duo_account_id: 'DA1' },
    { organization_id: null, duo_account_id: 'DA2' },
    // An organization id that happens to equal another row's Duo id must still win.
    { organization_id: 'DA2x', duo_account_id: 'DA3' },
  ];
  it('uses the organization id, else the Duo account id', () => {
    expect(rows.map(orgKey)).toEqual(['org_1', 'DA2', 'DA2x']);
  });
  it('finds a row by either id, organization ids first', () => {
    expect(findOrganization(rows, 'org_1')).toBe(rows[0]);
    expect(findOrganization(rows, 'DA1')).toBe(rows[0]);
    expect(findOrganization(rows, 'DA2')).toBe(rows[1]);
    expect(findOrganization(rows, 'DA2x')).toBe(rows[2]);
    expect(findOrganization(rows, 'nope')).toBeUndefined();
  });
  it('builds drill-down paths that keep the chosen snapshot and integration', () => {
    expect(drillPath('org_1', {})).toBe('/coverage/org_1');
    expect(drillPath('a/b', { snapshot: 'cov_9', integration: null })).toBe('/coverage/a%2Fb?snapshot=cov_9');
    expect(drillPath('x', { snapshot: 'cov_9', integration: 'int_1' })).toBe('/coverage/x?integration=int_1&snapshot=cov_9');
  });
});

describe('filterUsers', () => {
  const u = (username: string, email: string | null): NoMfaUser => ({ user_id: username, username, email, status: 'active', last_login: null, risky_bypass: false });
  const users = [u('alice', 'alice@acme.test'), u('bob', null), u('carol', 'c@globex.test')];
  const cases: Array<[string, string[]]> = [
    ['', ['alice', 'bob', 'carol']],
    ['   ', ['alice', 'bob', 'carol']],
    ['ALI', ['alice']],
    ['globex', ['carol']],
    ['o', ['bob', 'carol']],
    ['zzz', []],
  ];
  for (const [text, names] of cases) it(`"${text}"`, () => expect(filterUsers(users, text).map((x) => x.username)).toEqual(names));
});

describe('previous snapshot', () => {
  const point = (id: string, orgs: Array<[string, 'ok' | 'failed', number]>): TrendPoint => ({
    snapshot_id: id,
    taken_at: id,
    organizations: orgs.length,
    scanned: 0,
    failed: 0,
    users: 0,
    mfa: 0,
    mfa_percent: 0,
    by_organization: orgs.map(([duo_account_id, status, mfa_percent]) => ({ duo_account_id, organization_id: null, name: duo_account_id, status, users: 1, mfa: 1, mfa_percent })),
  });
  const points = [point('s1', [['A', 'ok', 50], ['B', 'failed', 0]]), point('s2', [['A', 'ok', 60], ['B', 'ok', 70]]), point('s3', [])];
  it('reads the snapshot before the one shown, skipping accounts that failed there', () => {
    expect([...previousPercents(points, 's2')]).toEqual([['A', 50]]);
    expect([...previousPercents(points, 's3')]).toEqual([['A', 60], ['B', 70]]);
    expect(previousPercents(points, 's1').size).toBe(0);
    expect(previousPercents(points, 'unknown').size).toBe(0);
  });
  const cases: Array<[number, number | undefined, string]> = [
    [60, 50, '+10 pts'],
    [50, 60, '−10 pts'],
    [66.67, 66.67, 'no change'],
    [70.1, 70.05, '+0.05 pts'],
    [10, undefined, '–'],
  ];
  for (const [now, before, text] of cases) it(`${before} -> ${now}: ${text}`, () => expect(formatChange(now, before)).toBe(text));
});

describe('totalsGroups', () => {
  const zero = { webauthn: 0, push_capable: 0, hardware_token: 0, sms_voice_only: 0, none: 0 };
  const status0 = { active: 0, bypass: 0, disabled: 0, locked_out: 0, pending_deletion: 0, unknown: 0 };
  const counts: CoverageCounts = {
    users: 8,
    mfa: 6,
    no_mfa: 2,
    factor_class: { ...zero, webauthn: 1, push_capable: 3, hardware_token: 1, sms_voice_only: 1, none: 2 },
    status: { ...status0, active: 6, bypass: 1, locked_out: 1 },
    no_mfa_by_status: { ...status0, active: 1, bypass: 1 },
    never_logged_in: 2,
    stale: 1,
    risky_bypass: 1,
  };
  const pct: CoveragePercentages = {
    mfa: 75,
    no_mfa: 25,
    factor_class: { ...zero, webauthn: 12.5, push_capable: 37.5, hardware_token: 12.5, sms_voice_only: 12.5, none: 25 },
    status: { ...status0, active: 75, bypass: 12.5, locked_out: 12.5 },
    never_logged_in: 25,
    stale: 12.5,
    risky_bypass: 12.5,
  };
  it('lists every figure the dashboard promises, with its count and share', () => {
    const flat = totalsGroups(counts, pct).flatMap((g) => g.rows.map((r) => [g.title, r.id, r.count, r.percent]));
    expect(flat).toEqual([
      ['Users', 'users', 8, null],
      ['Users', 'mfa', 6, 75],
      ['Users', 'no_mfa', 2, 25],
      ['Users', 'active_no_mfa', 1, 12.5],
      ['Strongest factor', 'webauthn', 1, 12.5],
      ['Strongest factor', 'push_capable', 3, 37.5],
      ['Strongest factor', 'hardware_token', 1, 12.5],
      ['Strongest factor', 'sms_voice_only', 1, 12.5],
      ['Strongest factor', 'none', 2, 25],
      ['Risks', 'bypass', 1, 12.5],
      ['Risks', 'locked_out', 1, 12.5],
      ['Risks', 'never_logged_in', 2, 25],
      ['Risks', 'stale', 1, 12.5],
      ['Risks', 'risky_bypass', 1, 12.5],
    ]);
  });
  it('computes the one share the hub does not give as the hub would (two decimals, 0 without users)', () => {
    const third = totalsGroups({ ...counts, users: 3, no_mfa_by_status: { ...status0, active: 1 } }, pct)[0]!.rows.find((r) => r.id === 'active_no_mfa')!;
    expect(third.percent).toBe(33.33);
    const none = totalsGroups({ ...counts, users: 0, no_mfa_by_status: { ...status0, active: 0 } }, pct)[0]!.rows.find((r) => r.id === 'active_no_mfa')!;
    expect(none.percent).toBe(0);
  });
});
