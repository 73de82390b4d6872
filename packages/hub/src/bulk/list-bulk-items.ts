import { requireScope, type Actor } from '../access/actor.js';
import type { HubContext } from '../hub-context.js';
import { decodeBulkCursor, encodeBulkCursor } from './bulk-cursor.js';
import type { BulkItemView } from './bulk-plan-schemas.js';
import { organizationNames, parseSpec, toBulkItemView } from './bulk-run-view.js';
import { bulkDb, type BulkItemStatus } from './bulk-tables.js';
import { requireBulkRunAccess } from './require-bulk-run-access.js';

/** A run's items in seq order, a page at a time, optionally of one status or organization. */
export async function listBulkItems(
  hub: HubContext,
  actor: Actor,
  runId: string,
  query: { status?: BulkItemStatus | undefined; organization_id?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: BulkItemView[]; next_cursor: string | null }> {
  requireScope(actor, 'read');
  const run = await requireBulkRunAccess(hub, actor, runId);
  let q = bulkDb(hub.store.db).selectFrom('bulk_items').selectAll().where('run_id', '=', runId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.organization_id) q = q.where('organization_id', '=', query.organization_id);
  if (query.cursor) q = q.where('seq', '>', Number(decodeBulkCursor(query.cursor, 'seq')));
  const rows = await q.orderBy('seq').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const names = await itemOrganizationNames(hub, run.spec, page.map((r) => r.organization_id));
  return {
    items: page.map((r) => toBulkItemView(r, names.get(r.organization_id) ?? r.organization_id)),
    next_cursor: rows.length > query.limit ? encodeBulkCursor(Number(page.at(-1)!.seq)) : null,
  };
}

/** Organization names for items: the live name, else the one recorded when the plan was made. */
export async function itemOrganizationNames(hub: HubContext, specJson: string, ids: readonly string[]): Promise<Map<string, string>> {
  const live = await organizationNames(hub, [...new Set(ids)]);
  for (const o of parseSpec(specJson).organizations ?? []) if (!live.has(o.id)) live.set(o.id, o.name);
  return live;
}
