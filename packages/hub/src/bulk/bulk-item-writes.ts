import { sql } from 'kysely';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import type { HubContext } from '../hub-context.js';
import type { LeaseHolder } from '../jobs/leased-tasks/leased-task-table.js';
import type { BulkItemOutcome } from './bulk-item-outcome.js';
import { bulkDb, type BulkItemsTable, type BulkItemStatus } from './bulk-tables.js';

/** An item as the executor last saw it: the compare-and-set key of every write. */
export interface SeenItem {
  runId: string;
  seq: number;
  organizationId: string;
  status: BulkItemStatus;
  attempts: number;
}

/** The hub itself, acting for a run (the run's own audit entries say who started it). */
const bulkActor: Actor = { kind: 'system', tokenId: null, scopes: ['admin'], organizationIds: null };

/**
 * Records the intent to call, committed before the call: `calling`, attempts + 1. It only applies
 * when the item is still as seen and this holder still holds the organization's task under a live
 * lease, so of two holders (one presumed dead) at most one ever calls, and a holder that lost its
 * claim never starts another call. False when it did not apply.
 */
export async function recordItemIntent(hub: Pick<HubContext, 'store' | 'now'>, item: SeenItem, holder: Pick<LeaseHolder, 'replicaId' | 'workerId'>): Promise<boolean> {
  const nowIso = hub.now().toISOString();
  const res = await bulkDb(hub.store.db)
    .updateTable('bulk_items')
    .set({ status: 'calling', attempts: item.attempts + 1, started_at: nowIso })
    .where('run_id', '=', item.runId)
    .where('seq', '=', item.seq)
    .where('status', '=', item.status)
    .where('attempts', '=', item.attempts)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('bulk_tasks as t')
          .select('t.run_id')
          .where('t.run_id', '=', item.runId)
          .where('t.organization_id', '=', item.organizationId)
          .where('t.status', '=', 'running')
          .where('t.replica_id', '=', holder.replicaId)
          .where('t.worker_id', '=', holder.workerId)
          .where('t.lease_expires_at', '>', nowIso),
      ),
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Hands an item Duo did not act on (429, never sent) back to `pending` until its next call. */
export async function returnItemToPending(hub: Pick<HubContext, 'store'>, item: SeenItem): Promise<boolean> {
  const res = await bulkDb(hub.store.db)
    .updateTable('bulk_items')
    .set({ status: 'pending' })
    .where('run_id', '=', item.runId)
    .where('seq', '=', item.seq)
    .where('status', '=', item.status)
    .where('attempts', '=', item.attempts)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

const COUNTER = { done: 'items_done', skipped: 'items_skipped', failed: 'items_failed', review: 'items_review', cancelled: 'items_cancelled' } as const;
const AUDIT_OUTCOME = { done: 'success', skipped: 'success', failed: 'failure', review: 'unknown', cancelled: 'failure' } as const;

/** A final status of an item. */
export type FinalItemStatus = keyof typeof COUNTER;

/** The item's row fields its audit entry names. */
export type AuditedItem = Pick<BulkItemsTable, 'action_id' | 'target' | 'target_id' | 'input_display'>;

/**
 * Ends an item, once: its status and outcome, the run's counter, and a `bulk.item` audit entry, in
 * one transaction. Applies only when the item is still as seen (a holder that lost its claim, or a
 * duplicate, changes nothing). True when it applied.
 */
export async function finishBulkItem(
  hub: Pick<HubContext, 'store' | 'now' | 'scrubber'>,
  item: SeenItem,
  row: AuditedItem,
  status: FinalItemStatus,
  outcome: BulkItemOutcome,
): Promise<boolean> {
  return hub.store.db.transaction().execute(async (trx) => {
    const db = bulkDb(trx);
    const nowIso = hub.now().toISOString();
    const res = await db
      .updateTable('bulk_items')
      .set({ status, outcome: JSON.stringify(outcome), finished_at: nowIso })
      .where('run_id', '=', item.runId)
      .where('seq', '=', item.seq)
      .where('status', '=', item.status)
      .where('attempts', '=', item.attempts)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    const column = COUNTER[status];
    await db
      .updateTable('bulk_runs')
      .set({ [column]: sql`${sql.ref(column)} + 1`, updated_at: nowIso })
      .where('id', '=', item.runId)
      .execute();
    await recordAudit(
      trx,
      hub,
      bulkActor,
      {
        action: 'bulk.item',
        organizationId: item.organizationId,
        targetType: 'bulk_item',
        targetId: row.target_id ?? row.target,
        inputs: { run_id: item.runId, seq: item.seq, action_id: row.action_id, target: row.target, status, outcome, input: JSON.parse(row.input_display) as unknown },
      },
      AUDIT_OUTCOME[status],
      status === 'failed' ? (outcome.code ?? null) : status === 'review' ? 'review' : null,
    );
    return true;
  });
}
