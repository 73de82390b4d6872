import { describe, expect, it } from 'vitest';
import { endOfDay, expiryText, organizationSummary, scopeSummary, tokenCreateBody, tokenStateText } from '../src/pages/tokens/token-form.js';

describe('tokenCreateBody', () => {
  it.each<[string, Parameters<typeof tokenCreateBody>[0], ReturnType<typeof tokenCreateBody>]>([
    ['read only, every organization', { name: ' ci ', scopes: ['read'], organization_ids: [] }, { name: 'ci', scopes: ['read'], organization_ids: null }],
    ['scopes in rank order whatever the click order', { name: 'x', scopes: ['admin', 'read'], organization_ids: [] }, { name: 'x', scopes: ['read', 'admin'], organization_ids: null }],
    ['an approver: approve kept after the ranked scopes', { name: 'cab', scopes: ['approve', 'read'], organization_ids: [] }, { name: 'cab', scopes: ['read', 'approve'], organization_ids: null }],
    ['organization limits deduplicated', { name: 'x', scopes: ['operate'], organization_ids: ['org_1', 'org_2', 'org_1'] }, { name: 'x', scopes: ['operate'], organization_ids: ['org_1', 'org_2'] }],
    ['no scope stays empty (the API says what is wrong)', { name: 'x', scopes: [], organization_ids: [] }, { name: 'x', scopes: [], organization_ids: null }],
    ['never expiring sends no expiry', { name: 'x', scopes: ['read'], organization_ids: [], expiry: { kind: 'never' } }, { name: 'x', scopes: ['read'], organization_ids: null }],
    ['a preset sends expires_in_days', { name: 'x', scopes: ['read'], organization_ids: [], expiry: { kind: 'days', days: 30 } }, { name: 'x', scopes: ['read'], organization_ids: null, expires_in_days: 30 }],
    ['an empty date is sent as typed (the API names expires_at)', { name: 'x', scopes: ['read'], organization_ids: [], expiry: { kind: 'date', date: '' } }, { name: 'x', scopes: ['read'], organization_ids: null, expires_at: '' }],
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
    [['read', 'approve'], 'read + approve'],
    [['read', 'operate', 'approve'], 'operate (includes read) + approve'],
    [['read', 'operate', 'admin', 'approve'], 'admin (includes operate, read)'],
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

describe('expiryText', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  it.each([
    [undefined, null, 'Never'],
    [null, null, 'Never'],
    ['2026-06-01T12:00:00Z', '2026-05-01T00:00:00Z', '—'],
    ['not a date', null, 'not a date'],
  ])('%j (revoked %j) -> %s', (expires, revoked, text) => expect(expiryText(expires, revoked, now)).toBe(text));
  it('shows a date in the viewer zone, marked once past', () => {
    expect(expiryText('2027-01-01T00:00:00Z', null, now)).toMatch(/^20(26-12-31|27-01-01) \d\d:\d\d$/);
    expect(expiryText('2026-01-01T00:00:00Z', null, now)).toMatch(/\(expired\)$/);
  });
});

describe('endOfDay', () => {
  it('is the next local midnight, so the chosen day is worked through', () => {
    const d = new Date(endOfDay('2027-01-31'));
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2027, 1, 1, 0, 0]);
  });
  it.each(['', '31/01/2027', '2027-1-31'])('%j is passed through', (v) => expect(endOfDay(v)).toBe(v));
});

describe('tokenStateText', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  it.each<[Parameters<typeof tokenStateText>[0], string]>([
    [{ revoked_at: null, expires_at: null, status: 'active' }, 'Active'],
    [{ revoked_at: null, expires_at: '2026-07-01T00:00:00Z', status: 'active' }, 'Active'],
    [{ revoked_at: null, expires_at: '2026-07-01T00:00:00Z', status: 'expired' }, 'Expired'],
    [{ revoked_at: null, expires_at: '2026-06-01T11:59:59Z' }, 'Expired'],
    [{ revoked_at: '2026-05-01T00:00:00Z', expires_at: '2026-05-02T00:00:00Z', status: 'revoked' }, 'Revoked'],
  ])('%j -> %s', (t, text) => expect(tokenStateText(t, now)).toBe(text));
});
