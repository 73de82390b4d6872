import type { Actor } from '../access/actor.js';
import { redactActionInput } from '../actions/redact-action-input.js';
import { auditFailure } from '../audit/audited-write.js';
import { isHubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import { buildBulkPlan, type BuiltBulkPlan } from './build-bulk-plan.js';
import type { BulkDraftView, BulkPlanRequest, BulkRunView } from './bulk-plan-schemas.js';
import { readBulkRunView } from './bulk-run-view.js';
import { computePlanHash } from './compute-plan-hash.js';
import { saveBulkPlan } from './save-bulk-plan.js';
import { summarizeBulkRun } from './summarize-bulk-run.js';

/** `POST /api/bulk-runs`: a dry run answers the draft with every call; otherwise the plan is saved (status `planned`). */
export async function planBulkRun(hub: HubContext, actor: Actor, request: BulkPlanRequest): Promise<{ saved: true; view: BulkRunView } | { saved: false; view: BulkDraftView }> {
  let built: BuiltBulkPlan;
  try {
    built = await buildBulkPlan(hub, actor, request);
  } catch (error) {
    // A refused or failed save is audited as writes are; a dry run that fails only reads, unless it was refused.
    if (!request.dry_run || (isHubError(error) && error.code === 'forbidden')) {
      const inputs = { action_id: request.action_id, organizations: request.organizations, dry_run: request.dry_run ?? false };
      await auditFailure(hub, actor, { action: 'bulk.plan', targetType: 'bulk_run', inputs }, error);
    }
    throw error;
  }
  if (request.dry_run) return { saved: false, view: draftView(hub, actor, built) };
  const { id } = await saveBulkPlan(hub, actor, built.plan);
  return { saved: true, view: await readBulkRunView(hub, actor, id) };
}

/** The view of a plan not saved: id null, status `draft`, and every item it would run. */
function draftView(hub: HubContext, actor: Actor, built: BuiltBulkPlan): BulkDraftView {
  const { plan } = built;
  const items = plan.items.map((item, i) => ({ ...item, seq: i + 1 }));
  const names = new Map(built.organizations.map((o) => [o.id, o.name]));
  const byOrg = new Map<string, number>();
  for (const item of items) byOrg.set(item.organizationId, (byOrg.get(item.organizationId) ?? 0) + 1);
  const total = items.length;
  const view = {
    id: null,
    title: plan.title,
    action_id: plan.actionId,
    source: plan.source,
    baseline_id: null,
    status: 'draft' as const,
    requires_approval: plan.requiresApproval,
    approved: false,
    approved_by: null,
    approved_at: null,
    plan_hash: computePlanHash(items),
    created_by: actor.tokenId ?? actor.kind,
    created_at: hub.now().toISOString(),
    started_at: null,
    finished_at: null,
    counts: { total, pending: total, calling: 0, done: 0, skipped: 0, failed: 0, review: 0, cancelled: 0 },
    plan: {
      by_action: total > 0 && plan.actionId ? [{ action_id: plan.actionId, items: total }] : [],
      by_organization: [...byOrg].map(([organization_id, n]) => ({
        organization_id,
        name: names.get(organization_id) ?? organization_id,
        items: n,
        done: 0,
        skipped: 0,
        failed: 0,
        review: 0,
        cancelled: 0,
        status: 'pending',
      })),
    },
    notes: built.notes,
  };
  return {
    ...view,
    summary: summarizeBulkRun(view, built.perUser),
    items: items.map((item) => ({
      seq: item.seq,
      organization_id: item.organizationId,
      organization_name: names.get(item.organizationId) ?? item.organizationId,
      action_id: item.actionId,
      target: item.target,
      target_id: item.targetId,
      input: redactActionInput(item.input),
      status: 'pending' as const,
      attempts: 0,
      outcome: null,
      started_at: null,
      finished_at: null,
    })),
  };
}
