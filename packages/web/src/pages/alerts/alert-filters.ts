/** Filters of `GET /api/alerts`, as kept in the page's URL query. */
export interface AlertFilters {
  status: 'open' | 'acknowledged' | 'all';
  severity: string;
  rule: string;
  organization_id: string;
}

/** Severities the hub gives alerts, most urgent first. */
export const ALERT_SEVERITIES = ['high', 'medium', 'low'] as const;

const STATUSES = ['open', 'acknowledged', 'all'] as const;

/** The filters in a URL query; the page opens on open alerts, and unknown values are dropped rather than sent. */
export function readAlertFilters(query: URLSearchParams): AlertFilters {
  const get = (k: string) => (query.get(k) ?? '').trim();
  const status = get('status');
  const severity = get('severity');
  return {
    status: (STATUSES as readonly string[]).includes(status) ? (status as AlertFilters['status']) : 'open',
    severity: (ALERT_SEVERITIES as readonly string[]).includes(severity) ? severity : '',
    rule: /^[a-z_]{1,100}$/.test(get('rule')) ? get('rule') : '',
    organization_id: get('organization_id'),
  };
}

/** `/api/alerts?...` for these filters: one page of `limit` after `cursor`. */
export function alertsApiPath(f: AlertFilters, page: { limit: number; cursor?: string | null }): string {
  const q = new URLSearchParams({ status: f.status });
  if (f.severity) q.set('severity', f.severity);
  if (f.rule) q.set('rule', f.rule);
  if (f.organization_id) q.set('organization_id', f.organization_id);
  q.set('limit', String(page.limit));
  if (page.cursor) q.set('cursor', page.cursor);
  return `/api/alerts?${q}`;
}

/** A rule's threshold as people say it: "5 in 10 min", or "—" for rules without one. */
export function ruleParams(params: { threshold: number; window_minutes: number } | null): string {
  return params ? `${params.threshold} in ${params.window_minutes} min` : '—';
}
