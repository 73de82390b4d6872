import { requireOrganizationAccess, requireScope, type Actor } from '../access/actor.js';
import { findAction } from '../actions/catalog.js';
import { redactActionInput } from '../actions/redact-action-input.js';
import { auditedWrite, auditFailure } from '../audit/audited-write.js';
import { HubError } from '../errors/hub-error.js';
import { zodIssuesToFieldIssues } from '../errors/zod-issues-to-field-issues.js';
import type { HubContext } from '../hub-context.js';
import { newId } from '../store/new-id.js';
import { sealBulkItemInput } from './bulk-item-input.js';
import { MAX_PLAN_ITEMS } from './bulk-plan-schemas.js';
import { bulkDb, type BulkItemsTable, type BulkTasksTable } from './bulk-tables.js';
import { computePlanHash } from './compute-plan-hash.js';
import type { NewBulkPlan } from './new-bulk-plan.js';

// Longest spec (JSON characters) an audit entry repeats in full.
const AUDIT_SPEC_MAX = 8000;

// Rows per insert: well under SQLite's and Postgres's bound-parameter limits at 14 columns a row.
const INSERT_CHUNK = 200;

/**
 * Saves a plan as a bulk run (status `planned`) and answers its id and plan hash. Every item's input
 * is checked against its action's schema first (the run must not discover a typo at item 900);
 * Accounts API actions are refused for organization-limited actors (those keys reach every child
 * account); run, tasks (one per organization, in first-appearance order) and items (seq from 1, input
 * sealed, shown redacted) are written in one transaction with the audit entry `bulk.plan`.
 */
export async function saveBulkPlan(hub: HubContext, actor: Actor, plan: NewBulkPlan): Promise<{ id: string; planHash: string }> {
  const id = newId('blk');
  const organizationIds = [...new Set(plan.items.map((i) => i.organizationId))];
  const meta = {
    action: 'bulk.plan',
    targetType: 'bulk_run',
    targetId: id,
    organizationId: organizationIds.length === 1 ? organizationIds[0]! : null,
    inputs: {
      title: plan.title,
      action_id: plan.actionId,
      source: plan.source,
      baseline_id: plan.baselineId ?? null,
      requires_approval: plan.requiresApproval,
      items: plan.items.length,
      organization_ids: organizationIds.slice(0, 100),
      spec: auditSpec(plan.spec),
    },
  };
  const items = plan.items.map((item, index) => ({ ...item, seq: index + 1 }));
  let planHash: string;
  try {
    requireScope(actor, 'operate');
    checkItems(actor, plan);
    planHash = computePlanHash(items);
  } catch (error) {
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  await auditedWrite(hub, actor, meta, async (trx) => {
    const known = new Set<string>();
    for (let i = 0; i < organizationIds.length; i += INSERT_CHUNK) {
      const rows = await trx.selectFrom('organizations').select('id').where('id', 'in', organizationIds.slice(i, i + INSERT_CHUNK)).execute();
      for (const r of rows) known.add(r.id);
    }
    const missing = organizationIds.find((o) => !known.has(o));
    if (missing) throw new HubError('validation_failed', { details: [{ in: 'body', field: 'items.organization_id', message: `no organization with the id ${missing}` }] });
    const now = hub.now().toISOString();
    const db = bulkDb(trx);
    await db
      .insertInto('bulk_runs')
      .values({
        id,
        title: plan.title,
        action_id: plan.actionId,
        source: plan.source,
        baseline_id: plan.baselineId ?? null,
        status: 'planned',
        requires_approval: plan.requiresApproval ? 1 : 0,
        approved_by: null,
        approved_at: null,
        spec: JSON.stringify(redactActionInput(plan.spec) ?? null),
        plan_hash: planHash,
        items_total: items.length,
        items_done: 0,
        items_skipped: 0,
        items_failed: 0,
        items_review: 0,
        items_cancelled: 0,
        created_by: actor.tokenId ?? actor.kind,
        created_at: now,
        started_at: null,
        finished_at: null,
        updated_at: now,
      })
      .execute();
    const tasks: BulkTasksTable[] = organizationIds.map((organizationId, seq) => ({
      run_id: id,
      organization_id: organizationId,
      seq,
      status: 'pending',
      attempts: 0,
      replica_id: null,
      worker_id: null,
      lease_expires_at: null,
      started_at: null,
      finished_at: null,
    }));
    for (let i = 0; i < tasks.length; i += INSERT_CHUNK) await db.insertInto('bulk_tasks').values(tasks.slice(i, i + INSERT_CHUNK)).execute();
    for (let i = 0; i < items.length; i += INSERT_CHUNK) {
      const rows: BulkItemsTable[] = items.slice(i, i + INSERT_CHUNK).map((item) => ({
        run_id: id,
        seq: item.seq,
        organization_id: item.organizationId,
        action_id: item.actionId,
        target: item.target,
        target_id: item.targetId,
        input_sealed: sealBulkItemInput(hub.store, id, item.seq, item.input),
        input_display: JSON.stringify(redactActionInput(item.input) ?? {}),
        status: 'pending',
        attempts: 0,
        outcome: null,
        started_at: null,
        finished_at: null,
      }));
      await db.insertInto('bulk_items').values(rows).execute();
    }
  });
  return { id, planHash: planHash! };
}

/** The spec as the audit entry keeps it: redacted, and only its size when it is long (a list of 50,000 usernames). */
function auditSpec(spec: unknown): unknown {
  const redacted = redactActionInput(spec);
  const bytes = (JSON.stringify(redacted) ?? '').length;
  return bytes <= AUDIT_SPEC_MAX ? redacted : { omitted: 'too long for the audit entry; the run keeps it', bytes };
}

/** The checks that need no database: size, known actions, the actor's reach, each input against its schema. */
function checkItems(actor: Actor, plan: NewBulkPlan): void {
  if (plan.items.length === 0) {
    throw new HubError('validation_failed', { message: 'The plan has no calls to make.', details: [{ in: 'body', field: 'items', message: 'no calls to make' }] });
  }
  if (plan.items.length > MAX_PLAN_ITEMS) {
    throw new HubError('validation_failed', {
      message: `A plan holds at most ${MAX_PLAN_ITEMS} calls; split it (by organization or tag).`,
      details: [{ in: 'body', field: 'items', message: `${plan.items.length} calls; at most ${MAX_PLAN_ITEMS}` }],
    });
  }
  const checkedOrgs = new Set<string>();
  plan.items.forEach((item, index) => {
    if (!checkedOrgs.has(item.organizationId)) {
      requireOrganizationAccess(actor, item.organizationId);
      checkedOrgs.add(item.organizationId);
    }
    const action = findAction(item.actionId);
    if (!action) throw new HubError('validation_failed', { details: [{ in: 'body', field: `items.${index}.action_id`, message: `no action has the id ${item.actionId}` }] });
    if (action.api === 'accounts' && actor.organizationIds !== null) {
      throw new HubError('forbidden', {
        message: `This token is limited to organizations; ${action.id} uses the Accounts API, which reaches beyond one organization.`,
        details: { reason: 'organization_limited' },
      });
    }
    const parsed = action.input.safeParse(item.input ?? {});
    if (!parsed.success) {
      throw new HubError('validation_failed', {
        message: `Invalid input for ${action.id} (item ${index + 1}${item.target ? `, ${item.target}` : ''}).`,
        details: zodIssuesToFieldIssues(parsed.error, 'body').map((d) => ({ ...d, field: d.field ? `input.${d.field}` : 'input' })),
      });
    }
  });
}
