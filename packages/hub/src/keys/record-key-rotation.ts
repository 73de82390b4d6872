import type { Kysely } from 'kysely';
import { keyCheckValue, keyId } from '../crypto/key-id.js';
import type { Database } from '../store/database.js';
import { MasterKeyError } from './master-key-error.js';
import { keysDb } from './master-keys-table.js';

/**
 * Records in one transaction that `newKey` replaces the current key `fromKeyId`. The retire is
 * conditional on `fromKeyId` still being current, so two rotations racing cannot both win.
 */
export async function recordKeyRotation(db: Kysely<Database>, fromKeyId: string, newKey: Buffer, now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const retired = await keysDb(trx)
      .updateTable('master_keys')
      .set({ is_current: null, retired_at: now })
      .where('key_id', '=', fromKeyId)
      .where('is_current', '=', 1)
      .executeTakeFirst();
    if (Number(retired.numUpdatedRows) !== 1) {
      throw new MasterKeyError(`key id ${fromKeyId} is no longer the store's current master key (another rotation ran meanwhile); nothing was changed`);
    }
    await keysDb(trx)
      .insertInto('master_keys')
      .values({ key_id: keyId(newKey), check_value: keyCheckValue(newKey), is_current: 1, created_at: now, retired_at: null })
      .execute();
  });
}
