import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';

/** A pacer's learned state for one Duo account of an integration (migration 0006). */
export interface PacerStatesTable {
  integration_id: string;
  /** A Duo child account id, or `parent`. */
  account_id: string;
  /** JSON of the SDK's `Pacer.exportState()`; the hub stores it without reading it. */
  state: string;
  updated_at: string;
}

/** The pacer-state table added to the hub's schema. */
// A type alias, not an interface: Kysely's withTables needs the implicit index signature.
export type PacerStateTables = { pacer_states: PacerStatesTable };

/** The key of one stored state. */
export interface PacerStateKey {
  integrationId: string;
  accountId: string;
}

/** The stored state of one Duo account, parsed; undefined when none was saved or it is unreadable. */
export async function loadPacerState(db: Kysely<Database>, key: PacerStateKey): Promise<unknown> {
  const row = await db
    .withTables<PacerStateTables>()
    .selectFrom('pacer_states')
    .select('state')
    .where('integration_id', '=', key.integrationId)
    .where('account_id', '=', key.accountId)
    .executeTakeFirst();
  if (!row) return undefined;
  try {
    return JSON.parse(row.state) as unknown;
  } catch {
    // A state that cannot be read only costs relearning; it must never stop a scan.
    return undefined;
  }
}

/**
 * Stores (or replaces) one Duo account's state. Last writer wins: replicas scanning the same account
 * learn from the same Duo, so any recent state is as good as another.
 */
export async function savePacerState(db: Kysely<Database>, key: PacerStateKey, state: unknown, now: Date): Promise<void> {
  const json = JSON.stringify(state);
  const updatedAt = now.toISOString();
  await db
    .withTables<PacerStateTables>()
    .insertInto('pacer_states')
    .values({ integration_id: key.integrationId, account_id: key.accountId, state: json, updated_at: updatedAt })
    .onConflict((oc) => oc.columns(['integration_id', 'account_id']).doUpdateSet({ state: json, updated_at: updatedAt }))
    .execute();
}
