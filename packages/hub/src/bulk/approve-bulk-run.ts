import { requireScope, type Actor } from '../access/actor.js';
import { auditedWrite, auditFailure } from '../audit/audited-write.js';
import { HubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import type { BulkRunView } from './bulk-plan-schemas.js';
import { readBulkRunView } from './bulk-run-view.js';
import { bulkDb, type BulkRunsTable } from './bulk-tables.js';
import { requireBulkRunAccess } from './require-bulk-run-access.js';

/**
 * Approves a planned run that requires approval: the `approve` scope (admin implies it), a token
 * other than the one that made the plan (a second person; the CLI operator on the store may approve),
 * and the plan hash the approver read, so a plan changed since is not approved blind (409 conflict).
 */
export async function approveBulkRun(hub: HubContext, actor: Actor, runId: string, planHash: string): Promise<BulkRunView> {
  const meta = { action: 'bulk.approve', targetType: 'bulk_run', targetId: runId, inputs: { plan_hash: planHash } };
  let run: BulkRunsTable;
  try {
    requireScope(actor, 'approve');
    run = await requireBulkRunAccess(hub, actor, runId);
    if (actor.kind === 'token' && actor.tokenId !== null && actor.tokenId === run.created_by) {
      throw new HubError('forbidden', {
        message: 'The token that made a plan cannot approve it; approval needs a second token with the `approve` scope.',
        details: { reason: 'approver_is_creator' },
      });
    }
  } catch (error) {
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  const orgIds = await bulkDb(hub.store.db).selectFrom('bulk_tasks').select('organization_id').where('run_id', '=', runId).execute();
  await auditedWrite(hub, actor, { ...meta, organizationId: orgIds.length === 1 ? orgIds[0]!.organization_id : null }, async (trx) => {
    const now = hub.now().toISOString();
    const updated = await bulkDb(trx)
      .updateTable('bulk_runs')
      .set({ approved_by: actor.tokenId ?? actor.kind, approved_at: now, updated_at: now })
      .where('id', '=', runId)
      .where('status', '=', 'planned')
      .where('requires_approval', '=', 1)
      .where('approved_by', 'is', null)
      .where('plan_hash', '=', planHash)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) return;
    const current = await bulkDb(trx).selectFrom('bulk_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    throw new HubError('conflict', { message: whyNot(current, planHash), details: { status: current.status, plan_hash: current.plan_hash } });
  });
  return readBulkRunView(hub, actor, runId);
}

function whyNot(run: BulkRunsTable, planHash: string): string {
  if (run.status !== 'planned') return `The run is ${run.status}; only a planned run can be approved.`;
  if (Number(run.requires_approval) !== 1) return 'The run does not require approval; run it with its plan_hash.';
  if (run.approved_by !== null) return 'The run is already approved.';
  if (run.plan_hash !== planHash) return 'plan_hash does not match the run: read the plan again before approving it.';
  return 'The run cannot be approved now.';
}
