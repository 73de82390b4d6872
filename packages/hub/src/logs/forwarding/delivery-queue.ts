import type { ForwardItem } from './forward-items.js';
import type { Kysely } from 'kysely';
import type { ForwardingDatabase, ForwardingDb, LogDeliveriesTable } from './forwarding-tables.js';

/**
 * Up to `limit` pending deliveries of a destination that may be sent now, oldest first: partitions
 * (Duo accounts) whose head waits for a retry are left out entirely, so an account's later events
 * never overtake an earlier one. Because rows come in (occurred_at, item_id) order, the first row of
 * a partition in the page is that partition's head.
 */
export async function loadDueDeliveries(db: ForwardingDb, destinationId: string, nowMs: number, limit: number): Promise<LogDeliveriesTable[]> {
  const nowIso = new Date(nowMs).toISOString();
  return db
    .selectFrom('log_deliveries')
    .selectAll()
    .where('destination_id', '=', destinationId)
    .where('status', '=', 'pending')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('log_deliveries as waiting')
            .select('waiting.item_id')
            .where('waiting.destination_id', '=', destinationId)
            .where('waiting.status', '=', 'pending')
            .where('waiting.next_attempt_at', '>', nowIso)
            .whereRef('waiting.partition_key', '=', 'log_deliveries.partition_key'),
        ),
      ),
    )
    .orderBy('occurred_at')
    .orderBy('item_id')
    .limit(limit)
    .execute();
}

/** Rows grouped by partition, each group in delivery order, groups in the order of their heads (pure). */
export function groupByPartition(rows: readonly LogDeliveriesTable[]): LogDeliveriesTable[][] {
  const groups = new Map<string, LogDeliveriesTable[]>();
  for (const row of rows) {
    const group = groups.get(row.partition_key);
    if (group) group.push(row);
    else groups.set(row.partition_key, [row]);
  }
  return [...groups.values()];
}

/** The stored items behind delivery rows, by item id (events and alerts deleted since are absent). */
export async function loadItems(db: ForwardingDb, rows: readonly LogDeliveriesTable[]): Promise<Map<string, ForwardItem>> {
  const out = new Map<string, ForwardItem>();
  const eventIds = rows.filter((r) => r.item_kind === 'event').map((r) => r.item_id);
  const alertIds = rows.filter((r) => r.item_kind === 'alert').map((r) => r.item_id);
  for (let i = 0; i < eventIds.length; i += 500) {
    const events = await db.selectFrom('log_events').selectAll().where('id', 'in', eventIds.slice(i, i + 500)).execute();
    for (const event of events) out.set(event.id, { kind: 'event', event });
  }
  for (let i = 0; i < alertIds.length; i += 500) {
    const alerts = await db.selectFrom('alerts').selectAll().where('id', 'in', alertIds.slice(i, i + 500)).execute();
    for (const alert of alerts) out.set(alert.id, { kind: 'alert', alert });
  }
  return out;
}

/**
 * Marks pending deliveries delivered and counts them on the destination, in one transaction: a
 * reader never sees an item delivered and not yet counted. Returns how many changed.
 */
export async function markDelivered(db: ForwardingDb, destinationId: string, itemIds: readonly string[], nowMs: number): Promise<number> {
  if (itemIds.length === 0) return 0;
  if (db.isTransaction) return markDeliveredIn(db, destinationId, itemIds, nowMs);
  return (db as Kysely<ForwardingDatabase>).transaction().execute((trx) => markDeliveredIn(trx, destinationId, itemIds, nowMs));
}

async function markDeliveredIn(db: ForwardingDb, destinationId: string, itemIds: readonly string[], nowMs: number): Promise<number> {
  const nowIso = new Date(nowMs).toISOString();
  let changed = 0;
  for (let i = 0; i < itemIds.length; i += 500) {
    const r = await db
      .updateTable('log_deliveries')
      .set((eb) => ({ status: 'delivered', attempts: eb('attempts', '+', 1), next_attempt_at: null, last_error: null, delivered_at: nowIso }))
      .where('destination_id', '=', destinationId)
      .where('item_id', 'in', itemIds.slice(i, i + 500))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    changed += Number(r.numUpdatedRows);
  }
  await db
    .updateTable('log_destinations')
    .set((eb) => ({ delivered_count: eb('delivered_count', '+', changed), consecutive_failures: 0, last_delivered_at: nowIso }))
    .where('id', '=', destinationId)
    .execute();
  return changed;
}

/** Records a failed attempt: the item waits until `nextAttemptMs` (its partition with it). */
export async function markRetry(db: ForwardingDb, destinationId: string, itemId: string, nowMs: number, nextAttemptMs: number, error: string): Promise<void> {
  await db
    .updateTable('log_deliveries')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: new Date(nextAttemptMs).toISOString(), last_error: error }))
    .where('destination_id', '=', destinationId)
    .where('item_id', '=', itemId)
    .where('status', '=', 'pending')
    .execute();
  await recordDestinationError(db, destinationId, nowMs, error);
}

/** Gives an item up (refused by the receiver, or no longer stored): counted as failed, delivery moves on. */
export async function markFailed(db: ForwardingDb, destinationId: string, itemId: string, nowMs: number, error: string): Promise<void> {
  const r = await db
    .updateTable('log_deliveries')
    .set((eb) => ({ status: 'failed', attempts: eb('attempts', '+', 1), next_attempt_at: null, last_error: error }))
    .where('destination_id', '=', destinationId)
    .where('item_id', '=', itemId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  const n = Number(r.numUpdatedRows);
  await db
    .updateTable('log_destinations')
    .set((eb) => ({ failed_count: eb('failed_count', '+', n), last_error: error, last_error_at: new Date(nowMs).toISOString() }))
    .where('id', '=', destinationId)
    .execute();
}

/** Notes a failure on the destination (shown by the API) and counts it as consecutive. */
export async function recordDestinationError(db: ForwardingDb, destinationId: string, nowMs: number, error: string): Promise<void> {
  await db
    .updateTable('log_destinations')
    .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1), last_error: error, last_error_at: new Date(nowMs).toISOString() }))
    .where('id', '=', destinationId)
    .execute();
}
