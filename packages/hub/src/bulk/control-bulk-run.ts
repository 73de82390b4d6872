import { sql } from 'kysely';
import { requireScope, type Actor } from '../access/actor.js';
import { auditedWrite } from '../audit/audited-write.js';
import { recordAudit } from '../audit/record-audit.js';
import { HubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import type { Db } from '../store/database.js';
import { bulkJobsOf } from './bulk-jobs.js';
import { completeBulkRunIfDone } from './complete-bulk-run.js';
import { bulkDb, type BulkRunStatus } from './bulk-tables.js';
import { requireBulkRunAccess } from './require-bulk-run-access.js';

/** A 409 naming why a run cannot make the transition. */
function conflict(message: string, reason: string, status?: BulkRunStatus): HubError {
  return new HubError('conflict', { message, details: { reason, ...(status ? { status } : {}) } });
}

/**
 * Queues a planned run for execution (`bulk.run`): the caller passes back the plan hash it saw, so
 * exactly the items it read (and an approver approved) run. 409 when the run is not planned, the hash
 * differs, or approval is required and missing.
 */
export async function startBulkRun(hub: HubContext, actor: Actor, runId: string, planHash: string): Promise<void> {
  requireScope(actor, 'operate');
  const run = await requireBulkRunAccess(hub, actor, runId);
  const meta = { action: 'bulk.run', targetType: 'bulk_run', targetId: runId, inputs: { plan_hash: planHash } };
  await auditedWrite(hub, actor, meta, async (trx) => {
    if (run.status !== 'planned') throw conflict(`The run is ${run.status}; only a planned run can be started.`, 'not_planned', run.status);
    if (planHash !== run.plan_hash) throw conflict('The plan hash differs from the saved plan: read the plan again and pass its plan_hash.', 'plan_hash_mismatch');
    if (run.requires_approval && !run.approved_by) throw conflict('The run requires approval by another token before it can start.', 'approval_required');
    const now = hub.now().toISOString();
    const res = await bulkDb(trx)
      .updateTable('bulk_runs')
      .set({ status: 'queued', updated_at: now })
      .where('id', '=', runId)
      .where('status', '=', 'planned')
      .where('plan_hash', '=', planHash)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('The run changed meanwhile; read it again.', 'changed');
  });
  // A plan without items has no task to finish it.
  await completeBulkRunIfDone(hub, runId);
  bulkJobsOf(hub)?.runner.notify(runId);
}

/** Pauses a queued or running run (`bulk.pause`): each organization's task stops after its current item and hands its claim back. */
export async function pauseBulkRun(hub: HubContext, actor: Actor, runId: string): Promise<void> {
  requireScope(actor, 'operate');
  await requireBulkRunAccess(hub, actor, runId);
  await auditedWrite(hub, actor, { action: 'bulk.pause', targetType: 'bulk_run', targetId: runId }, async (trx) => {
    const res = await bulkDb(trx)
      .updateTable('bulk_runs')
      .set({ status: 'paused', updated_at: hub.now().toISOString() })
      .where('id', '=', runId)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw await notIn(trx, runId, 'paused', 'queued or running');
  });
  bulkJobsOf(hub)?.runner.abortRun(runId, 'run paused');
}

/** Resumes a paused run (`bulk.resume`): its unfinished tasks are claimable again. */
export async function resumeBulkRun(hub: HubContext, actor: Actor, runId: string): Promise<void> {
  requireScope(actor, 'operate');
  await requireBulkRunAccess(hub, actor, runId);
  await auditedWrite(hub, actor, { action: 'bulk.resume', targetType: 'bulk_run', targetId: runId }, async (trx) => {
    const res = await bulkDb(trx)
      .updateTable('bulk_runs')
      // A run that never started goes back to the queue; one that did carries on as running.
      .set({ status: sql<BulkRunStatus>`case when started_at is null then 'queued' else 'running' end`, updated_at: hub.now().toISOString() })
      .where('id', '=', runId)
      .where('status', '=', 'paused')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw await notIn(trx, runId, 'resumed', 'paused');
  });
  // Its last task may have ended just as it was paused: then no task is left to complete it.
  await completeBulkRunIfDone(hub, runId);
  bulkJobsOf(hub)?.runner.notify(runId);
}

/**
 * Cancels a queued, running or paused run (`bulk.cancel`): pending items become `cancelled` (counted),
 * the item each working task is calling finishes, and an item left `calling` by a holder that is gone
 * goes to `review` (its call may or may not have been made).
 */
export async function cancelBulkRun(hub: HubContext, actor: Actor, runId: string): Promise<void> {
  requireScope(actor, 'operate');
  await requireBulkRunAccess(hub, actor, runId);
  await auditedWrite(hub, actor, { action: 'bulk.cancel', targetType: 'bulk_run', targetId: runId }, async (trx) => {
    const db = bulkDb(trx);
    const now = hub.now().toISOString();
    const res = await db
      .updateTable('bulk_runs')
      .set({ status: 'cancelled', finished_at: now, updated_at: now })
      .where('id', '=', runId)
      .where('status', 'in', ['queued', 'running', 'paused'])
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw await notIn(trx, runId, 'cancelled', 'queued, running or paused');
    const cancelled = await db
      .updateTable('bulk_items')
      .set({ status: 'cancelled', finished_at: now, outcome: JSON.stringify({ code: 'cancelled', message: 'The run was cancelled before this item was called.' }) })
      .where('run_id', '=', runId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    // Items left calling by a task nobody holds under a live lease: their holder died mid-call.
    const orphaned = await db
      .updateTable('bulk_items')
      .set({
        status: 'review',
        finished_at: now,
        outcome: JSON.stringify({ code: 'review', message: 'The run was cancelled while this call was unanswered (the hub stopped): check whether it took effect.' }),
      })
      .where('run_id', '=', runId)
      .where('status', '=', 'calling')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('bulk_tasks as t')
              .select('t.run_id')
              .whereRef('t.run_id', '=', 'bulk_items.run_id')
              .whereRef('t.organization_id', '=', 'bulk_items.organization_id')
              .where('t.status', '=', 'running')
              .where('t.lease_expires_at', '>', now),
          ),
        ),
      )
      .executeTakeFirst();
    await db
      .updateTable('bulk_runs')
      .set((eb) => ({
        items_cancelled: eb('items_cancelled', '+', Number(cancelled.numUpdatedRows)),
        items_review: eb('items_review', '+', Number(orphaned.numUpdatedRows)),
      }))
      .where('id', '=', runId)
      .execute();
    await db.updateTable('bulk_tasks').set({ status: 'cancelled', finished_at: now, lease_expires_at: null }).where('run_id', '=', runId).where('status', '=', 'pending').execute();
    // Cancelled items are audited one by one, like every other item end.
    const items = await db.selectFrom('bulk_items').select(['seq', 'status', 'organization_id', 'action_id', 'target', 'target_id']).where('run_id', '=', runId).where('status', 'in', ['cancelled', 'review']).where('finished_at', '=', now).execute();
    for (const item of items) {
      await recordAudit(trx, hub, actor, {
        action: 'bulk.item',
        organizationId: item.organization_id,
        targetType: 'bulk_item',
        targetId: item.target_id ?? item.target,
        inputs: { run_id: runId, seq: item.seq, action_id: item.action_id, target: item.target, status: item.status },
      }, item.status === 'review' ? 'unknown' : 'failure', item.status === 'review' ? 'review' : 'cancelled');
    }
  });
  bulkJobsOf(hub)?.runner.abortRun(runId, 'run cancelled');
}

/** The conflict for a run not in a state the transition starts from. */
async function notIn(trx: Db, runId: string, verb: string, from: string): Promise<HubError> {
  const row = await bulkDb(trx).selectFrom('bulk_runs').select('status').where('id', '=', runId).executeTakeFirst();
  const status = row?.status;
  return conflict(`The run is ${status ?? 'gone'}; only a ${from} run can be ${verb}.`, 'wrong_status', status);
}
