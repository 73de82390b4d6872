import type { Kysely } from 'kysely';
import { logAccountOwner } from '../log-account-owner.js';
import type { LogEventsTable } from '../log-tables.js';
import { heldUnit, LostLogClaimError, type ClaimedLogUnit } from './log-unit-claim.js';
import type { LogSyncCursor } from './log-sync-cursor.js';
import type { LogSyncDatabase } from './log-sync-tables.js';

// 16 columns a row: 500 rows stay far below SQLite's 32,766 and Postgres' 65,535 bound parameters.
const INSERT_CHUNK = 500;

/** A page ready to store and the position it moves the unit to. */
export interface LogPageCommit {
  rows: LogEventsTable[];
  cursor: LogSyncCursor | null;
  syncedThrough: number | null;
}

/**
 * Stores a page and advances the unit's checkpoint in one transaction, so a crash anywhere leaves
 * either both or neither: rows are inserted with ON CONFLICT DO NOTHING on Duo's identity of the
 * entry (a page read twice stores nothing twice), and the checkpoint moves only while this worker's
 * claim holds; that UPDATE runs first, so on Postgres it also locks the unit against a competing
 * holder until the commit. Renews the lease on the way and counts the new rows into the unit's
 * `events_stored`. Returns how many rows were new; throws
 * LostLogClaimError (rolling everything back) when the claim is gone.
 */
export async function commitLogPage(db: Kysely<LogSyncDatabase>, claimed: ClaimedLogUnit, page: LogPageCommit, lease: { leaseMs: number; nowMs: number }): Promise<number> {
  const unique = new Map<string, LogEventsTable>();
  for (const row of page.rows) if (!unique.has(row.event_key)) unique.set(row.event_key, row);
  const rows = [...unique.values()];
  return db.transaction().execute(async (trx) => {
    const nowIso = new Date(lease.nowMs).toISOString();
    const moved = await heldUnit(trx, claimed.key, claimed.fence)
      .set({
        cursor: page.cursor === null ? null : JSON.stringify(page.cursor),
        synced_through: page.syncedThrough,
        lease_expires_at: new Date(lease.nowMs + lease.leaseMs).toISOString(),
        updated_at: nowIso,
      })
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new LostLogClaimError();
    // The owner as of this commit, not as of the run's start: a mapping changed during a long run
    // re-tags what is stored (`retagLogEvents`, which waits on the unit row locked above) and this page follows it.
    const owner = await logAccountOwner(trx, claimed.key.integrationId, claimed.key.accountId);
    let inserted = 0;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const res = await trx
        .insertInto('log_events')
        .values(rows.slice(i, i + INSERT_CHUNK).map((row) => (row.organization_id === owner ? row : { ...row, organization_id: owner })))
        .onConflict((oc) => oc.columns(['integration_id', 'duo_account_id', 'log_type', 'event_key']).doNothing())
        .executeTakeFirst();
      inserted += Number(res.numInsertedOrUpdatedRows ?? 0);
    }
    if (inserted > 0) await heldUnit(trx, claimed.key, claimed.fence).set((eb) => ({ events_stored: eb('events_stored', '+', inserted) })).execute();
    return inserted;
  });
}
