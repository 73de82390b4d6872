import { describe, expect, it } from 'vitest';
import { organizationSummary, scopeSummary, tokenCreateBody } from '../src/pages/tokens/token-form.js';

describe('tokenCreateBody', () => {
  it.each<[string, Parameters<typeof tokenCreateBody>[0], ReturnType<typeof tokenCreateBody>]>([
    ['read only, every organization', { name: ' ci ', scopes: ['read'], organization_ids: [] }, { name: 'ci', scopes: ['read'], organization_ids: null }],
    ['scopes in rank order whatever the click order', { name: 'x', scopes: ['admin', 'read'], organization_ids: [] }, { name: 'x', scopes: ['read', 'admin'], organization_ids: null }],
    ['organization limits deduplicated', { name: 'x', scopes: ['operate'], organization_ids: ['org_1', 'org_2', 'org_1'] }, { name: 'x', scopes: ['operate'], organization_ids: ['org_1', 'org_2'] }],
    ['no scope stays empty (the API says what is wrong)', { name: 'x', scopes: [], organization_ids: [] }, { name: 'x', scopes: [], organization_ids: null }],
  ])('%s', (_name, form, body) => {
    expect(tokenCreateBody(form)).toEqual(body);
  });
});

describe('scopeSummary', () => {
  it.each<[string[], string]>([
    [['read'], 'read'],
    [['read', 'operate'], 'operate (includes read)'],
    [['read', 'operate', 'admin'], 'admin (includes operate, read)'],
    [['admin'], 'admin (includes operate, read)'],
    [[], 'none'],
    [['weird'], 'weird'],
  ])('%j -> %s', (scopes, text) => expect(scopeSummary(scopes)).toBe(text));
});

describe('organizationSummary', () => {
  const names = new Map([['org_1', 'Acme'], ['org_2', 'Globex']]);
  it.each<[string[] | null, string]>([
    [null, 'All organizations'],
    [[], 'None'],
    [['org_1', 'org_2'], 'Acme, Globex'],
    [['org_1', 'org_gone'], 'Acme, org_gone'],
  ])('%j -> %s', (ids, text) => expect(organizationSummary(ids, names)).toBe(text));
});
