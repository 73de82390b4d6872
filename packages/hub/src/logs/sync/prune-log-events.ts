import type { Kysely } from 'kysely';
import type { LogSyncDatabase } from './log-sync-tables.js';

/** Rows deleted per statement: short transactions, so syncs and searches never wait long behind a prune. */
export const PRUNE_BATCH = 5000;

/**
 * Deletes stored log entries that happened before `cutoffMs`, `batch` rows per statement (oldest
 * first, by the time index) until none is left. Returns how many were deleted. Safe to run on
 * several replicas at once: each statement deletes what is still there.
 */
export async function pruneLogEvents(db: Kysely<LogSyncDatabase>, cutoffMs: number, options: { batch?: number; signal?: AbortSignal } = {}): Promise<number> {
  const batch = options.batch ?? PRUNE_BATCH;
  let total = 0;
  for (;;) {
    if (options.signal?.aborted) return total;
    const res = await db
      .deleteFrom('log_events')
      .where('id', 'in', (eb) => eb.selectFrom('log_events').select('id').where('occurred_at', '<', cutoffMs).orderBy('occurred_at').limit(batch))
      .executeTakeFirst();
    const deleted = Number(res.numDeletedRows);
    total += deleted;
    if (deleted < batch) return total;
  }
}
