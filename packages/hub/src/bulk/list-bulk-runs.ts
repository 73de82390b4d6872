import { requireScope, type Actor } from '../access/actor.js';
import type { HubContext } from '../hub-context.js';
import { decodeBulkCursor, encodeBulkCursor } from './bulk-cursor.js';
import type { BulkRunView } from './bulk-plan-schemas.js';
import { toBulkRunViews } from './bulk-run-view.js';
import { bulkDb, type BulkRunStatus } from './bulk-tables.js';

/**
 * Runs newest first, a page at a time. A token limited to organizations sees only runs whose every
 * organization is in its list (filtered in SQL, so pages stay full and others' runs leave no trace).
 */
export async function listBulkRuns(
  hub: HubContext,
  actor: Actor,
  query: { status?: BulkRunStatus | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: BulkRunView[]; next_cursor: string | null }> {
  requireScope(actor, 'read');
  if (actor.organizationIds !== null && actor.organizationIds.length === 0) return { items: [], next_cursor: null };
  const db = bulkDb(hub.store.db);
  let q = db.selectFrom('bulk_runs').selectAll();
  if (query.status) q = q.where('status', '=', query.status);
  if (query.cursor) q = q.where('id', '<', String(decodeBulkCursor(query.cursor, 'run')));
  const limit = actor.organizationIds;
  if (limit !== null) {
    q = q.where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('bulk_tasks').select('bulk_tasks.run_id').whereRef('bulk_tasks.run_id', '=', 'bulk_runs.id').where('bulk_tasks.organization_id', 'not in', limit))),
    );
  }
  // Run ids are time-ordered (newId), so id order is creation order.
  const rows = await q.orderBy('id', 'desc').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  return {
    items: await toBulkRunViews(hub, page),
    next_cursor: rows.length > query.limit ? encodeBulkCursor(page.at(-1)!.id) : null,
  };
}
