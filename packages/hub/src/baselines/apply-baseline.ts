import { requireScope, requireUnlimited, type Actor } from '../access/actor.js';
import { auditFailure } from '../audit/audited-write.js';
import { readBulkRunView } from '../bulk/bulk-run-view.js';
import { saveBulkPlan } from '../bulk/save-bulk-plan.js';
import { HubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import { baselinePlanItems, type DriftedOrganization } from './baseline-plan-items.js';
import { loadBaseline, loadOrganizations } from './baseline-records.js';
import { baselineDb } from './baseline-tables.js';
import { runBaselineCheck } from './check-baseline.js';

/** Options of an apply. */
export interface ApplyOptions {
  requires_approval: boolean;
  /** Check first, so the plan holds the drift as it is now (default in the API: true). */
  recheck: boolean;
}

/**
 * Plans the bulk run that sets every open drift of the baseline back to its wanted value: one
 * `settings.update` per drifted organization with only its drifted settings, and a `policies.update`
 * of its global policy for drifted policy settings. Saved as a `planned` run (source `baseline`)
 * through saveBulkPlan; executing it is the bulk run's own business (POST /api/bulk-runs/{id}/run),
 * with approval first when asked. Nothing to apply is a 409 `conflict`.
 */
export async function applyBaseline(hub: HubContext, actor: Actor, idOrName: string, options: ApplyOptions) {
  requireScope(actor, 'operate');
  requireUnlimited(actor);
  const baseline = await loadBaseline(hub, idOrName);
  const meta = { action: 'baselines.apply', targetType: 'baseline', targetId: baseline.row.id };
  if (options.recheck) await runBaselineCheck(hub, baseline);
  const rows = await baselineDb(hub.store.db).selectFrom('baseline_drift').select(['organization_id', 'field']).where('baseline_id', '=', baseline.row.id).execute();
  const organizations = await loadOrganizations(hub);
  const drifted: DriftedOrganization[] = organizations
    .map((o) => ({ id: o.id, name: o.name, fields: rows.filter((r) => r.organization_id === o.id).map((r) => r.field).sort() }))
    .filter((o) => o.fields.length > 0);
  const items = baselinePlanItems(baseline.wanted, drifted);
  if (items.length === 0) {
    const error = new HubError('conflict', {
      message: `Baseline "${baseline.row.name}" has no open drift to apply${baseline.row.last_checked_at ? '' : '; check it first'}.`,
      details: { reason: 'no_drift' },
    });
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  const actions = [...new Set(items.map((i) => i.actionId))];
  const saved = await saveBulkPlan(hub, actor, {
    title: `Apply baseline "${baseline.row.name}" to ${drifted.length} organization${drifted.length === 1 ? '' : 's'}`,
    actionId: actions.length === 1 ? actions[0]! : null,
    source: 'baseline',
    baselineId: baseline.row.id,
    requiresApproval: options.requires_approval,
    spec: { baseline_id: baseline.row.id, baseline_name: baseline.row.name, organizations: drifted.map((o) => ({ id: o.id, fields: o.fields })) },
    items,
  });
  return readBulkRunView(hub, actor, saved.id);
}
