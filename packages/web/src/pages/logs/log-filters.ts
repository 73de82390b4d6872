/** Log types the hub keeps, as `GET /api/logs?log_type=` takes them. */
export const LOG_TYPES = ['authentication', 'administrator', 'telephony', 'activity', 'offline_enrollment', 'trust_monitor'] as const;

/** Results offered in the filter (Duo v2 authentication results). */
export const LOG_RESULTS = ['success', 'denied', 'fraud'] as const;

/** Time ranges offered; `custom` uses `since` and `until`. */
export const LOG_RANGES = [
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
  { id: 'all', label: 'All time', ms: null },
  { id: 'custom', label: 'Custom range', ms: null },
] as const;

/** One of `LOG_RANGES`' ids. */
export type LogRange = (typeof LOG_RANGES)[number]['id'];

/** The range a page opens with. */
export const DEFAULT_LOG_RANGE: LogRange = '7d';

/** Rows fetched per "Load more". */
export const LOG_PAGE_SIZE = 50;

/** The Logs page's filters as kept in its URL (times as ISO-8601; empty strings for "any"). */
export interface LogFilters {
  organization_id: string;
  username: string;
  q: string;
  log_type: string;
  result: string;
  range: LogRange;
  since: string;
  until: string;
}

/** Filter keys that are also URL keys; `range` decides whether `since`/`until` count. */
export const LOG_FILTER_KEYS = ['organization_id', 'username', 'q', 'log_type', 'result', 'range', 'since', 'until'] as const;

/** The filters in a URL query; unknown types, results and ranges and unreadable times are dropped. */
export function readLogFilters(query: URLSearchParams): LogFilters {
  const get = (k: string) => (query.get(k) ?? '').trim();
  const time = (k: string) => {
    const v = get(k);
    return v && !Number.isNaN(Date.parse(v)) ? v : '';
  };
  const type = get('log_type');
  const result = get('result');
  const range = get('range');
  return {
    organization_id: get('organization_id'),
    username: get('username'),
    q: get('q'),
    log_type: (LOG_TYPES as readonly string[]).includes(type) ? type : '',
    result: (LOG_RESULTS as readonly string[]).includes(result) ? result : '',
    range: LOG_RANGES.some((r) => r.id === range) ? (range as LogRange) : DEFAULT_LOG_RANGE,
    since: time('since'),
    until: time('until'),
  };
}

/** The URL query of a filter set: what `setQuery` takes (null removes a key; the default range is left out). */
export function logFiltersToQuery(f: LogFilters): Record<string, string | null> {
  const custom = f.range === 'custom';
  return {
    organization_id: f.organization_id || null,
    username: f.username || null,
    q: f.q || null,
    log_type: f.log_type || null,
    result: f.result || null,
    range: f.range === DEFAULT_LOG_RANGE ? null : f.range,
    since: custom && f.since ? f.since : null,
    until: custom && f.until ? f.until : null,
  };
}

/** The time bounds a filter set means at `now` (epoch ms; undefined for open ends). */
export function timeBounds(f: LogFilters, now: number): { since?: number; until?: number } {
  if (f.range === 'custom') {
    const since = f.since ? Date.parse(f.since) : NaN;
    const until = f.until ? Date.parse(f.until) : NaN;
    return { ...(Number.isNaN(since) ? {} : { since }), ...(Number.isNaN(until) ? {} : { until }) };
  }
  const span = LOG_RANGES.find((r) => r.id === f.range)?.ms ?? null;
  return span === null ? {} : { since: now - span };
}

function filterParams(f: LogFilters, now: number): URLSearchParams {
  const q = new URLSearchParams();
  if (f.organization_id) q.set('organization_id', f.organization_id);
  if (f.username) q.set('username', f.username);
  if (f.q) q.set('q', f.q);
  if (f.log_type) q.set('log_type', f.log_type);
  if (f.result) q.set('result', f.result);
  const { since, until } = timeBounds(f, now);
  if (since !== undefined) q.set('since', new Date(since).toISOString());
  if (until !== undefined) q.set('until', new Date(until).toISOString());
  return q;
}

/** `/api/logs?...`: one page of `limit` rows after `cursor`. */
export function logsApiPath(f: LogFilters, now: number, page: { limit: number; cursor?: string | null }): string {
  const q = filterParams(f, now);
  q.set('limit', String(page.limit));
  if (page.cursor) q.set('cursor', page.cursor);
  return `/api/logs?${q}`;
}

/** `/api/logs/export?...` with the same filters. */
export function logsExportPath(f: LogFilters, now: number, format: 'csv' | 'jsonl'): string {
  const q = filterParams(f, now);
  q.set('format', format);
  return `/api/logs/export?${q}`;
}

/**
 * `/api/logs/dashboard?...`: the organization and time range of the filters (the dashboard counts
 * authentications, whatever the other filters), days cut in the viewer's zone.
 */
export function logsDashboardPath(f: LogFilters, now: number, utcOffsetMinutes: number): string {
  const q = new URLSearchParams();
  if (f.organization_id) q.set('organization_id', f.organization_id);
  const { since, until } = timeBounds(f, now);
  q.set('since', new Date(since ?? 0).toISOString());
  if (until !== undefined) q.set('until', new Date(until).toISOString());
  q.set('utc_offset_minutes', String(Math.max(-840, Math.min(840, Math.round(utcOffsetMinutes)))));
  return `/api/logs/dashboard?${q}`;
}

/** The badge tone of a result: approvals ok, refusals bad, fraud worse, anything else neutral. */
export function resultTone(result: string | null): 'ok' | 'warn' | 'bad' | 'neutral' {
  if (result === 'success') return 'ok';
  if (result === 'fraud') return 'bad';
  if (result === 'denied' || result === 'failure' || result === 'error') return 'warn';
  return 'neutral';
}

/** The file name of an export made on `now`: `duohub-logs-YYYY-MM-DD.csv` (the viewer's date). */
export function exportFileName(format: 'csv' | 'jsonl', now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `duohub-logs-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.${format}`;
}

/** Bar lengths as percents of the largest value (0 when every value is 0). */
export function barPercents(values: readonly number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 ? 0 : Math.round((v / max) * 1000) / 10));
}
