import type { Transaction } from 'kysely';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { requireScope, requireUnlimited, type Actor } from '../access/actor.js';
import { auditedWrite, auditFailure } from '../audit/audited-write.js';
import type { FieldIssue } from '../errors/error-registry.js';
import { HubError } from '../errors/hub-error.js';
import { zodIssuesToFieldIssues } from '../errors/zod-issues-to-field-issues.js';
import type { HubContext } from '../hub-context.js';
import type { Database } from '../store/database.js';
import { newId } from '../store/new-id.js';
import {
  canReadBaseline,
  loadBaseline,
  loadOrganizations,
  parseBaselineRow,
  requireBaselineAccess,
  toBaselineDocument,
  toBaselineView,
  type LoadedBaseline,
} from './baseline-records.js';
import { BaselineDocumentSchema, type BaselineDocument, type BaselinePatch, type BaselineView } from './baseline-schemas.js';
import { baselineDb, type BaselinesTable } from './baseline-tables.js';
import { checkWanted } from './check-wanted.js';

/** Every baseline the actor may read, by name. */
export async function listBaselines(hub: HubContext, actor: Actor): Promise<BaselineView[]> {
  requireScope(actor, 'read');
  const rows = await baselineDb(hub.store.db).selectFrom('baselines').selectAll().orderBy('name').execute();
  const organizations = actor.organizationIds === null ? [] : await loadOrganizations(hub);
  const out: BaselineView[] = [];
  for (const row of rows) {
    const baseline = parseBaselineRow(row);
    if (canReadBaseline(actor, baseline, organizations)) out.push(await toBaselineView(hub, baseline));
  }
  return out;
}

/** A baseline by id or name, when the actor may read it. */
export async function readBaseline(hub: HubContext, actor: Actor, idOrName: string): Promise<LoadedBaseline> {
  requireScope(actor, 'read');
  const baseline = await loadBaseline(hub, idOrName);
  if (actor.organizationIds !== null) requireBaselineAccess(actor, baseline, await loadOrganizations(hub));
  return baseline;
}

/** One baseline's view. */
export async function getBaseline(hub: HubContext, actor: Actor, idOrName: string): Promise<BaselineView> {
  return toBaselineView(hub, await readBaseline(hub, actor, idOrName));
}

