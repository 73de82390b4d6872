import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import type { HubContext } from '../hub-context.js';
import { bulkDb } from './bulk-tables.js';

const systemBulkActor: Actor = { kind: 'system', tokenId: null, scopes: ['admin'], organizationIds: null };

/**
 * Closes a run whose every task ended: `completed`, with its finish time and a `bulk.complete` audit
 * entry carrying the counters. The status update is conditional, so of concurrent finishers exactly
 * one closes it. Returns whether this call closed it.
 */
export async function completeBulkRunIfDone(hub: Pick<HubContext, 'store' | 'now' | 'scrubber'>, runId: string): Promise<boolean> {
  return hub.store.db.transaction().execute(async (trx) => {
    const db = bulkDb(trx);
    const open = await db
      .selectFrom('bulk_tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('run_id', '=', runId)
      .where('status', 'in', ['pending', 'running'])
      .executeTakeFirstOrThrow();
    if (Number(open.n) > 0) return false;
    const nowIso = hub.now().toISOString();
    const res = await db
      .updateTable('bulk_runs')
      .set({ status: 'completed', finished_at: nowIso, updated_at: nowIso })
      .where('id', '=', runId)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    const run = await db.selectFrom('bulk_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    await recordAudit(trx, hub, systemBulkActor, {
      action: 'bulk.complete',
      targetType: 'bulk_run',
      targetId: runId,
      inputs: {
        items_total: run.items_total,
        items_done: run.items_done,
        items_skipped: run.items_skipped,
        items_failed: run.items_failed,
        items_review: run.items_review,
        items_cancelled: run.items_cancelled,
      },
    }, run.items_failed + run.items_review > 0 ? 'failure' : 'success');
    return true;
  });
}
