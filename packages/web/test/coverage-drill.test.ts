import { describe, expect, it } from 'vitest';
import type { NoMfaUser, OrganizationCoverage } from '../src/pages/coverage/coverage-api.js';
import { coveragePercentText, csvField, organizationCoverageCsv, organizationExportName, organizationUsersCsv, slug } from '../src/pages/coverage/drill-csv.js';
import { formatPercent } from '../src/pages/coverage/format.js';

const user = (username: string, extra: Partial<NoMfaUser> = {}): NoMfaUser => ({
  user_id: `DU${username.toUpperCase()}`,
  username,
  email: `${username}@acme.example`,
  status: 'active',
  last_login: null,
  risky_bypass: false,
  ...extra,
});
const org = { name: 'Acme, Inc.', organization_id: 'org_1', duo_account_id: 'DA1' };

describe('organizationUsersCsv: only the users on screen', () => {
  it('writes one line per user given, with the organization on each', () => {
    const csv = organizationUsersCsv('2026-03-01T10:00:00.000Z', org, [user('ann', { last_login: 1767225600, risky_bypass: true }), user('bob', { email: null, status: 'bypass' })]);
    expect(csv.split('\r\n')).toEqual([
      'taken_at,organization,organization_id,duo_account_id,user_id,username,email,status,last_login,risky_bypass',
      '2026-03-01T10:00:00.000Z,"Acme, Inc.",org_1,DA1,DUANN,ann,ann@acme.example,active,2026-01-01T00:00:00.000Z,true',
      '2026-03-01T10:00:00.000Z,"Acme, Inc.",org_1,DA1,DUBOB,bob,,bypass,,false',
      '',
    ]);
  });
  it('an empty filter result is a header only', () => expect(organizationUsersCsv('t', org, []).split('\r\n')).toHaveLength(2));
});

describe('organizationCoverageCsv', () => {
  const base: OrganizationCoverage = {
    ...org, duo_account_name: 'Acme', status: 'ok', users: 0, mfa: 0, no_mfa: 0, mfa_percent: 0,
    counts: null, percentages: null, users_without_mfa: [], scan: null, error: null,
  };
  it('leaves the percentage empty for an organization with no users', () => {
    const [, row] = organizationCoverageCsv('t', base).split('\r\n');
    expect(row).toBe('t,"Acme, Inc.",org_1,DA1,Acme,ok,0,0,0,,,,,,,,,');
  });
  it('keeps it when there are users', () => {
    const [, row] = organizationCoverageCsv('t', { ...base, users: 4, mfa: 3, no_mfa: 1, mfa_percent: 75 }).split('\r\n');
    expect(row!.split(',').slice(7, 11)).toEqual(['4', '3', '1', '75']);
  });
});

describe('helpers', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-1', "'-1"],
    [null, ''],
    [3, '3'],
  ])('csvField(%j) = %s', (v, out) => expect(csvField(v)).toBe(out));
  it.each([
    ['Acme Corporation LLC', 'acme-corporation-llc'],
    ['  Café & Co. ', 'cafe-co'],
    ['!!!', 'organization'],
  ])('slug(%j) = %s', (name, s) => expect(slug(name)).toBe(s));
  it('names files after the organization, the filter and the date', () => {
    expect(organizationExportName('users-without-mfa', 'Acme LLC', '2026-03-01T23:59:00Z', true)).toBe('duohub-users-without-mfa-acme-llc-filtered-2026-03-01.csv');
    expect(organizationExportName('mfa-coverage', 'Acme LLC', '2026-03-01T23:59:00Z', false)).toBe('duohub-mfa-coverage-acme-llc-2026-03-01.csv');
  });
  it.each([
    [{ users: 0, mfa_percent: 0 }, 'no users'],
    [{ users: 5, mfa_percent: 0 }, '0%'],
    [{ users: 3, mfa_percent: 66.67 }, '66.67%'],
  ])('coveragePercentText(%j) = %s', (o, text) => expect(coveragePercentText(o, formatPercent)).toBe(text));
});
