import type { ForwardingDb } from './forwarding-tables.js';

/**
 * Takes or renews the lease `name` for `holder` until `nowMs + leaseMs`: one upsert that only
 * overwrites a row held by the same holder, by nobody, or whose lease lapsed, so of concurrent
 * claimers exactly one wins. Returns the new expiry (epoch ms), or undefined when another holds it.
 */
export async function acquireLease(db: ForwardingDb, name: string, holder: string, nowMs: number, leaseMs: number): Promise<number | undefined> {
  const nowIso = new Date(nowMs).toISOString();
  const expires = nowMs + leaseMs;
  const result = await db
    .insertInto('log_forwarding_state')
    .values({ name, holder, lease_expires_at: new Date(expires).toISOString(), watermark: null, scan_from: null, updated_at: nowIso })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, lease_expires_at: new Date(expires).toISOString(), updated_at: nowIso })
        .where((eb) =>
          eb.or([
            eb('log_forwarding_state.holder', '=', holder),
            eb('log_forwarding_state.holder', 'is', null),
            eb('log_forwarding_state.lease_expires_at', 'is', null),
            eb('log_forwarding_state.lease_expires_at', '<', nowIso),
          ]),
        ),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? expires : undefined;
}

/** Gives a lease back (clean shutdown, a destination deleted or disabled) so another replica can take it at once. */
export async function releaseLease(db: ForwardingDb, name: string, holder: string, nowMs: number): Promise<void> {
  await db
    .updateTable('log_forwarding_state')
    .set({ holder: null, lease_expires_at: null, updated_at: new Date(nowMs).toISOString() })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}

/** Frees every lease (SQLite at start: one process owns the file, so whatever held a lease is gone). */
export async function releaseAllLeases(db: ForwardingDb, nowMs: number): Promise<void> {
  await db
    .updateTable('log_forwarding_state')
    .set({ holder: null, lease_expires_at: null, updated_at: new Date(nowMs).toISOString() })
    .where('holder', 'is not', null)
    .execute();
}

/** Who holds a lease now (for views), or null. */
export async function leaseHolder(db: ForwardingDb, name: string, nowMs: number): Promise<string | null> {
  const row = await db.selectFrom('log_forwarding_state').select(['holder', 'lease_expires_at']).where('name', '=', name).executeTakeFirst();
  if (!row?.holder || !row.lease_expires_at || row.lease_expires_at < new Date(nowMs).toISOString()) return null;
  return row.holder;
}

/** The lease name of a destination. */
export function destinationLeaseName(id: string): string {
  return `destination:${id}`;
}
