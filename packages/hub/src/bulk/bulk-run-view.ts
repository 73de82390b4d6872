import type { Actor } from '../access/actor.js';
import type { HubContext } from '../hub-context.js';
import type { BulkItemView, BulkRunView } from './bulk-plan-schemas.js';
import { bulkDb, type BulkItemsTable, type BulkItemStatus, type BulkRunsTable } from './bulk-tables.js';
import { requireBulkRunAccess } from './require-bulk-run-access.js';
import { summarizeBulkRun } from './summarize-bulk-run.js';

export type { BulkItemView, BulkRunView } from './bulk-plan-schemas.js';

/** What a stored spec may say that views show (the plan routes write it; a baseline's apply may write less). */
interface StoredSpec {
  notes?: unknown;
  per_user?: unknown;
  organizations?: Array<{ id: string; name: string }>;
}

/** One run as the API shows it, after checking the actor may see it (see `requireBulkRunAccess`). */
export async function readBulkRunView(hub: HubContext, actor: Actor, runId: string): Promise<BulkRunView> {
  const run = await requireBulkRunAccess(hub, actor, runId);
  const [view] = await toBulkRunViews(hub, [run]);
  return view!;
}

/** Views of runs already read (and access-checked): one grouped count query and one name lookup for all of them. */
export async function toBulkRunViews(hub: HubContext, runs: readonly BulkRunsTable[]): Promise<BulkRunView[]> {
  if (runs.length === 0) return [];
  const db = bulkDb(hub.store.db);
  const ids = runs.map((r) => r.id);
  const groups = await db
    .selectFrom('bulk_items')
    .select(['run_id', 'organization_id', 'action_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('run_id', 'in', ids)
    .groupBy(['run_id', 'organization_id', 'action_id', 'status'])
    .execute();
  const tasks = await db.selectFrom('bulk_tasks').select(['run_id', 'organization_id', 'seq', 'status']).where('run_id', 'in', ids).orderBy('seq').execute();
  const names = await organizationNames(hub, [...new Set(tasks.map((t) => t.organization_id))]);
  return runs.map((run) => {
    const spec = parseSpec(run.spec);
    const specNames = new Map((spec.organizations ?? []).map((o) => [o.id, o.name]));
    const mine = groups.filter((g) => g.run_id === run.id).map((g) => ({ ...g, n: Number(g.n) }));
    const byAction = new Map<string, number>();
    // Per organization: item count by status (a run may span thousands of organizations).
    const perOrg = new Map<string, Map<BulkItemStatus, number>>();
    for (const g of mine) {
      byAction.set(g.action_id, (byAction.get(g.action_id) ?? 0) + g.n);
      let statuses = perOrg.get(g.organization_id);
      if (!statuses) perOrg.set(g.organization_id, (statuses = new Map()));
      statuses.set(g.status, (statuses.get(g.status) ?? 0) + g.n);
    }
    const byOrganization = tasks
      .filter((t) => t.run_id === run.id)
      .map((t) => {
        const statuses = perOrg.get(t.organization_id) ?? new Map<BulkItemStatus, number>();
        const of = (status: BulkItemStatus) => statuses.get(status) ?? 0;
        return {
          organization_id: t.organization_id,
          name: names.get(t.organization_id) ?? specNames.get(t.organization_id) ?? t.organization_id,
          items: [...statuses.values()].reduce((a, n) => a + n, 0),
          done: of('done'),
          skipped: of('skipped'),
          failed: of('failed'),
          review: of('review'),
          cancelled: of('cancelled'),
          status: t.status,
        };
      });
    const calling = mine.filter((g) => g.status === 'calling').reduce((a, g) => a + g.n, 0);
    return toRunView(run, spec, {
      calling,
      byAction: [...byAction].map(([action_id, items]) => ({ action_id, items })),
      byOrganization,
    });
  });
}

function toRunView(
  run: BulkRunsTable,
  spec: StoredSpec,
  plan: { calling: number; byAction: BulkRunView['plan']['by_action']; byOrganization: BulkRunView['plan']['by_organization'] },
): BulkRunView {
  const total = Number(run.items_total);
  // Ended items are counted on the run as they end (the executor's counters); what is left is pending or calling.
  const ended = ['items_done', 'items_skipped', 'items_failed', 'items_review', 'items_cancelled'] as const;
  const endedCount = ended.reduce((a, k) => a + Number(run[k]), 0);
  const counts = {
    total,
    pending: Math.max(0, total - endedCount - plan.calling),
    calling: plan.calling,
    done: Number(run.items_done),
    skipped: Number(run.items_skipped),
    failed: Number(run.items_failed),
    review: Number(run.items_review),
    cancelled: Number(run.items_cancelled),
  };
  const view: Omit<BulkRunView, 'summary'> = {
    id: run.id,
    title: run.title,
    action_id: run.action_id,
    source: run.source,
    baseline_id: run.baseline_id,
    status: run.status,
    requires_approval: Number(run.requires_approval) === 1,
    approved: run.approved_by !== null,
    approved_by: run.approved_by,
    approved_at: run.approved_at,
    plan_hash: run.plan_hash,
    created_by: run.created_by,
    created_at: run.created_at,
    started_at: run.started_at,
    finished_at: run.finished_at,
    counts,
    plan: { by_action: plan.byAction, by_organization: plan.byOrganization },
    notes: Array.isArray(spec.notes) ? spec.notes.filter((n): n is string => typeof n === 'string') : [],
  };
  return { ...view, summary: summarizeBulkRun(view, spec.per_user === true) };
}

/** One item as the API shows it: the redacted input, never the sealed one. */
export function toBulkItemView(row: BulkItemsTable, organizationName: string): BulkItemView {
  return {
    seq: Number(row.seq),
    organization_id: row.organization_id,
    organization_name: organizationName,
    action_id: row.action_id,
    target: row.target,
    target_id: row.target_id,
    input: JSON.parse(row.input_display) as unknown,
    status: row.status,
    attempts: Number(row.attempts),
    outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as BulkItemView['outcome']),
    started_at: row.started_at,
    finished_at: row.finished_at,
  };
}

/** Names of organizations by id (deleted ones are simply absent). */
export async function organizationNames(hub: HubContext, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await hub.store.db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The stored spec, or an empty one when it is not an object. */
export function parseSpec(json: string): StoredSpec {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' ? (value as StoredSpec) : {};
  } catch {
    return {};
  }
}
