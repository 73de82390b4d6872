import type { Actor } from '../access/actor.js';
import type { HubContext } from '../hub-context.js';
import { readBaseline } from './baseline-service.js';
import type { BaselineCheckView, BaselineChecksQuery, DriftEntryView } from './baseline-schemas.js';
import { baselineDb } from './baseline-tables.js';
import { toCheckView } from './check-baseline.js';

function parse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

async function organizationNames(hub: HubContext, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await hub.store.db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The drift report: every field open now, per organization (by name), with since when. */
export async function baselineDrift(hub: HubContext, actor: Actor, idOrName: string): Promise<{ baseline_id: string; last_checked_at: string | null; items: DriftEntryView[] }> {
  const baseline = await readBaseline(hub, actor, idOrName);
  const rows = await baselineDb(hub.store.db).selectFrom('baseline_drift').selectAll().where('baseline_id', '=', baseline.row.id).execute();
  const names = await organizationNames(hub, rows.map((r) => r.organization_id));
  const items = rows.map((r) => ({
    organization_id: r.organization_id,
    organization_name: names.get(r.organization_id) ?? null,
    field: r.field,
    wanted: parse(r.wanted),
    actual: parse(r.actual),
    since: r.since,
  }));
  items.sort((a, b) => (a.organization_name ?? '').localeCompare(b.organization_name ?? '') || a.organization_id.localeCompare(b.organization_id) || a.field.localeCompare(b.field));
  return { baseline_id: baseline.row.id, last_checked_at: baseline.row.last_checked_at, items };
}

/** The check history, newest first, by id keyset; optionally of one organization. */
export async function baselineChecks(hub: HubContext, actor: Actor, idOrName: string, query: BaselineChecksQuery): Promise<{ items: BaselineCheckView[]; next_cursor: string | null }> {
  const baseline = await readBaseline(hub, actor, idOrName);
  let q = baselineDb(hub.store.db).selectFrom('baseline_checks').selectAll().where('baseline_id', '=', baseline.row.id);
  if (query.organization_id !== undefined) q = q.where('organization_id', '=', query.organization_id);
  if (query.cursor) q = q.where('id', '<', query.cursor);
  const rows = await q.orderBy('id', 'desc').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const names = await organizationNames(hub, page.map((r) => r.organization_id));
  return {
    items: page.map((r) => toCheckView(r, names.get(r.organization_id) ?? null)),
    next_cursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
