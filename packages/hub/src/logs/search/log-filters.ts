import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../store/database.js';
import type { LogTables, LogType } from '../log-tables.js';
import type { LogCursor } from './log-cursor.js';

/** The hub's schema with the log tables, as the search queries see it. */
export type LogSearchDatabase = Database & LogTables;

/** What a log search, export or dashboard narrows to; every field is optional and they combine with AND. */
export interface LogFilters {
  /** Any of these organizations. */
  organizationIds?: readonly string[] | undefined;
  duoAccountId?: string | undefined;
  /** Any of these log types. */
  logTypes?: readonly LogType[] | undefined;
  username?: string | undefined;
  application?: string | undefined;
  factor?: string | undefined;
  result?: string | undefined;
  reason?: string | undefined;
  eventType?: string | undefined;
  /** Inclusive lower bound, epoch ms. */
  since?: number | undefined;
  /** Exclusive upper bound, epoch ms. */
  until?: number | undefined;
  /** Free text found anywhere in the username or the event type, ignoring case. */
  q?: string | undefined;
}

/** The exact-match columns and the filter that sets each. */
const EXACT = [
  ['duo_account_id', 'duoAccountId'],
  ['username', 'username'],
  ['application', 'application'],
  ['factor', 'factor'],
  ['result', 'result'],
  ['reason', 'reason'],
  ['event_type', 'eventType'],
] as const;

/** `q` as a LIKE pattern: lower-cased, its wildcards and the escape character taken literally. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/**
 * The organizations a query may return: the requested ones within the actor's limit. `null` means
 * no restriction at all (an unlimited actor asking for every organization); an empty list matches nothing.
 */
export function visibleOrganizations(requested: readonly string[] | undefined, limit: readonly string[] | null): readonly string[] | null {
  const wanted = requested && requested.length > 0 ? [...new Set(requested)] : null;
  if (limit === null) return wanted;
  if (wanted === null) return limit;
  return wanted.filter((id) => limit.includes(id));
}

type LogEb = ExpressionBuilder<LogSearchDatabase, 'log_events'>;

/**
 * The WHERE clause of a log query: the filters, and the organization limit of the actor (`limit`,
 * null for none), so a limited token's rows are chosen by the database, never after the fact.
 */
export function logFilterWhere(filters: LogFilters, limit: readonly string[] | null): (eb: LogEb) => Expression<SqlBool> {
  return (eb) => {
    const and: Array<Expression<SqlBool>> = [];
    const orgs = visibleOrganizations(filters.organizationIds, limit);
    if (orgs !== null) and.push(orgs.length === 0 ? sql<SqlBool>`1 = 0` : eb('organization_id', 'in', orgs));
    for (const [column, key] of EXACT) {
      const value = filters[key];
      if (value !== undefined) and.push(eb(column, '=', value));
    }
    if (filters.logTypes && filters.logTypes.length > 0) and.push(eb('log_type', 'in', [...new Set(filters.logTypes)]));
    if (filters.since !== undefined) and.push(eb('occurred_at', '>=', filters.since));
    if (filters.until !== undefined) and.push(eb('occurred_at', '<', filters.until));
    if (filters.q !== undefined && filters.q !== '') {
      const pattern = containsPattern(filters.q);
      and.push(
        eb.or([
          sql<SqlBool>`lower(${eb.ref('username')}) like ${pattern} escape '!'`,
          sql<SqlBool>`lower(${eb.ref('event_type')}) like ${pattern} escape '!'`,
        ]),
      );
    }
    return eb.and(and);
  };
}

/** Rows after `cursor` in the search order (newest first; the id breaks ties within one millisecond). */
export function afterLogCursor(cursor: LogCursor): (eb: LogEb) => Expression<SqlBool> {
  return (eb) => eb.or([eb('occurred_at', '<', cursor.occurredAt), eb.and([eb('occurred_at', '=', cursor.occurredAt), eb('id', '<', cursor.id)])]);
}
