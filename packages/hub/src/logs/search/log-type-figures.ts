import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Store } from '../../store/open-store.js';
import { LOG_TYPES, type LogType } from '../log-tables.js';
import { logFilterWhere, type LogFilters, type LogSearchDatabase } from './log-filters.js';

/** How many entries each ranked list of the dashboard keeps. */
export const TOP_ENTRIES = 10;

/** A name and how often it occurs. */
export interface NamedCount {
  name: string;
  count: number;
}

/** The dashboard's figures beyond authentication, over the same organizations and span. */
export interface LogTypeFigures {
  /** Every log type the hub keeps, with its entries in the span (zero included). */
  events_by_type: Array<{ log_type: LogType; count: number }>;
  /** Administrator log: how many actions, which ones, and who did them. */
  administrator: { actions: number; top_actions: NamedCount[]; top_administrators: Array<{ username: string; actions: number; last_action_at: string }> };
  /** Telephony log: messages and calls, and the credits Duo charged for them. */
  telephony: { events: number; credits_used: number; by_type: Array<{ type: string; events: number; credits: number }> };
  /** Trust Monitor: surfaced events by type and by triage state. */
  trust_monitor: { events: number; by_type: NamedCount[]; by_state: NamedCount[] };
  /** Offline enrollment log: entries by action and how many users they concern. */
  offline_enrollment: { events: number; by_action: NamedCount[]; users: number };
}

type Where = (eb: Parameters<ReturnType<typeof logFilterWhere>>[0]) => Expression<SqlBool>;

/**
 * The credits of a telephony row, read from Duo's JSON (`credits`, a number in v1 and v2): the
 * search columns do not carry it. Anything that is not a number counts as 0.
 */
function creditsExpr(dialect: Store['dialect']) {
  return dialect === 'postgres'
    ? sql<number>`case when jsonb_typeof(${sql.ref('raw')}::jsonb -> 'credits') = 'number' then (${sql.ref('raw')}::jsonb ->> 'credits')::numeric else 0 end`
    : sql<number>`case when json_type(${sql.ref('raw')}, '$.credits') in ('integer', 'real') then json_extract(${sql.ref('raw')}, '$.credits') else 0 end`;
}

const byCountThenName = (a: NamedCount, b: NamedCount) => b.count - a.count || a.name.localeCompare(b.name);

/**
 * Counts over the administrator, telephony, Trust Monitor and offline enrollment logs matching
 * `filters` (its log types are replaced) within the actor's organization `limit`; computed in SQL.
 */
export async function loadLogTypeFigures(db: Kysely<LogSearchDatabase>, dialect: Store['dialect'], filters: LogFilters, limit: readonly string[] | null): Promise<LogTypeFigures> {
  const of = (types: readonly LogType[]): Where => logFilterWhere({ ...filters, logTypes: types }, limit);
  const grouped = async (type: LogType, column: 'event_type' | 'result' | 'factor') => {
    const rows = await db
      .selectFrom('log_events')
      .where(of([type]))
      .where(column, 'is not', null)
      .select([column, (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy(column)
      .execute();
    return rows.map((r) => ({ name: String((r as Record<string, unknown>)[column]), count: Number(r.n) })).sort(byCountThenName);
  };
  const credits = creditsExpr(dialect);
  // The kind (`sms`, `phone`) is the factor the sync extracted; rows stored without it fall back to the event type.
  const kind = sql<string>`coalesce(${sql.ref('factor')}, ${sql.ref('event_type')}, 'unknown')`;

  const [byType, actions, admins, phone, tmTypes, tmStates, enrollActions, enrollUsers] = await Promise.all([
    db
      .selectFrom('log_events')
      .where(of(LOG_TYPES))
      .select(['log_type', (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy('log_type')
      .execute(),
    grouped('administrator', 'event_type'),
    db
      .selectFrom('log_events')
      .where(of(['administrator']))
      .where('username', 'is not', null)
      .select(['username', (eb) => eb.fn.countAll<string | number>().as('n'), (eb) => eb.fn.max('occurred_at').as('last')])
      .groupBy('username')
      .orderBy('n', 'desc')
      .orderBy('username', 'asc')
      .limit(TOP_ENTRIES)
      .execute(),
    db
      .selectFrom('log_events')
      .where(of(['telephony']))
      .select([kind.as('kind'), (eb) => eb.fn.countAll<string | number>().as('n'), sql<string | number | null>`sum(${credits})`.as('credits')])
      .groupBy(kind)
      .execute(),
    grouped('trust_monitor', 'event_type'),
    grouped('trust_monitor', 'result'),
    grouped('offline_enrollment', 'event_type'),
    db
      .selectFrom('log_events')
      .where(of(['offline_enrollment']))
      .where('username', 'is not', null)
      .select((eb) => eb.fn.count<string | number>('username').distinct().as('n'))
      .executeTakeFirst(),
  ]);

  const count = (type: LogType) => Number(byType.find((r) => r.log_type === type)?.n ?? 0);
  const telephonyByType = phone
    .map((r) => ({ type: String(r.kind), events: Number(r.n), credits: Number(r.credits ?? 0) }))
    .sort((a, b) => b.events - a.events || a.type.localeCompare(b.type));
  return {
    events_by_type: LOG_TYPES.map((log_type) => ({ log_type, count: count(log_type) })),
    administrator: {
      actions: count('administrator'),
      top_actions: actions.slice(0, TOP_ENTRIES),
      top_administrators: admins.map((a) => ({ username: a.username!, actions: Number(a.n), last_action_at: new Date(Number(a.last)).toISOString() })),
    },
    telephony: {
      events: count('telephony'),
      credits_used: telephonyByType.reduce((n, t) => n + t.credits, 0),
      by_type: telephonyByType,
    },
    trust_monitor: { events: count('trust_monitor'), by_type: tmTypes.slice(0, TOP_ENTRIES), by_state: tmStates.slice(0, TOP_ENTRIES) },
    offline_enrollment: { events: count('offline_enrollment'), by_action: enrollActions.slice(0, TOP_ENTRIES), users: Number(enrollUsers?.n ?? 0) },
  };
}
