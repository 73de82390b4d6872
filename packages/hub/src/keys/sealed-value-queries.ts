import type { Kysely } from 'kysely';
import { sealedUnderPattern } from '../crypto/parse-sealed.js';
import type { Db } from '../store/database.js';
import type { SealedColumn } from './sealed-column.js';
import { sealedColumns } from './sealed-columns.js';

/** One sealed value as stored, with the primary-key values of its row. */
export interface StoredSealedValue {
  column: SealedColumn;
  rowKey: string[];
  value: string;
}

// Sealed columns are declared as data, so their queries are built from names the typed schema cannot know.
function anyDb(db: Db): Kysely<any> {
  return db as unknown as Kysely<any>;
}

/** Up to `limit` values of `column` not sealed under `keyId`, in primary-key order after `after`. */
export async function findValuesNotUnder(
  db: Db,
  column: SealedColumn,
  keyId: string,
  options: { limit: number; after?: readonly string[] },
): Promise<StoredSealedValue[]> {
  const { after } = options;
  let query = anyDb(db)
    .selectFrom(column.table)
    .select([...column.key, column.column])
    .where(column.column, 'is not', null)
    .where(column.column, 'not like', sealedUnderPattern(keyId));
  if (after) {
    // Keyset paging over a (possibly composite) key: (a > x) or (a = x and b > y) ...
    query = query.where((eb) =>
      eb.or(
        column.key.map((part, i) =>
          eb.and([...column.key.slice(0, i).map((prev, j) => eb(prev, '=', after[j]!)), eb(part, '>', after[i]!)]),
        ),
      ),
    );
  }
  for (const part of column.key) query = query.orderBy(part);
  const rows = (await query.limit(options.limit).execute()) as Array<Record<string, unknown>>;
  return rows.map((row) => ({ column, rowKey: column.key.map((part) => String(row[part])), value: String(row[column.column]) }));
}

/** How many values of every sealed column are not sealed under `keyId`. */
export async function countValuesNotUnder(db: Db, keyId: string): Promise<number> {
  let total = 0;
  for (const column of sealedColumns) {
    const row = await anyDb(db)
      .selectFrom(column.table)
      .select((eb) => eb.fn.countAll().as('n'))
      .where(column.column, 'is not', null)
      .where(column.column, 'not like', sealedUnderPattern(keyId))
      .executeTakeFirst();
    total += Number((row as { n?: unknown } | undefined)?.n ?? 0);
  }
  return total;
}

/** Any one sealed value in the store (to test a key against), or undefined when nothing is sealed. */
export async function findAnySealedValue(db: Db): Promise<StoredSealedValue | undefined> {
  for (const column of sealedColumns) {
    // No key id has the form `-`, so "not under it" means every value.
    const [first] = await findValuesNotUnder(db, column, '-', { limit: 1 });
    if (first) return first;
  }
  return undefined;
}

/** Replaces one sealed value only if it is still the one read (a concurrent write wins); true when replaced. */
export async function replaceSealedValue(db: Db, stored: StoredSealedValue, sealed: string): Promise<boolean> {
  let query = anyDb(db).updateTable(stored.column.table).set({ [stored.column.column]: sealed }).where(stored.column.column, '=', stored.value);
  stored.column.key.forEach((part, i) => {
    query = query.where(part, '=', stored.rowKey[i]!);
  });
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