/** Problems a document has beyond its schema: wanted values, listed organizations that do not exist. */
async function documentIssues(hub: HubContext, doc: Pick<BaselineDocument, 'selector' | 'wanted'>): Promise<FieldIssue[]> {
  const issues = checkWanted(doc.wanted);
  const ids = doc.selector.organization_ids ?? [];
  if (ids.length > 0) {
    const found = new Set((await hub.store.db.selectFrom('organizations').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
    ids.forEach((id, i) => {
      if (!found.has(id)) issues.push({ in: 'body', field: `selector.organization_ids.${i}`, message: 'is not an organization of this hub' });
    });
  }
  return issues;
}

async function nameTaken(hub: HubContext, name: string, exceptId?: string): Promise<boolean> {
  let q = baselineDb(hub.store.db).selectFrom('baselines').select('id').where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Fails the write with the issues found (audited), or returns. */
async function refuse(hub: HubContext, actor: Actor, meta: { action: string; targetType: string; targetId: string | null }, issues: FieldIssue[]): Promise<void> {
  if (issues.length === 0) return;
  const error = new HubError('validation_failed', { details: issues });
  await auditFailure(hub, actor, meta, error);
  throw error;
}

function writeAccess(actor: Actor): void {
  requireScope(actor, 'admin');
  requireUnlimited(actor);
}

/** Creates a baseline (admin scope, tokens not limited to organizations). */
export async function createBaseline(hub: HubContext, actor: Actor, doc: BaselineDocument, action = 'baselines.create'): Promise<BaselineView> {
  writeAccess(actor);
  const id = newId('bln', hub.now().getTime());
  const meta = { action, targetType: 'baseline', targetId: id, inputs: { name: doc.name, selector: doc.selector } };
  await refuse(hub, actor, meta, await documentIssues(hub, doc));
  if (await nameTaken(hub, doc.name)) {
    const error = new HubError('conflict', { message: `A baseline named "${doc.name}" exists already.`, details: { field: 'name' } });
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  const now = hub.now().toISOString();
  const row: BaselinesTable = {
    id,
    name: doc.name,
    description: doc.description ?? null,
    selector: JSON.stringify(doc.selector),
    wanted: JSON.stringify(doc.wanted),
    check_every: doc.check_every ?? null,
    last_checked_at: null,
    created_at: now,
    updated_at: now,
  };
  await auditedWrite(hub, actor, meta, async (trx: Transaction<Database>) => {
    await baselineDb(trx).insertInto('baselines').values(row).execute();
  });
  return toBaselineView(hub, parseBaselineRow(row));
}

/**
 * Changes a baseline. Open drift of fields it no longer wants, or of organizations it no longer
 * selects, is closed: the next check recomputes the rest.
 */
export async function updateBaseline(hub: HubContext, actor: Actor, idOrName: string, patch: BaselinePatch, action = 'baselines.update'): Promise<BaselineView> {
  writeAccess(actor);
  const current = await loadBaseline(hub, idOrName);
  const id = current.row.id;
  const meta = { action, targetType: 'baseline', targetId: id, inputs: { name: patch.name, selector: patch.selector } };
  const selector = patch.selector ?? current.selector;
  const wanted = patch.wanted ?? current.wanted;
  await refuse(hub, actor, meta, await documentIssues(hub, { selector, wanted: { settings: wanted.settings ?? {}, ...(wanted.policies ? { policies: wanted.policies } : {}) } }));
  if (patch.name !== undefined && (await nameTaken(hub, patch.name, id))) {
    const error = new HubError('conflict', { message: `A baseline named "${patch.name}" exists already.`, details: { field: 'name' } });
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  const changed =
    (patch.selector !== undefined && JSON.stringify(patch.selector) !== current.row.selector) || (patch.wanted !== undefined && JSON.stringify(patch.wanted) !== current.row.wanted);
  await auditedWrite(hub, actor, meta, async (trx: Transaction<Database>) => {
    const db = baselineDb(trx);
    await db
      .updateTable('baselines')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.selector !== undefined ? { selector: JSON.stringify(patch.selector) } : {}),
        ...(patch.wanted !== undefined ? { wanted: JSON.stringify(patch.wanted) } : {}),
        ...(patch.check_every !== undefined ? { check_every: patch.check_every } : {}),
        updated_at: hub.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    // What the baseline wants now decides drift: stale rows would keep reporting a field it dropped.
    if (changed) await db.deleteFrom('baseline_drift').where('baseline_id', '=', id).execute();
  });
  return toBaselineView(hub, await loadBaseline(hub, id));
}

/** Deletes a baseline with its checks and drift. */
export async function deleteBaseline(hub: HubContext, actor: Actor, idOrName: string): Promise<void> {
  writeAccess(actor);
  const baseline = await loadBaseline(hub, idOrName);
  const id = baseline.row.id;
  await auditedWrite(hub, actor, { action: 'baselines.delete', targetType: 'baseline', targetId: id, inputs: { name: baseline.row.name } }, async (trx: Transaction<Database>) => {
    const db = baselineDb(trx);
    // Children first: SQLite's foreign keys may be off, and Postgres' cascade does the same.
    await db.deleteFrom('baseline_drift').where('baseline_id', '=', id).execute();
    await db.deleteFrom('baseline_checks').where('baseline_id', '=', id).execute();
    await db.deleteFrom('baselines').where('id', '=', id).execute();
  });
}

/** A baseline as a file: YAML or JSON of its document (name, description, selector, wanted, check_every). */
export async function exportBaseline(hub: HubContext, actor: Actor, idOrName: string, format: 'json' | 'yaml'): Promise<{ name: string; text: string }> {
  const baseline = await readBaseline(hub, actor, idOrName);
  const doc = toBaselineDocument(baseline);
  return { name: baseline.row.name, text: format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : stringifyYaml(doc) };
}

/** Parses a baseline file (JSON or YAML) into a checked document; validation_failed names the problem. */
export function parseBaselineFile(text: string, format: 'json' | 'yaml'): BaselineDocument {
  let value: unknown;
  try {
    value = format === 'json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    const where = format === 'yaml' && error && typeof error === 'object' && 'linePos' in error ? lineOf(error) : '';
    throw new HubError('validation_failed', { details: [{ in: 'body', field: '', message: `is not valid ${format.toUpperCase()}${where}` }] });
  }
  const parsed = BaselineDocumentSchema.safeParse(value);
  if (!parsed.success) throw new HubError('validation_failed', { details: zodIssuesToFieldIssues(parsed.error, 'body') });
  return parsed.data;
}

function lineOf(error: object): string {
  const pos = (error as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
  return pos ? ` (line ${pos.line}, column ${pos.col})` : '';
}

/**
 * Imports a baseline file: a new baseline, or the baseline of the same name replaced by the file
 * (so an exported file imported again is a no-op). Answers whether it was created.
 */
export async function importBaseline(
  hub: HubContext,
  actor: Actor,
  source: { text: string; format: 'json' | 'yaml' } | { document: BaselineDocument },
): Promise<{ created: boolean; baseline: BaselineView }> {
  writeAccess(actor);
  let doc: BaselineDocument;
  try {
    doc = 'document' in source ? source.document : parseBaselineFile(source.text, source.format);
  } catch (error) {
    await auditFailure(hub, actor, { action: 'baselines.import', targetType: 'baseline', targetId: null }, error);
    throw error;
  }
  const existing = await baselineDb(hub.store.db).selectFrom('baselines').select('id').where('name', '=', doc.name).executeTakeFirst();
  if (!existing) return { created: true, baseline: await createBaseline(hub, actor, doc, 'baselines.import') };
  const baseline = await updateBaseline(
    hub,
    actor,
    existing.id,
    { description: doc.description, selector: doc.selector, wanted: doc.wanted, check_every: doc.check_every },
    'baselines.import',
  );
  return { created: false, baseline };
}
