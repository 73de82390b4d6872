import type { Actor } from '../access/actor.js';
import { HubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import type { OrganizationsTable } from '../store/database.js';
import type { BaselineSelector, BaselineView } from './baseline-schemas.js';
import { baselineDb, type BaselinesTable } from './baseline-tables.js';
import type { BaselineWanted } from './compare-baseline.js';
import { parseTags, selectOrganizations } from './select-organizations.js';

/** A stored baseline with its JSON columns parsed. */
export interface LoadedBaseline {
  row: BaselinesTable;
  selector: BaselineSelector;
  wanted: BaselineWanted;
}

/** An organization as checks and selection use it. */
export interface BaselineOrganization {
  id: string;
  name: string;
  tags: string[];
  integrationId: string | null;
  duoAccountId: string | null;
}

/** A stored baseline's JSON columns parsed. */
export function parseBaselineRow(row: BaselinesTable): LoadedBaseline {
  const wanted = JSON.parse(row.wanted) as BaselineWanted;
  return { row, selector: JSON.parse(row.selector) as BaselineSelector, wanted: { settings: wanted.settings ?? {}, ...(wanted.policies ? { policies: wanted.policies } : {}) } };
}

/** The baseline with this id, or (when no id matches) this exact name; not_found otherwise. */
export async function loadBaseline(hub: HubContext, idOrName: string): Promise<LoadedBaseline> {
  const db = baselineDb(hub.store.db);
  const row =
    (await db.selectFrom('baselines').selectAll().where('id', '=', idOrName).executeTakeFirst()) ??
    (await db.selectFrom('baselines').selectAll().where('name', '=', idOrName).executeTakeFirst());
  if (!row) throw new HubError('not_found', { message: 'No baseline with this id or name.' });
  return parseBaselineRow(row);
}

/** Every organization of the hub, by name. */
export async function loadOrganizations(hub: HubContext): Promise<BaselineOrganization[]> {
  const rows = await hub.store.db.selectFrom('organizations').select(['id', 'name', 'tags', 'integration_id', 'duo_account_id']).orderBy('name').orderBy('id').execute();
  return rows.map((r: Pick<OrganizationsTable, 'id' | 'name' | 'tags' | 'integration_id' | 'duo_account_id'>) => ({
    id: r.id,
    name: r.name,
    tags: parseTags(r.tags),
    integrationId: r.integration_id,
    duoAccountId: r.duo_account_id,
  }));
}

/**
 * The organization ids a baseline reaches, for access decisions: the listed ids as written (present
 * or not), else the organizations its selector matches now.
 */
export function reachedOrganizationIds(selector: BaselineSelector, organizations: readonly BaselineOrganization[]): string[] {
  if (selector.organization_ids) return [...selector.organization_ids];
  return selectOrganizations(selector, organizations).map((o) => o.id);
}

/**
 * Whether the actor may read the baseline. A token limited to organizations reads a baseline only
 * when every organization it reaches is in the token's list, and it reaches at least one; never a
 * baseline over `all` organizations (that includes organizations added later).
 */
export function canReadBaseline(actor: Actor, baseline: LoadedBaseline, organizations: readonly BaselineOrganization[]): boolean {
  if (actor.organizationIds === null) return true;
  if (baseline.selector.all) return false;
  const reached = reachedOrganizationIds(baseline.selector, organizations);
  const limit = new Set(actor.organizationIds);
  return reached.length > 0 && reached.every((id) => limit.has(id));
}

/** Throws `forbidden` unless the actor may read the baseline (see `canReadBaseline`). */
export function requireBaselineAccess(actor: Actor, baseline: LoadedBaseline, organizations: readonly BaselineOrganization[]): void {
  if (!canReadBaseline(actor, baseline, organizations)) {
    throw new HubError('forbidden', {
      message: 'This token is limited to organizations; the baseline reaches organizations outside its list.',
      details: { reason: 'organization_limited' },
    });
  }
}

/** The API view of a baseline, with its open drift counted. */
export async function toBaselineView(hub: HubContext, baseline: LoadedBaseline): Promise<BaselineView> {
  const db = baselineDb(hub.store.db);
  const drift = await db.selectFrom('baseline_drift').select(['organization_id']).where('baseline_id', '=', baseline.row.id).execute();
  const { row } = baseline;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    selector: baseline.selector as Record<string, unknown>,
    wanted: baseline.wanted as unknown as Record<string, unknown>,
    check_every: row.check_every,
    last_checked_at: row.last_checked_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
    drift: { organizations: new Set(drift.map((d) => d.organization_id)).size, fields: drift.length },
  };
}

/** The document of a baseline (what export writes and import reads): no id, no times. */
export function toBaselineDocument(baseline: LoadedBaseline): Record<string, unknown> {
  return {
    name: baseline.row.name,
    description: baseline.row.description,
    selector: baseline.selector,
    wanted: baseline.wanted,
    check_every: baseline.row.check_every,
  };
}
