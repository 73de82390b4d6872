import { describe, expect, it } from 'vitest';
import { normalizeOrgName } from '../src/organizations/normalize-org-name.js';
import { orgNameSimilarity } from '../src/organizations/org-name-similarity.js';
import { rankMappingSuggestions, scoreCandidate, type RankAccount, type RankOrg } from '../src/organizations/rank-mapping-suggestions.js';
import { varyOrgName } from '../src/demo/vary-org-name.js';

describe('normalizeOrgName', () => {
  it.each([
    ['ACME Corp.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Smith & Sons LLC', 'smith sons'],
    ['Smith and Sons', 'smith sons'],
    ['Initech, L.L.C.', 'initech'],
    ['Müller GmbH', 'muller'],
    ['The Widget Company', 'widget'],
    ['Wayne Enterprises Pty Ltd', 'wayne enterprises'],
    ["O'Reilly Media, Inc.", 'oreilly media'],
    ['Stark   Industries', 'stark industries'],
    ['Co', 'co'],
    ['The Company', 'company'],
    ['', ''],
  ])('%s -> %s', (input, key) => {
    expect(normalizeOrgName(input).key).toBe(key);
  });
});

describe('orgNameSimilarity', () => {
  it.each([
    ['ACME Corp.', 'Acme Corporation', 1, 1],
    ['Smith & Sons LLC', 'Smith and Sons', 1, 1],
    ['Globex Industries, Inc.', 'Globex Industries', 1, 1],
    ['AcmeCorp', 'Acme', 0.9, 0.99],
    ['Acme Holdings Intl', 'Acme International', 0.4, 0.85],
    ['Initech', 'Initrode', 0, 0.79],
    ['Acme Labs', 'Acme Logistics', 0.3, 0.79],
    ['Globex', 'Umbrella', 0, 0.3],
  ])('%s vs %s in [%d, %d]', (a, b, min, max) => {
    const { score, reason } = orgNameSimilarity(a, b);
    expect(score).toBeGreaterThanOrEqual(min);
    expect(score).toBeLessThanOrEqual(max);
    expect(reason).toBeTruthy();
  });

  it('is symmetric on the tricky pairs', () => {
    expect(orgNameSimilarity('Acme Corporation', 'ACME Corp.').score).toBe(orgNameSimilarity('ACME Corp.', 'Acme Corporation').score);
  });
});

const org = (id: string, name: string, extra: Partial<RankOrg> = {}): RankOrg => ({
  id,
  name,
  email_domains: [],
  integration_id: null,
  duo_account_id: null,
  mapping_source: null,
  ...extra,
});
const acct = (id: string, name: string, extra: Partial<RankAccount> = {}): RankAccount => ({ account_id: id, name, ...extra });

describe('scoreCandidate', () => {
  it('adds domain evidence from sampled users to a weak name match', () => {
    const o = org('o1', 'Blue Harbor Consulting', { email_domains: ['bhc.com'] });
    const nameOnly = scoreCandidate(o, acct('A', 'BHC Group'));
    const withUsers = scoreCandidate(o, acct('A', 'BHC Group', { user_email_domains: { 'bhc.com': 8, 'gmail.com': 2 }, sampled_users: 10 }));
    expect(withUsers.confidence).toBeGreaterThan(nameOnly.confidence);
    expect(withUsers.confidence).toBeGreaterThanOrEqual(0.8);
    expect(withUsers.reason).toContain('8 of 10 sampled users');
  });

  it('counts subdomains of an organization domain', () => {
    const o = org('o1', 'Zed', { email_domains: ['zed.io'] });
    const s = scoreCandidate(o, acct('A', 'Q', { user_email_domains: { 'eu.zed.io': 3 }, sampled_users: 3 }));
    expect(s.reason).toContain('3 of 3');
  });

  it('uses a domain label found in the account name', () => {
    const s = scoreCandidate(org('o1', 'Something Else', { email_domains: ['contoso.com'] }), acct('A', 'Contoso (EU)'));
    expect(s.reason).toContain('contoso');
    expect(s.confidence).toBeGreaterThanOrEqual(0.5);
  });
});

describe('rankMappingSuggestions', () => {
  const accounts = [acct('DA1', 'Acme Corporation'), acct('DA2', 'Smith and Sons'), acct('DA3', 'Globex'), acct('DA4', 'Acme Labs')];

  it('matches the tricky names and never gives one account to two organizations', () => {
    const result = rankMappingSuggestions('int', [org('o1', 'ACME Corp.'), org('o2', 'Smith & Sons LLC'), org('o3', 'Acme Corporation Inc')], accounts);
    const by = Object.fromEntries(result.map((s) => [s.organization_id, s]));
    expect(by.o2).toMatchObject({ duo_account_id: 'DA2', status: 'new', confidence: 1 });
    // o1 and o3 both normalize to "acme": one gets DA1, the other must not get DA1 too.
    const acmeWinners = [by.o1!, by.o3!].filter((s) => s.duo_account_id === 'DA1');
    expect(acmeWinners).toHaveLength(1);
    const ids = result.map((s) => s.duo_account_id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps manual mappings and withholds their account from others', () => {
    const result = rankMappingSuggestions(
      'int',
      [
        org('o1', 'ACME Corp.', { integration_id: 'int', duo_account_id: 'DA4', mapping_source: 'manual' }),
        org('o2', 'Acme Corporation Labs'),
      ],
      accounts,
    );
    expect(result[0]).toMatchObject({ status: 'manual', current: { duo_account_id: 'DA4', mapping_source: 'manual' } });
    expect(result[1]!.duo_account_id).not.toBe('DA4');
  });

  it('reports unchanged, change, mapped_elsewhere and no_candidate', () => {
    const result = rankMappingSuggestions(
      'int',
      [
        org('o1', 'Globex', { integration_id: 'int', duo_account_id: 'DA3', mapping_source: 'suggested' }),
        org('o2', 'Smith and Sons', { integration_id: 'int', duo_account_id: 'DA1', mapping_source: 'suggested' }),
        org('o3', 'Acme Corporation', { integration_id: 'other', duo_account_id: 'DAX', mapping_source: 'suggested' }),
        org('o4', 'Zzyzx Unrelated'),
      ],
      accounts,
    );
    expect(result.map((s) => s.status)).toEqual(['unchanged', 'change', 'mapped_elsewhere', 'no_candidate']);
  });
});

describe('varyOrgName', () => {
  it.each([
    ['Acme Corporation', 0, 'ACME Corp.'],
    ['Smith and Sons', 1, 'Smith & Sons LLC'],
    ['Initech LLC', 2, 'initech'],
    ['Globex Industries', 1, 'Globex Industries, Inc.'],
  ])('%s (#%d) -> %s and still matches', (name, i, expected) => {
    const varied = varyOrgName(name, i);
    expect(varied).toBe(expected);
    expect(orgNameSimilarity(varied, name).score).toBe(1);
  });
});
