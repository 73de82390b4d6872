import type { Kysely } from 'kysely';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Database } from '../store/database.js';
import { findValuesNotUnder, replaceSealedValue } from './sealed-value-queries.js';
import { sealedColumns } from './sealed-columns.js';

/** What one re-seal pass did. */
export interface ResealReport {
  /** Values now sealed under the current key. */
  resealed: number;
  /** Values no key in the ring opens (left untouched). */
  unreadable: number;
  /** Values changed by someone else between read and write (their write already used a current key or is caught next pass). */
  raced: number;
}

/**
 * Re-seals every value not sealed under the box's current key (legacy `v1` values and values under
 * older keys), in batches of `batchSize`, each batch one transaction. A value is replaced only if it
 * is still the value read, so a hub writing the same row meanwhile never loses its write.
 */
export async function resealValues(db: Kysely<Database>, box: SecretBox, options: { batchSize?: number } = {}): Promise<ResealReport> {
  const batchSize = options.batchSize ?? 100;
  const report: ResealReport = { resealed: 0, unreadable: 0, raced: 0 };
  for (const column of sealedColumns) {
    let after: string[] | undefined;
    for (;;) {
      const keyId = box.keys.currentId;
      const batch = await findValuesNotUnder(db, column, keyId, { limit: batchSize, ...(after ? { after } : {}) });
      if (batch.length === 0) break;
      after = batch[batch.length - 1]!.rowKey;
      await db.transaction().execute(async (trx) => {
        for (const stored of batch) {
          const target = column.at(...stored.rowKey);
          let plaintext: string;
          try {
            // Moved from one key to another, never used here: the scrubber need not learn it.
            plaintext = box.openDocument(stored.value, target);
          } catch {
            report.unreadable += 1;
            continue;
          }
          if (await replaceSealedValue(trx, stored, box.sealDocument(plaintext, target))) report.resealed += 1;
          else report.raced += 1;
        }
      });
      if (batch.length < batchSize) break;
    }
  }
  return report;
}
