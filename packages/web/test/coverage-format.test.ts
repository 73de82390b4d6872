import { describe, expect, it } from 'vitest';
import { exportFileName, formatCount, formatDate, formatDateTime, formatLastLogin, formatPercent, formatStatus } from '../src/pages/coverage/format.js';

describe('formatPercent', () => {
  const cases: Array<[number, string]> = [
    [83.33, '83.33%'],
    [50.5, '50.5%'],
    [100, '100%'],
    [0, '0%'],
    [66.666, '66.67%'],
    [0.01, '0.01%'],
    [10, '10%'],
    [Number.NaN, '–'],
  ];
  for (const [value, text] of cases) it(`${value} -> ${text}`, () => expect(formatPercent(value)).toBe(text));
});

describe('formatCount', () => {
  const cases: Array<[number, string]> = [
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567, '1,234,567'],
    [-12345, '-12,345'],
  ];
  for (const [value, text] of cases) it(`${value} -> ${text}`, () => expect(formatCount(value)).toBe(text));
});

describe('dates', () => {
  it('names UTC whatever the viewer zone', () => {
    expect(formatDateTime('2026-03-01T09:05:59.999Z')).toBe('2026-03-01 09:05 UTC');
    expect(formatDateTime('2026-12-31T23:59:00+02:00')).toBe('2026-12-31 21:59 UTC');
    expect(formatDate('2026-01-02T00:00:00Z')).toBe('2026-01-02');
    expect(formatDateTime('2026-03-01T09:05:07.999Z', { seconds: true })).toBe('2026-03-01 09:05:07 UTC');
  });
  it('returns unreadable input as it came', () => {
    expect(formatDateTime('soon')).toBe('soon');
    expect(formatDate('')).toBe('');
  });
});

describe('formatLastLogin', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  const sec = (iso: string) => Date.parse(iso) / 1000;
  const cases: Array<[number | null, string]> = [
    [null, 'Never'],
    [sec('2026-03-01T08:00:00Z'), '2026-03-01 (today)'],
    [sec('2026-02-28T11:00:00Z'), '2026-02-28 (1 day ago)'],
    [sec('2026-01-10T12:00:00Z'), '2026-01-10 (50 days ago)'],
    [sec('2022-03-01T12:00:00Z'), '2022-03-01 (1,461 days ago)'],
    // A login after the snapshot's reference time (clock skew) is not "in the future" to a reader.
    [sec('2026-03-02T12:00:00Z'), '2026-03-02 (today)'],
  ];
  for (const [value, text] of cases) it(`${value} -> ${text}`, () => expect(formatLastLogin(value, now)).toBe(text));
});

describe('small words', () => {
  it('statuses read as words', () => {
    expect(formatStatus('locked_out')).toBe('locked out');
    expect(formatStatus('pending_deletion')).toBe('pending deletion');
    expect(formatStatus('active')).toBe('active');
  });
  it('export names carry the snapshot date', () => {
    expect(exportFileName('mfa-coverage', '2026-03-01T23:10:00Z')).toBe('duohub-mfa-coverage-2026-03-01.csv');
    expect(exportFileName('users-without-mfa', '2026-03-01T23:10:00Z')).toBe('duohub-users-without-mfa-2026-03-01.csv');
  });
});
