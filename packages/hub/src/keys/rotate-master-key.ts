import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { keyId } from '../crypto/key-id.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Database } from '../store/database.js';
import { keyFilePath, parseKeyText, retiredKeyFilePath, writeKeyFile } from './key-files.js';
import { MasterKeyError } from './master-key-error.js';
import { keysDb } from './master-keys-table.js';
import { recordKeyRotation } from './record-key-rotation.js';
import { resealValues } from './reseal-values.js';
import { countValuesNotUnder } from './sealed-value-queries.js';

/** Options of `rotateMasterKey`. */
export interface RotateMasterKeyOptions {
  db: Kysely<Database>;
  /** The opened store's box; its current key must be the store's recorded current key. */
  box: SecretBox;
  /** Where the current key came from: `env` keys are never written to disk. */
  source: 'env' | 'file' | 'generated';
  dataDir: string;
  /** The new key; generated when omitted (only possible when the key lives in the key file). */
  newKey?: Buffer;
  now?: () => Date;
  /** Wait between the two re-seal passes, so running hubs notice the new key first (they poll every second). */
  settleMs?: number;
  batchSize?: number;
}

/** What a rotation did; key ids only, never keys. */
export interface RotateReport {
  fromKeyId: string;
  toKeyId: string;
  resealed: number;
  /** Values no available key opens; they were left as they were. */
  unreadable: number;
  /** Values still not under the new key after both passes (0 when the rotation is complete). */
  remaining: number;
  keyFile?: string;
  retiredKeyFile?: string;
}

/**
 * Re-seals every sealed value under a new master key while hubs keep serving. Order matters for
 * crash safety: the old key is first copied to `master.key.retired-<id>`, then the new key replaces
 * `master.key` (atomic rename), then the store records the new key as current, then values are
 * re-sealed in batches. A crash at any point leaves a state the next start (or a second rotate)
 * finishes: a hub that finds the new key in master.key and the recorded key in the retired file
 * adopts the new key and re-seals the rest. A running hub sees the recorded change within a second,
 * reads the new key from master.key and seals with it; values it sealed under the old key in the
 * meantime are caught by the second pass (or re-sealed on its next start).
 */
export async function rotateMasterKey(options: RotateMasterKeyOptions): Promise<RotateReport> {
  const { db, box } = options;
  const now = options.now ?? (() => new Date());
  const fromKeyId = box.keys.currentId;
  const oldKey = box.keys.current;
  if (options.source === 'env' && !options.newKey) {
    throw new MasterKeyError(
      'DUOHUB_MASTER_KEY comes from the environment, so rotation cannot store a new key for you: create one ' +
        '(`openssl rand -base64 32`), put it in a variable and pass its name with --new-key-env VAR',
    );
  }
  const newKey = options.newKey ?? randomBytes(32);
  const toKeyId = keyId(newKey);
  if (toKeyId === fromKeyId) throw new MasterKeyError('the new master key is the current key; rotation needs a different key');
  const known = await keysDb(db).selectFrom('master_keys').select(['key_id', 'is_current']).execute();
  if (known.find((r) => r.key_id === fromKeyId)?.is_current !== 1) {
    throw new MasterKeyError(`key id ${fromKeyId} is not the store's current master key; nothing was changed`);
  }
  if (known.some((r) => r.key_id === toKeyId)) throw new MasterKeyError(`key id ${toKeyId} was used by this store before; rotate to a fresh key`);

  const files: Pick<RotateReport, 'keyFile' | 'retiredKeyFile'> = {};
  if (options.source !== 'env') {
    files.retiredKeyFile = retiredKeyFilePath(options.dataDir, fromKeyId);
    files.keyFile = keyFilePath(options.dataDir);
    await keepRetiredKey(files.retiredKeyFile, oldKey);
    await writeKeyFile(files.keyFile, newKey);
  }
  await recordKeyRotation(db, fromKeyId, newKey, now().toISOString());
  box.keys.add(newKey);
  box.keys.use(toKeyId);

  const first = await resealValues(db, box, { ...(options.batchSize ? { batchSize: options.batchSize } : {}) });
  await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 3000));
  const second = await resealValues(db, box, { ...(options.batchSize ? { batchSize: options.batchSize } : {}) });
  return {
    fromKeyId,
    toKeyId,
    resealed: first.resealed + second.resealed,
    unreadable: second.unreadable,
    remaining: await countValuesNotUnder(db, toKeyId),
    ...files,
  };
}

// The backup is written exclusively; one left by an interrupted rotation of the same key is fine.
async function keepRetiredKey(file: string, key: Buffer): Promise<void> {
  try {
    await writeKeyFile(file, key, { exclusive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = parseKeyText(await readFile(file, 'utf8'), file);
    if (!existing.equals(key)) throw new MasterKeyError(`${file} exists and holds another key; move it away and retry`);
  }
}
