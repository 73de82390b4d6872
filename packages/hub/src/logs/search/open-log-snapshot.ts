import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from '../../store/database.js';
import type { Store } from '../../store/open-store.js';

/**
 * Snapshots open at once in one process. On Postgres each holds a pooled connection (the pool has
 * 10) for as long as its client takes to read the export, so a few slow clients must never take
 * them all; later exports wait for one to finish.
 */
export const MAX_OPEN_SNAPSHOTS = 3;

/** A read-only view of the store frozen at the moment it was opened; `release` it when done. */
export interface LogSnapshot {
  db: Kysely<Database>;
  release(): Promise<void>;
}

let open = 0;
const waiting: Array<() => void> = [];

async function acquireSlot(): Promise<void> {
  if (open < MAX_OPEN_SNAPSHOTS) {
    open += 1;
    return;
  }
  // The slot passes straight from the releasing snapshot to the first waiter: `open` stays as it is.
  await new Promise<void>((resolve) => waiting.push(resolve));
}

/** Snapshots held now in this process (exports still reading, or opening). */
export function openLogSnapshotCount(): number {
  return open;
}

function releaseSlot(): void {
  const next = waiting.shift();
  if (next) next();
  else open -= 1;
}

/**
 * Opens a consistent read snapshot of the store, so an export that pages through `log_events`
 * while the sync writes (or prunes) sees exactly the rows committed when it began: none stored
 * later, none twice. Postgres: a REPEATABLE READ, READ ONLY transaction whose first statement
 * fixes the snapshot. SQLite: a second, read-only connection to the same file holding a read
 * transaction (in WAL mode writers go on; the WAL only cannot be checkpointed past the reader
 * until it ends). Ids and `ingested_at` are not used as the bound: they come from the clocks of
 * whichever replica stored a row, and a transaction may commit after a later-stamped one.
 */
export async function openLogSnapshot(store: Pick<Store, 'db' | 'dialect' | 'location'>): Promise<LogSnapshot> {
  await acquireSlot();
  try {
    if (store.dialect === 'postgres') {
      const trx = await store.db.startTransaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute();
      try {
        await sql`select 1`.execute(trx);
      } catch (error) {
        await trx.rollback().execute().catch(() => {});
        throw error;
      }
      return { db: trx, release: once(() => trx.commit().execute().finally(releaseSlot)) };
    }
    const connection = new SqliteDatabase(store.location, { readonly: true, fileMustExist: true });
    try {
      connection.pragma('busy_timeout = 5000');
      connection.exec('BEGIN');
      // A read transaction takes its snapshot at its first read, not at BEGIN.
      connection.prepare('SELECT 1 FROM log_events LIMIT 1').all();
    } catch (error) {
      connection.close();
      throw error;
    }
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
    // Closing the connection ends its read transaction.
    return { db, release: once(() => db.destroy().finally(releaseSlot)) };
  } catch (error) {
    releaseSlot();
    throw error;
  }
}

/** `fn` run at most once; later calls get the first call's promise. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
