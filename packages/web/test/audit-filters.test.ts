import { describe, expect, it } from 'vitest';
import { auditApiPath, hasAuditFilters, isoToLocalInput, localInputToIso, readAuditFilters, readAuditLimit, type AuditFilters } from '../src/pages/audit/audit-filters.js';
import { formatTime } from '../src/pages/audit/format-time.js';

const none: AuditFilters = { action: '', outcome: '', organization_id: '', token_id: '', since: '', until: '' };

describe('readAuditFilters', () => {
  it.each<[string, string, Partial<AuditFilters>]>([
    ['empty query', '', {}],
    ['all filters', 'action=tokens.create&outcome=failure&organization_id=org_1&token_id=tok_1&since=2026-01-01T00:00:00.000Z&until=2026-02-01T00:00:00.000Z',
      { action: 'tokens.create', outcome: 'failure', organization_id: 'org_1', token_id: 'tok_1', since: '2026-01-01T00:00:00.000Z', until: '2026-02-01T00:00:00.000Z' }],
    ['an unknown outcome is dropped, not sent', 'outcome=maybe', {}],
    ['an unreadable time is dropped', 'since=yesterday&until=2026-02-01', { until: '2026-02-01' }],
    ['whitespace trimmed; other keys ignored', 'action=%20mfa.verify%20&limit=10&cursor=x', { action: 'mfa.verify' }],
  ])('%s', (_name, query, expected) => {
    expect(readAuditFilters(new URLSearchParams(query))).toEqual({ ...none, ...expected });
  });
});

describe('readAuditLimit', () => {
  it.each([['', 25], ['limit=10', 10], ['limit=0', 25], ['limit=abc', 25], ['limit=2.5', 25], ['limit=5000', 1000]] as const)('%s -> %d', (q, n) => {
    expect(readAuditLimit(new URLSearchParams(q))).toBe(n);
  });
});

describe('auditApiPath', () => {
  it.each<[string, Partial<AuditFilters>, Parameters<typeof auditApiPath>[1], string]>([
    ['nothing', {}, {}, '/api/audit'],
    ['a filter, a limit and a cursor', { action: 'tokens.revoke', outcome: 'failure' }, { limit: 10, cursor: 'aud_9' }, '/api/audit?action=tokens.revoke&outcome=failure&limit=10&cursor=aud_9'],
    ['first page has no cursor', { organization_id: 'org 1' }, { limit: 25, cursor: null }, '/api/audit?organization_id=org+1&limit=25'],
    ['CSV export ignores paging', { token_id: 'tok_1', since: '2026-01-01T00:00:00.000Z' }, { format: 'csv', limit: 10, cursor: 'x' }, '/api/audit?token_id=tok_1&since=2026-01-01T00%3A00%3A00.000Z&format=csv'],
  ])('%s', (_name, f, page, path) => {
    expect(auditApiPath({ ...none, ...f }, page)).toBe(path);
  });
  it('round-trips through the URL query the page keeps', () => {
    const f: AuditFilters = { ...none, action: 'a&b=c', outcome: 'denied', until: '2026-03-01T10:00:00.000Z' };
    const query = new URL(auditApiPath(f), 'http://x').searchParams;
    expect(readAuditFilters(query)).toEqual(f);
  });
});

describe('hasAuditFilters', () => {
  it('is false only when every filter is empty', () => {
    expect(hasAuditFilters(none)).toBe(false);
    expect(hasAuditFilters({ ...none, until: '2026-01-01T00:00:00.000Z' })).toBe(true);
  });
});

describe('datetime-local conversion (browser zone)', () => {
  it.each(['2026-01-31T12:00', '2026-07-04T00:05', '2025-12-31T23:59'])('%s round-trips', (local) => {
    const iso = localInputToIso(local);
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
    expect(isoToLocalInput(iso)).toBe(local);
  });
  it('agrees with Date on the instant', () => {
    expect(Date.parse(localInputToIso('2026-01-31T12:00'))).toBe(new Date(2026, 0, 31, 12, 0).getTime());
  });
  it.each(['', 'yesterday', '2026-01-31', '2026-1-31T12:00'])('%j gives empty', (bad) => {
    expect(localInputToIso(bad)).toBe('');
  });
  it('an empty or bad ISO gives an empty input', () => {
    expect(isoToLocalInput('')).toBe('');
    expect(isoToLocalInput('nope')).toBe('');
  });
});

describe('formatTime', () => {
  it('formats in the local zone as YYYY-MM-DD HH:MM:SS', () => {
    const d = new Date(2026, 1, 3, 4, 5, 6);
    expect(formatTime(d.toISOString())).toBe('2026-02-03 04:05:06');
    expect(formatTime(null)).toBe('—');
    expect(formatTime('not a time')).toBe('not a time');
  });
});
