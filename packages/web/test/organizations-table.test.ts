import { describe, expect, it } from 'vitest';
import { filterOrganizations, parseShow, type OrganizationShow } from '../src/pages/organizations/filter-organizations.js';
import { formatConfidence, thresholdFromPercent } from '../src/pages/organizations/format-confidence.js';
import { clampPage, pagingFromQuery } from '../src/pages/organizations/paging-from-query.js';
import { isActionable, type Organization, type Suggestion } from '../src/pages/organizations/organization-types.js';

describe('formatConfidence', () => {
  it.each<[number | null | undefined, string]>([
    [null, '—'],
    [undefined, '—'],
    [Number.NaN, '—'],
    [1, '100%'],
    [1.2, '100%'],
    [0.999, '99%'],
    [0.92, '92%'],
    [0.57, '57%'],
    [0.004, '0%'],
    [0, '0%'],
    [-0.5, '0%'],
  ])('%s -> %s', (c, want) => expect(formatConfidence(c)).toBe(want));
});

describe('thresholdFromPercent', () => {
  it.each<[string, number | null]>([
    ['80', 0.8],
    [' 100 ', 1],
    ['0', 0],
    ['72.5', 0.725],
    ['101', null],
    ['-5', null],
    ['', null],
    ['8O', null],
  ])('%j -> %s', (t, want) => expect(thresholdFromPercent(t)).toBe(want));
});

describe('pagingFromQuery', () => {
  const sizes = [10, 25, 50, 100, 500];
  it.each<[string, { page: number; size: number }]>([
    ['', { page: 1, size: 10 }],
    ['page=3&size=100', { page: 3, size: 100 }],
    ['page=0&size=7', { page: 1, size: 10 }],
    ['page=2.5&size=500', { page: 1, size: 500 }],
    ['page=abc&size=', { page: 1, size: 10 }],
  ])('%j', (q, want) => expect(pagingFromQuery(new URLSearchParams(q), sizes, 10)).toEqual(want));
});

describe('clampPage', () => {
  it.each<[number, number, number, number]>([
    [1, 10, 0, 1],
    [3, 10, 30, 3],
    [4, 10, 30, 3],
    [9, 100, 31, 1],
    [0, 10, 5, 1],
  ])('page %i size %i of %i -> %i', (page, size, total, want) => expect(clampPage(page, size, total)).toBe(want));
});

const org = (name: string, extra: Partial<Organization> = {}): Organization => ({
  id: name,
  name,
  email_domains: [],
  integration_id: null,
  duo_account_id: null,
  duo_account_name: null,
  mapping_source: null,
  mapping_confidence: null,
  mapping_reason: null,
  duo_admin_api_directory_key_hint: null,
  auth: null,
  ...extra,
});
const orgs = [
  org('Acme LLC', { email_domains: ['acme.com'], integration_id: 'i', duo_account_id: 'DA1', duo_account_name: 'Acme Corporation' }),
  org('Globex'),
  org('Initech', { email_domains: ['initech.io'] }),
  ...Array.from({ length: 12 }, (_, i) => org(`Pager client ${String(i + 1).padStart(2, '0')}`)),
];
const suggestion = (id: string, status: Suggestion['status']): Suggestion => ({
  organization_id: id,
  organization_name: id,
  status,
  duo_account_id: status === 'no_candidate' ? null : 'DA2',
  duo_account_name: 'x',
  confidence: 0.9,
  reason: '',
});

describe('filterOrganizations', () => {
  const names = (text: string, show: OrganizationShow = 'all', s: Record<string, Suggestion> = {}) => filterOrganizations(orgs, text, show, s).map((o) => o.name);
  it.each<[string, string, OrganizationShow, string[]]>([
    ['name, any case', 'ACME', 'all', ['Acme LLC']],
    ['mapped account name', 'corporation', 'all', ['Acme LLC']],
    ['email domain', 'initech.io', 'all', ['Initech']],
    ['substring of the whole text', 'Pager client 1', 'all', ['Pager client 10', 'Pager client 11', 'Pager client 12']],
    ['no match', 'nothing', 'all', []],
    ['mapped only', '', 'mapped', ['Acme LLC']],
    ['unmapped with text', 'i', 'unmapped', ['Initech', 'Pager client 01', 'Pager client 02', 'Pager client 03', 'Pager client 04', 'Pager client 05', 'Pager client 06', 'Pager client 07', 'Pager client 08', 'Pager client 09', 'Pager client 10', 'Pager client 11', 'Pager client 12']],
  ])('%s', (_n, text, show, want) => expect(names(text, show)).toEqual(want));

  it('review keeps only suggestions that would change something', () => {
    const s = {
      Globex: suggestion('Globex', 'new'),
      Initech: suggestion('Initech', 'no_candidate'),
      'Acme LLC': suggestion('Acme LLC', 'change'),
      'Pager client 01': suggestion('Pager client 01', 'manual'),
    };
    expect(names('', 'review', s)).toEqual(['Acme LLC', 'Globex']);
    expect(names('', 'review')).toEqual([]);
  });

  it.each<[Suggestion['status'], boolean]>([
    ['new', true],
    ['change', true],
    ['unchanged', false],
    ['manual', false],
    ['mapped_elsewhere', false],
    ['no_candidate', false],
  ])('isActionable(%s) = %s', (status, want) => expect(isActionable(suggestion('o', status))).toBe(want));

  it.each<[string | null, OrganizationShow]>([
    ['review', 'review'],
    ['unmapped', 'unmapped'],
    ['bogus', 'all'],
    [null, 'all'],
  ])('parseShow(%j) = %s', (v, want) => expect(parseShow(v)).toBe(want));
});
