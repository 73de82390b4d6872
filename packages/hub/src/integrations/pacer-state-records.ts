import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';

/** A pacer's learned state for one Duo account of an integration (migrations 0006 and 0012). */
export interface PacerStatesTable {
  integration_id: string;
  /** A Duo child account id, or `parent`. */
  account_id: string;
  /** JSON of the SDK's `Pacer.exportState()`. */
  state: string;
  updated_at: string;
  /** When an operator last reset the account's learned limits (ISO), or null. */
  reset_at: string | null;
}

/** The pacer-state table added to the hub's schema. */
// A type alias, not an interface: Kysely's withTables needs the implicit index signature.
export type PacerStateTables = { pacer_states: PacerStatesTable };

/** The key of one stored state. */
export interface PacerStateKey {
  integrationId: string;
  accountId: string;
}

/** One account's stored limits: the parsed state (undefined when unreadable) and its last reset. */
export interface StoredLimits {
  state: unknown;
  /** Epoch ms of the last reset, or undefined. */
  resetAtMs: number | undefined;
}

/** What a reset leaves: a state with nothing learned, which seeds a fresh pacer. */
export const EMPTY_PACER_STATE = { version: 1, savedAt: 0, buckets: [] } as const;

const table = (db: Kysely<Database>) => db.withTables<PacerStateTables>();

/** The account's stored limits, or undefined when none were ever saved. */
export async function loadStoredLimits(db: Kysely<Database>, key: PacerStateKey): Promise<StoredLimits | undefined> {
  const row = await table(db)
    .selectFrom('pacer_states')
    .select(['state', 'reset_at'])
    .where('integration_id', '=', key.integrationId)
    .where('account_id', '=', key.accountId)
    .executeTakeFirst();
  return row ? storedLimits(row) : undefined;
}

// Accounts per statement when reading many: far below every driver's limit on bound values.
const ACCOUNTS_PER_READ = 500;

/** Several accounts' stored limits, by account id (accounts never saved are absent). */
export async function loadStoredLimitsOfAccounts(db: Kysely<Database>, integrationId: string, accountIds: readonly string[]): Promise<Map<string, StoredLimits>> {
  const out = new Map<string, StoredLimits>();
  for (let i = 0; i < accountIds.length; i += ACCOUNTS_PER_READ) {
    const rows = await table(db)
      .selectFrom('pacer_states')
      .select(['account_id', 'state', 'reset_at'])
      .where('integration_id', '=', integrationId)
      .where('account_id', 'in', accountIds.slice(i, i + ACCOUNTS_PER_READ))
      .execute();
    for (const row of rows) out.set(row.account_id, storedLimits(row));
  }
  return out;
}

function storedLimits(row: Pick<PacerStatesTable, 'state' | 'reset_at'>): StoredLimits {
  return { state: parsePacerState(row.state), resetAtMs: row.reset_at === null ? undefined : Date.parse(row.reset_at) };
}

/** The stored state of one Duo account, parsed; undefined when none was saved or it is unreadable. */
export async function loadPacerState(db: Kysely<Database>, key: PacerStateKey): Promise<unknown> {
  return (await loadStoredLimits(db, key))?.state;
}

/** Every stored row of an integration (one account's when `accountId` is given), by account. */
export async function listPacerStates(db: Kysely<Database>, integrationId: string, accountId?: string): Promise<PacerStatesTable[]> {
  let query = table(db).selectFrom('pacer_states').selectAll().where('integration_id', '=', integrationId);
  if (accountId !== undefined) query = query.where('account_id', '=', accountId);
  return query.orderBy('account_id').execute();
}

/**
 * Stores (or replaces) one Duo account's state. Last writer wins: replicas scanning the same account
 * learn from the same Duo, so any recent state is as good as another; except that a pacer created
 * before the account's last reset (`learnedSince`, epoch ms) no longer writes: what it knew is what
 * the reset threw away. Returns whether the state was written.
 */
export async function savePacerState(
  db: Kysely<Database>,
  key: PacerStateKey,
  state: unknown,
  now: Date,
  learnedSince: number = now.getTime(),
): Promise<boolean> {
  const json = JSON.stringify(state);
  const updatedAt = now.toISOString();
  const since = new Date(learnedSince).toISOString();
  const result = await table(db)
    .insertInto('pacer_states')
    .values({ integration_id: key.integrationId, account_id: key.accountId, state: json, updated_at: updatedAt, reset_at: null })
    .onConflict((oc) =>
      oc
        .columns(['integration_id', 'account_id'])
        .doUpdateSet({ state: json, updated_at: updatedAt })
        // ISO strings of one format order as the instants they name.
        .where((eb) => eb.or([eb('pacer_states.reset_at', 'is', null), eb('pacer_states.reset_at', '<=', since)])),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * Forgets what was learned for an integration's accounts (one account's when `accountId` is given):
 * their states emptied and their reset time set, so every replica's next task for them starts from
 * Duo's published rates. Returns the accounts reset.
 */
export async function resetPacerStates(db: Kysely<Database>, integrationId: string, now: Date, accountId?: string): Promise<string[]> {
  let query = table(db)
    .updateTable('pacer_states')
    .set({ state: JSON.stringify(EMPTY_PACER_STATE), updated_at: now.toISOString(), reset_at: now.toISOString() })
    .where('integration_id', '=', integrationId);
  if (accountId !== undefined) query = query.where('account_id', '=', accountId);
  const rows = await query.returning('account_id').execute();
  return rows.map((r) => r.account_id).sort();
}

/** A stored state's JSON, parsed; undefined when it cannot be read. */
export function parsePacerState(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    // A state that cannot be read only costs relearning; it must never stop a scan.
    return undefined;
  }
}
