import type { LogDestinationsTable } from './forwarding-tables.js';
import type { ForwardingDb } from './forwarding-tables.js';
import { destinationFilter } from './destination-filter.js';

/** How one scan reads. */
export interface FillOptions {
  nowMs: number;
  safetyWindowMs: number;
  pageSize: number;
  /** Rescan the whole safety window behind the watermark (else only from the watermark on). */
  sweep: boolean;
}

/** What one scan did. */
export interface FillResult {
  queued: number;
  watermark: string;
}

/** `iso - ms`, as ISO; '' (the beginning) stays ''. */
export function isoMinus(iso: string, ms: number): string {
  if (iso === '') return '';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(Math.max(0, t - ms)).toISOString();
}

/** The later of two ISO times ('' is the earliest). */
function later(a: string, b: string): string {
  return a >= b ? a : b;
}

/**
 * Queues every matching stored event a destination has not queued yet: the outbox.
 *
 * Why not "id > last id": event ids are time-ordered text made by whichever replica stored the
 * event, at the time it prepared the row, and rows become visible when their transaction commits.
 * A replica whose transaction commits late (or whose clock is behind) makes rows that sort *before*
 * ids already seen, and a plain cursor would skip them for ever.
 *
 * So a destination keeps a watermark W (an `ingested_at`): every matching event stored before W,
 * except ones stored late within the safety window, is known to be queued. Each scan reads matching
 * events with `ingested_at >= W` (every tick) or `>= W - safetyWindow` (a sweep, every `sweepMs` and
 * whenever a replica takes the destination over) that have no delivery row yet (an anti-join on
 * `log_deliveries`, whose primary key (destination_id, item_id) is the dedupe), page by page until
 * none is left, and inserts them with ON CONFLICT DO NOTHING (two scanners can never queue an item
 * twice). W then moves to the newest `ingested_at` that existed when the scan began (read first, so
 * a row stored meanwhile is at or after the new W). An event stored late is found as long as its
 * `ingested_at` is no more than the safety window behind the newest one seen: transactions and clock
 * skew well under 5 minutes. Delivered rows are pruned only once they are 2 windows behind W, so a
 * sweep never queues an event again.
 */
export async function fillOutbox(db: ForwardingDb, dest: LogDestinationsTable, options: FillOptions): Promise<FillResult> {
  const filter = destinationFilter(dest);
  if (!filter.events || (filter.organizationIds?.length === 0) || (filter.logTypes?.length === 0)) return { queued: 0, watermark: dest.watermark };
  const lower = later(dest.deliver_from, options.sweep ? isoMinus(dest.watermark, options.safetyWindowMs) : dest.watermark);
  const newest = await db.selectFrom('log_events').select((eb) => eb.fn.max('ingested_at').as('newest')).executeTakeFirst();
  const newestSeen = (newest?.newest as string | null | undefined) ?? '';
  const createdAt = new Date(options.nowMs).toISOString();
  let queued = 0;
  for (;;) {
    let query = db
      .selectFrom('log_events as e')
      .select(['e.id', 'e.integration_id', 'e.duo_account_id', 'e.occurred_at', 'e.ingested_at'])
      .where((eb) => eb.not(eb.exists(eb.selectFrom('log_deliveries as d').select('d.item_id').where('d.destination_id', '=', dest.id).whereRef('d.item_id', '=', 'e.id'))));
    if (lower !== '') query = query.where('e.ingested_at', '>=', lower);
    if (filter.organizationIds) query = query.where('e.organization_id', 'in', filter.organizationIds);
    if (filter.logTypes) query = query.where('e.log_type', 'in', filter.logTypes as never);
    const rows = await query.orderBy('e.ingested_at').orderBy('e.id').limit(options.pageSize).execute();
    if (rows.length === 0) break;
    await db
      .insertInto('log_deliveries')
      .values(
        rows.map((r) => ({
          destination_id: dest.id,
          item_id: r.id,
          item_kind: 'event' as const,
          partition_key: `${r.integration_id}|${r.duo_account_id}`,
          occurred_at: Number(r.occurred_at),
          ingested_at: r.ingested_at,
          status: 'pending' as const,
          attempts: 0,
          next_attempt_at: null,
          last_error: null,
          delivered_at: null,
          created_at: createdAt,
        })),
      )
      .onConflict((oc) => oc.columns(['destination_id', 'item_id']).doNothing())
      .execute();
    queued += rows.length;
    if (rows.length < options.pageSize) break;
  }
  const watermark = later(dest.watermark, newestSeen);
  if (watermark !== dest.watermark) {
    await db.updateTable('log_destinations').set({ watermark }).where('id', '=', dest.id).where('watermark', '<', watermark).execute();
  }
  return { queued, watermark };
}

/**
 * Drops finished deliveries no rescan can reach again: events delivered (or given up) more than two
 * safety windows behind the watermark; alerts, which are queued once when they fire, after a day.
 */
export async function pruneDeliveries(db: ForwardingDb, dest: Pick<LogDestinationsTable, 'id' | 'watermark'>, options: { nowMs: number; safetyWindowMs: number }): Promise<number> {
  const eventsBefore = isoMinus(dest.watermark, 2 * options.safetyWindowMs);
  let removed = 0;
  if (eventsBefore !== '') {
    const r = await db
      .deleteFrom('log_deliveries')
      .where('destination_id', '=', dest.id)
      .where('item_kind', '=', 'event')
      .where('status', 'in', ['delivered', 'failed'])
      .where('ingested_at', '<', eventsBefore)
      .executeTakeFirst();
    removed += Number(r.numDeletedRows);
  }
  const alertsBefore = new Date(options.nowMs - 24 * 3600_000).toISOString();
  const a = await db
    .deleteFrom('log_deliveries')
    .where('destination_id', '=', dest.id)
    .where('item_kind', '=', 'alert')
    .where('status', 'in', ['delivered', 'failed'])
    .where('ingested_at', '<', alertsBefore)
    .executeTakeFirst();
  return removed + Number(a.numDeletedRows);
}
