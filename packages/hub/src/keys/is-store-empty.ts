import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';
import { keysDb } from './master-keys-table.js';
import { findAnySealedValue } from './sealed-value-queries.js';

/**
 * Whether a new master key may be generated: no key was ever recorded and nothing is sealed. Other
 * rows (tokens, audit) do not count, because no key protects them.
 */
export async function isStoreEmpty(db: Kysely<Database>): Promise<boolean> {
  const recorded = await keysDb(db).selectFrom('master_keys').select('key_id').limit(1).executeTakeFirst();
  return !recorded && !(await findAnySealedValue(db));
}
