import type { Kysely } from 'kysely';
import type { LogSyncDatabase } from './log-sync-tables.js';

/** Rows deleted per statement: short transactions, so syncs and searches never wait long behind a prune. */
export const PRUNE_BATCH = 5000;

/**
 * Deletes stored log entries that happened before `cutoffMs`, `batch` rows per transaction (oldest
 * first, by the time index) until none is left, taking each batch off its units' `events_stored`
 * in the same transaction. Returns how many were deleted. Safe to run on several replicas at once:
 * each statement deletes what is still there and counts only what it deleted.
 */
export async function pruneLogEvents(db: Kysely<LogSyncDatabase>, cutoffMs: number, options: { batch?: number; signal?: AbortSignal } = {}): Promise<number> {
  const batch = options.batch ?? PRUNE_BATCH;
  let total = 0;
  for (;;) {
    if (options.signal?.aborted) return total;
    const deleted = await db.transaction().execute(async (trx) => {
      const gone = await trx
        .deleteFrom('log_events')
        .where('id', 'in', (eb) => eb.selectFrom('log_events').select('id').where('occurred_at', '<', cutoffMs).orderBy('occurred_at').limit(batch))
        .returning(['integration_id', 'duo_account_id', 'log_type'])
        .execute();
      const perUnit = new Map<string, { integrationId: string; accountId: string; logType: (typeof gone)[number]['log_type']; n: number }>();
      for (const r of gone) {
        const key = `${r.integration_id}|${r.duo_account_id}|${r.log_type}`;
        const entry = perUnit.get(key) ?? { integrationId: r.integration_id, accountId: r.duo_account_id, logType: r.log_type, n: 0 };
        entry.n += 1;
        perUnit.set(key, entry);
      }
      // In key order, so two pruning replicas lock units in the same order.
      for (const [, u] of [...perUnit.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        await trx
          .updateTable('log_checkpoints')
          .set((eb) => ({ events_stored: eb('events_stored', '-', u.n) }))
          .where('integration_id', '=', u.integrationId)
          .where('duo_account_id', '=', u.accountId)
          .where('log_type', '=', u.logType)
          .execute();
      }
      return gone.length;
    });
    total += deleted;
    if (deleted < batch) return total;
  }
}
