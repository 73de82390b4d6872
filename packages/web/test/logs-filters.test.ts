import { describe, expect, it } from 'vitest';
import {
  barPercents,
  exportFileName,
  logFiltersToQuery,
  logsApiPath,
  logsDashboardPath,
  logsExportPath,
  readLogFilters,
  resultTone,
  timeBounds,
  type LogFilters,
} from '../src/pages/logs/log-filters.js';

const none: LogFilters = { organization_id: '', username: '', q: '', log_type: '', result: '', range: '7d', since: '', until: '' };
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const params = (path: string) => Object.fromEntries(new URL(path, 'http://x').searchParams);

describe('readLogFilters', () => {
  it.each<[string, Partial<LogFilters>]>([
    ['', {}],
    ['organization_id=org_1&username=alice&q=bo&log_type=telephony&result=denied', { organization_id: 'org_1', username: 'alice', q: 'bo', log_type: 'telephony', result: 'denied' }],
    ['log_type=nope&result=maybe&range=forever', {}],
    ['range=all', { range: 'all' }],
    ['range=custom&since=2026-11-01T00:00:00.000Z&until=garbage', { range: 'custom', since: '2026-11-01T00:00:00.000Z' }],
    ['username=%20alice%20', { username: 'alice' }],
  ])('%j', (query, expected) => {
    expect(readLogFilters(new URLSearchParams(query))).toEqual({ ...none, ...expected });
  });

  it('round-trips through the URL query, leaving out defaults and unused bounds', () => {
    const f: LogFilters = { ...none, organization_id: 'org_1', result: 'fraud', range: '24h', since: '2026-11-01T00:00:00.000Z' };
    const q = logFiltersToQuery(f);
    expect(q).toEqual({ organization_id: 'org_1', username: null, q: null, log_type: null, result: 'fraud', range: '24h', since: null, until: null });
    const url = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== null) as Array<[string, string]>);
    expect(readLogFilters(url)).toEqual({ ...f, since: '' });
    expect(logFiltersToQuery(none).range).toBeNull();
  });
});

describe('timeBounds', () => {
  it.each<[Partial<LogFilters>, { since?: number; until?: number }]>([
    [{ range: '24h' }, { since: NOW - 86_400_000 }],
    [{ range: '7d' }, { since: NOW - 7 * 86_400_000 }],
    [{ range: '30d' }, { since: NOW - 30 * 86_400_000 }],
    [{ range: 'all' }, {}],
    [{ range: 'custom' }, {}],
    [{ range: 'custom', since: '2026-11-01T00:00:00.000Z', until: '2026-11-02T00:00:00.000Z' }, { since: Date.UTC(2026, 10, 1), until: Date.UTC(2026, 10, 2) }],
    [{ range: '7d', since: '2026-11-01T00:00:00.000Z' }, { since: NOW - 7 * 86_400_000 }],
  ])('%j', (f, expected) => expect(timeBounds({ ...none, ...f }, NOW)).toEqual(expected));
});

describe('API paths', () => {
  const f: LogFilters = { ...none, organization_id: 'org_1', username: 'alice', q: 'a&b', log_type: 'authentication', result: 'denied' };
  it('search: every filter, the resolved time range, the page', () => {
    expect(params(logsApiPath(f, NOW, { limit: 50 }))).toEqual({
      organization_id: 'org_1',
      username: 'alice',
      q: 'a&b',
      log_type: 'authentication',
      result: 'denied',
      since: iso(NOW - 7 * 86_400_000),
      limit: '50',
    });
    expect(params(logsApiPath({ ...none, range: 'all' }, NOW, { limit: 10, cursor: 'l1.abc' }))).toEqual({ limit: '10', cursor: 'l1.abc' });
    expect(logsApiPath(none, NOW, { limit: 5 })).toMatch(/^\/api\/logs\?/);
  });
  it('export: the same filters and the format, no paging', () => {
    const { limit: _limit, ...filters } = params(logsApiPath(f, NOW, { limit: 1 }));
    expect(params(logsExportPath(f, NOW, 'csv'))).toEqual({ ...filters, format: 'csv' });
    expect(logsExportPath(none, NOW, 'jsonl')).toMatch(/^\/api\/logs\/export\?.*format=jsonl/);
  });
  it('dashboard: organization and range only, an explicit start for "all time", the offset clamped', () => {
    expect(params(logsDashboardPath(f, NOW, 60))).toEqual({ organization_id: 'org_1', since: iso(NOW - 7 * 86_400_000), utc_offset_minutes: '60' });
    expect(params(logsDashboardPath({ ...none, range: 'all' }, NOW, -300))).toEqual({ since: iso(0), utc_offset_minutes: '-300' });
    expect(params(logsDashboardPath({ ...none, range: 'custom', since: '2026-11-01T00:00:00Z', until: '2026-11-03T00:00:00Z' }, NOW, 2000))).toEqual({
      since: '2026-11-01T00:00:00.000Z',
      until: '2026-11-03T00:00:00.000Z',
      utc_offset_minutes: '840',
    });
  });
});

describe('small helpers', () => {
  it.each([
    ['success', 'ok'],
    ['denied', 'warn'],
    ['fraud', 'bad'],
    ['error', 'warn'],
    [null, 'neutral'],
    ['something', 'neutral'],
  ] as const)('result %j is %s', (result, tone) => expect(resultTone(result)).toBe(tone));

  it('names exports by the local date', () => {
    expect(exportFileName('csv', new Date(2026, 0, 5, 23, 59))).toBe('duohub-logs-2026-01-05.csv');
    expect(exportFileName('jsonl', new Date(2026, 10, 22))).toBe('duohub-logs-2026-11-22.jsonl');
  });

  it.each([
    [[], []],
    [[0, 0], [0, 0]],
    [[5, 10, 1], [50, 100, 10]],
    [[3], [100]],
    [[1, 3], [33.3, 100]],
  ])('bars of %j are %j', (values, percents) => expect(barPercents(values)).toEqual(percents));
});
