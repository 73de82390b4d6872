import { describe, expect, it } from 'vitest';
import { accountLabel, formatEdition, seatsFileName, seatsPath } from '../src/pages/seats/seats-format.js';

describe('formatEdition', () => {
  it.each<[string | null, string]>([
    ['ENTERPRISE', 'Essentials (ENTERPRISE)'],
    ['PLATFORM', 'Advantage (PLATFORM)'],
    ['BEYOND', 'Premier (BEYOND)'],
    ['SOMETHING_NEW', 'SOMETHING_NEW'],
    [null, '–'],
    ['', '–'],
  ])('%s -> %s', (edition, text) => expect(formatEdition(edition)).toBe(text));
});

describe('seatsPath', () => {
  it.each<[string | null, 'json' | 'csv', string]>([
    [null, 'json', '/api/reports/seats'],
    [null, 'csv', '/api/reports/seats?format=csv'],
    ['int_1', 'json', '/api/reports/seats?integration_id=int_1'],
    ['int 1&x', 'csv', '/api/reports/seats?integration_id=int+1%26x&format=csv'],
  ])('%s %s -> %s', (id, format, path) => expect(seatsPath(id, format)).toBe(path));
});

describe('seatsFileName', () => {
  it('dates the file by the UTC day', () => expect(seatsFileName('2026-12-05T23:59:00.000Z')).toBe('duohub-seats-2026-12-05.csv'));
  it('falls back when the date is unreadable', () => expect(seatsFileName('soon')).toBe('duohub-seats-report.csv'));
});

describe('accountLabel', () => {
  it('names the organization, or marks the account unmapped', () => {
    expect(accountLabel({ organization_name: 'Acme', duo_account_name: 'Acme Corp' })).toEqual({ organization: 'Acme', unmapped: false });
    expect(accountLabel({ organization_name: null, duo_account_name: 'Acme Corp' })).toEqual({ organization: 'Not mapped', unmapped: true });
  });
});
