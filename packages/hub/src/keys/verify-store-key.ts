import type { Kysely } from 'kysely';
import { keyCheckValue, keyMatchesCheck } from '../crypto/key-id.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Database } from '../store/database.js';
import { isUniqueViolation } from '../store/is-unique-violation.js';
import { MasterKeyError } from './master-key-error.js';
import { keysDb } from './master-keys-table.js';
import { recordKeyRotation } from './record-key-rotation.js';
import { findAnySealedValue } from './sealed-value-queries.js';

/** How the configured key relates to the store: first recorded now, the recorded one, or adopted from it. */
export type StoreKeyOutcome = 'recorded' | 'matched' | 'adopted';

/**
 * Fails closed unless the box's current key is the one the store records (by id and check value).
 * A store with no record gets the key recorded, but only after the key opened a value already
 * there (stores sealed before key ids existed). A key the store does not know is adopted only when
 * the box also holds the recorded key (DUOHUB_MASTER_KEY_PREVIOUS or a retired-key file): that is
 * a rotation by restart, or finishing one `duohub keys rotate` started. `source` names where the key
 * came from for the message.
 */
export async function verifyStoreKey(db: Kysely<Database>, box: SecretBox, source: string, now: string): Promise<StoreKeyOutcome> {
  const rows = await keysDb(db).selectFrom('master_keys').selectAll().execute();
  const current = rows.find((r) => r.is_current === 1);
  const id = box.keys.currentId;

  if (!current) {
    const probe = await findAnySealedValue(db);
    if (probe && !opens(box, probe.value, probe.column.at(...probe.rowKey))) {
      throw new MasterKeyError(
        `${source} (key id ${id}) does not open the secrets already in this store (${probe.column.table}.${probe.column.column}). ` +
          'Configure the key the store was sealed with (DUOHUB_MASTER_KEY, or master.key in the data dir) or restore it from backup.',
      );
    }
    try {
      await keysDb(db)
        .insertInto('master_keys')
        .values({ key_id: id, check_value: keyCheckValue(box.keys.current), is_current: 1, created_at: now, retired_at: null })
        .execute();
    } catch (error) {
      // Another replica recorded its key first: check ours against theirs.
      if (isUniqueViolation(error)) return verifyStoreKey(db, box, source, now);
      throw error;
    }
    return 'recorded';
  }

  if (current.key_id === id && keyMatchesCheck(box.keys.current, current.check_value)) return 'matched';

  const retired = rows.find((r) => r.key_id === id && r.is_current === null);
  if (retired) {
    throw new MasterKeyError(
      `${source} holds master key id ${id}, which was retired at ${retired.retired_at ?? 'an earlier rotation'}; ` +
        `the store is sealed under key id ${current.key_id}. Configure the current key (after \`duohub keys rotate\` it is in master.key; ` +
        'every replica must use the same key).',
    );
  }

  const recordedKey = box.keys.find(current.key_id);
  if (current.key_id !== id && recordedKey && keyMatchesCheck(recordedKey, current.check_value)) {
    try {
      await recordKeyRotation(db, current.key_id, box.keys.current, now);
    } catch (error) {
      if (isUniqueViolation(error) || error instanceof MasterKeyError) return verifyStoreKey(db, box, source, now);
      throw error;
    }
    return 'adopted';
  }

  throw new MasterKeyError(
    `${source} (key id ${id}) does not open this store: it is sealed under master key id ${current.key_id} (recorded ${current.created_at}). ` +
      'Configure that key (DUOHUB_MASTER_KEY, or master.key in the data dir; replicas must all use the same key) or restore it from backup. ' +
      'The hub will not start with another key, because it could not read the stored secrets and would seal new ones under a key the store does not know.',
  );
}

function opens(box: SecretBox, sealed: string, target: Parameters<SecretBox['open']>[1]): boolean {
  try {
    box.open(sealed, target);
    return true;
  } catch {
    return false;
  }
}
