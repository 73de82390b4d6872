import type { Kysely } from 'kysely';
import { requireScope, type Actor } from '../../access/actor.js';
import type { HubContext } from '../../hub-context.js';
import type { Database } from '../../store/database.js';
import { withLogTables, type LogEventsTable } from '../log-tables.js';
import { encodeLogCursor, type LogCursor } from './log-cursor.js';
import { afterLogCursor, logFilterWhere, type LogFilters } from './log-filters.js';
import { toLogItem, type LogItem } from './to-log-item.js';

/** A page of log events, newest first, and the cursor of the next one (null at the end). */
export interface LogPage {
  items: LogItem[];
  next_cursor: string | null;
}

/**
 * Up to `limit` stored rows matching the filters after `cursor`, newest first, restricted in SQL
 * to the actor's organizations. Keyset paging on (occurred_at, id): a page never shifts when newer
 * rows arrive, and a deep page costs what the first does. `db` is the store's handle unless a
 * snapshot of it is given (the export).
 */
export async function readLogEventRows(
  hub: HubContext,
  actor: Actor,
  filters: LogFilters,
  page: { limit: number; cursor?: LogCursor | undefined },
  db: Kysely<Database> = hub.store.db,
): Promise<LogEventsTable[]> {
  requireScope(actor, 'read');
  let query = withLogTables(db).selectFrom('log_events').selectAll().where(logFilterWhere(filters, actor.organizationIds));
  if (page.cursor) query = query.where(afterLogCursor(page.cursor));
  return query.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}

/** One page of the search (`GET /api/logs`). */
export async function searchLogEvents(hub: HubContext, actor: Actor, filters: LogFilters, page: { limit: number; cursor?: LogCursor | undefined }): Promise<LogPage> {
  // One row more than asked tells whether another page exists without a count.
  const rows = await readLogEventRows(hub, actor, filters, { limit: page.limit + 1, cursor: page.cursor });
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return {
    items: shown.map(toLogItem),
    next_cursor: rows.length > page.limit && last ? encodeLogCursor({ occurredAt: Number(last.occurred_at), id: last.id }) : null,
  };
}
