import { sql } from 'kysely';
import { requireScope, type Actor } from '../../access/actor.js';
import type { HubContext } from '../../hub-context.js';
import { withLogTables } from '../log-tables.js';
import { logFilterWhere, visibleOrganizations, type LogFilters } from './log-filters.js';
import { loadLogTypeFigures, type LogTypeFigures } from './log-type-figures.js';

/** How many users the dashboard ranks. */
export const TOP_FAILING_USERS = 10;

const DAY_MS = 86_400_000;

/** What the dashboard covers: organizations (none: the whole fleet the actor sees) and a time range. */
export interface LogDashboardQuery {
  organizationIds?: readonly string[] | undefined;
  since: number;
  until?: number | undefined;
  /** Minutes east of UTC used to cut days (the viewer's zone); 0 for UTC days. */
  utcOffsetMinutes: number;
}

/**
 * Figures of a span: authentication outcomes (Duo v2 results `success`, `denied`, `fraud` and anything
 * else Duo sends), then the other log types (`LogTypeFigures`).
 */
export interface LogDashboard extends LogTypeFigures {
  scope: { organization_ids: string[] | null; since: string; until: string | null; utc_offset_minutes: number };
  totals: { authentications: number; success: number; denied: number; fraud: number };
  factors: Array<{ factor: string; count: number }>;
  results_by_day: Array<{ day: string; total: number; results: Record<string, number> }>;
  top_failing_users: Array<{ username: string; denied: number; fraud: number; failures: number; last_failure_at: string }>;
}

/** Results that count as a refusal: Duo denied the attempt, or the user reported it as fraud. */
export const FAILURE_RESULTS = ['denied', 'fraud'] as const;

/** `YYYY-MM-DD` of a day number (days since the epoch in the chosen offset). */
export function dayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Counts over the logs of the organizations the actor may see: for authentication the totals,
 * factors used, results per day and the users with the most refusals; for the other log types
 * `loadLogTypeFigures`. Every figure is computed in SQL over the same organizations and span, so the
 * dashboard never holds the rows themselves.
 */
export async function loadLogDashboard(hub: HubContext, actor: Actor, query: LogDashboardQuery): Promise<LogDashboard> {
  requireScope(actor, 'read');
  const db = withLogTables(hub.store.db);
  const filters: LogFilters = { organizationIds: query.organizationIds, logTypes: ['authentication'], since: query.since, until: query.until };
  const where = logFilterWhere(filters, actor.organizationIds);
  const base = () => db.selectFrom('log_events').where(where);
  // Literals, not parameters: Postgres accepts a grouped expression in the select list only when
  // both are the same text, and two parameters are never the same. The offset is a bounded integer.
  const offsetMs = Math.trunc(query.utcOffsetMinutes) * 60_000;
  const dayExpr = sql<number>`floor((${sql.ref('occurred_at')} + ${sql.lit(offsetMs)}) / ${sql.lit(DAY_MS)})`;

  const [byResult, factors, byDay, users, other] = await Promise.all([
    base().select(['result', (eb) => eb.fn.countAll<string | number>().as('n')]).groupBy('result').execute(),
    base()
      .where('factor', 'is not', null)
      .select(['factor', (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy('factor')
      .execute(),
    base()
      .select([dayExpr.as('day'), 'result', (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy([dayExpr, 'result'])
      .execute(),
    base()
      .where('result', 'in', [...FAILURE_RESULTS])
      .where('username', 'is not', null)
      .select([
        'username',
        (eb) => eb.fn.countAll<string | number>().as('failures'),
        (eb) => eb.fn.sum<string | number>(eb.case().when('result', '=', 'denied').then(1).else(0).end()).as('denied'),
        (eb) => eb.fn.sum<string | number>(eb.case().when('result', '=', 'fraud').then(1).else(0).end()).as('fraud'),
        (eb) => eb.fn.max('occurred_at').as('last'),
      ])
      .groupBy('username')
      .orderBy('failures', 'desc')
      .orderBy('username', 'asc')
      .limit(TOP_FAILING_USERS)
      .execute(),
    loadLogTypeFigures(db, hub.store.dialect, { ...filters, logTypes: undefined }, actor.organizationIds),
  ]);

  const count = (result: string) => byResult.filter((r) => r.result === result).reduce((n, r) => n + Number(r.n), 0);
  const days = new Map<number, { total: number; results: Record<string, number> }>();
  for (const row of byDay) {
    const day = Number(row.day);
    const entry = days.get(day) ?? { total: 0, results: {} };
    const n = Number(row.n);
    const key = row.result ?? 'none';
    entry.total += n;
    entry.results[key] = (entry.results[key] ?? 0) + n;
    days.set(day, entry);
  }
  const orgs = visibleOrganizations(query.organizationIds, actor.organizationIds);
  return {
    scope: {
      organization_ids: orgs === null ? null : [...orgs],
      since: new Date(query.since).toISOString(),
      until: query.until === undefined ? null : new Date(query.until).toISOString(),
      utc_offset_minutes: query.utcOffsetMinutes,
    },
    totals: {
      authentications: byResult.reduce((n, r) => n + Number(r.n), 0),
      success: count('success'),
      denied: count('denied'),
      fraud: count('fraud'),
    },
    factors: factors
      .map((f) => ({ factor: f.factor!, count: Number(f.n) }))
      .sort((a, b) => b.count - a.count || a.factor.localeCompare(b.factor)),
    results_by_day: [...days.entries()].sort(([a], [b]) => a - b).map(([day, v]) => ({ day: dayLabel(day), ...v })),
    top_failing_users: users.map((u) => ({
      username: u.username!,
      denied: Number(u.denied),
      fraud: Number(u.fraud),
      failures: Number(u.failures),
      last_failure_at: new Date(Number(u.last)).toISOString(),
    })),
    ...other,
  };
}
