/** Filters of `GET /api/audit`, as kept in the page's URL query (times as ISO-8601). */
export interface AuditFilters {
  action: string;
  outcome: string;
  organization_id: string;
  token_id: string;
  since: string;
  until: string;
}

/** Filter names, in the order the form shows them; each is also the URL and API query key. */
export const AUDIT_FILTER_KEYS = ['action', 'outcome', 'organization_id', 'token_id', 'since', 'until'] as const;

/** Outcomes the API records. */
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied', 'unknown'] as const;

/** Page sizes the page offers; the API takes up to 1000. */
export const DEFAULT_AUDIT_LIMIT = 25;

/** The filters in a URL query; unknown outcomes and unreadable times are dropped rather than sent. */
export function readAuditFilters(query: URLSearchParams): AuditFilters {
  const get = (k: string) => (query.get(k) ?? '').trim();
  const time = (k: string) => {
    const v = get(k);
    return v && !Number.isNaN(Date.parse(v)) ? v : '';
  };
  const outcome = get('outcome');
  return {
    action: get('action'),
    outcome: (AUDIT_OUTCOMES as readonly string[]).includes(outcome) ? outcome : '',
    organization_id: get('organization_id'),
    token_id: get('token_id'),
    since: time('since'),
    until: time('until'),
  };
}

/** The page size in the query (`limit`), else the default; clamped to what the API takes. */
export function readAuditLimit(query: URLSearchParams): number {
  const n = Number(query.get('limit'));
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 1000) : DEFAULT_AUDIT_LIMIT;
}

/** Whether any filter is set (the empty state then suggests clearing them). */
export function hasAuditFilters(f: AuditFilters): boolean {
  return AUDIT_FILTER_KEYS.some((k) => f[k] !== '');
}

/** `/api/audit?...` for these filters, one page of `limit` after `cursor` (or as CSV with `format`). */
export function auditApiPath(f: AuditFilters, page: { limit?: number; cursor?: string | null; format?: 'csv' } = {}): string {
  const q = new URLSearchParams();
  for (const k of AUDIT_FILTER_KEYS) if (f[k]) q.set(k, f[k]);
  if (page.format) q.set('format', page.format);
  else {
    if (page.limit) q.set('limit', String(page.limit));
    if (page.cursor) q.set('cursor', page.cursor);
  }
  const s = q.toString();
  return `/api/audit${s ? `?${s}` : ''}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as a `datetime-local` input value in the browser's zone (`''` for none). */
export function isoToLocalInput(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (the browser's zone) as ISO-8601 UTC, for the URL and the API (`''` for none). */
export function localInputToIso(local: string): string {
  if (!local) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return '';
  const [, y, mo, d, h, mi, s] = m;
  return new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)).toISOString();
}
