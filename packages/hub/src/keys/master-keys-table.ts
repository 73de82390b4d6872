import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../store/database.js';

/** One master key the store has been sealed with (never the key: its id and check value). */
export interface MasterKeysTable {
  key_id: string;
  check_value: string;
  /** 1 for the key that seals now, NULL otherwise; unique, so two replicas cannot both record theirs. */
  is_current: number | null;
  created_at: string;
  retired_at: string | null;
}

/** The slice of the schema the keys feature reads and writes. */
export interface KeysDatabase {
  master_keys: MasterKeysTable;
}

/** The store handle typed for the `master_keys` table (kept out of `Database` so the feature owns it). */
export function keysDb(db: Db): Kysely<KeysDatabase> | Transaction<KeysDatabase> {
  return db as unknown as Kysely<KeysDatabase>;
}
