import type { Generated, Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/database.js';
import type { LogCheckpointsTable, LogEventsTable } from '../log-tables.js';

/** A checkpoint row with the job columns of migration 0008: the row is the sync's job unit. */
export interface LogSyncCheckpointsTable extends LogCheckpointsTable {
  account_name: string | null;
  /** A child's API host (from the Accounts API); null for the parent. */
  api_hostname: string | null;
  /** Bumped by every on-demand start and schedule slot; the unit is due while it exceeds `done_seq`. */
  request_seq: Generated<number>;
  /** The `request_seq` the last finished run had claimed. */
  done_seq: Generated<number>;
  schedule_slot: string | null;
  replica_id: string | null;
  worker_id: string | null;
  /** ISO time until which the holder's claim stands; renewed while it works; null when free. */
  lease_expires_at: string | null;
  /** Claims so far; the current claim's fencing token. */
  attempts: Generated<number>;
  last_started_at: string | null;
  /** Rows read and rows newly stored by the last finished run. */
  last_fetched: Generated<number>;
  last_inserted: Generated<number>;
  /** Rows of the unit in `log_events`, kept with every stored page and every prune. */
  events_stored: Generated<number>;
  processed_by: string | null;
  removed_at: string | null;
}

/** The log tables as the sync sees them. */
// A type alias, not an interface: Kysely's withTables needs the implicit index signature.
export type LogSyncTables = { log_events: LogEventsTable; log_checkpoints: LogSyncCheckpointsTable };

/** The hub schema with the log tables and the sync's columns. */
export type LogSyncDatabase = Database & LogSyncTables;

/** A connection or transaction that knows the log tables. */
export type LogSyncDb = Kysely<LogSyncDatabase> | Transaction<LogSyncDatabase>;

/** The store's handle typed with the log tables (they live outside the core `Database` interface). */
export function logSyncDb(db: Kysely<Database>): Kysely<LogSyncDatabase> {
  return db.withTables<LogSyncTables>();
}

/** The identity of one unit: an integration's Duo account (`parent` or a child id) and one log type. */
export interface LogUnitKey {
  integrationId: string;
  accountId: string;
  logType: LogCheckpointsTable['log_type'];
}
