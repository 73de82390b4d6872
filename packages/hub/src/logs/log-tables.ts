import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';

/** Duo's log types the hub keeps (Trust Monitor events among them). */
export const LOG_TYPES = ['authentication', 'administrator', 'telephony', 'activity', 'offline_enrollment', 'trust_monitor'] as const;
export type LogType = (typeof LOG_TYPES)[number];

/** One Duo log entry of one account (migration 0007). */
export interface LogEventsTable {
  /** newId('lev'): time-ordered. */
  id: string;
  integration_id: string;
  /** A Duo child account id, or `parent`. */
  duo_account_id: string;
  /** The organization mapped to the account: set when stored, re-tagged when a mapping changes (`retagLogEvents`). */
  organization_id: string | null;
  log_type: LogType;
  /** Duo's identity of the entry within its account and type; unique with them. */
  event_key: string;
  /** Epoch ms. */
  occurred_at: number;
  username: string | null;
  application: string | null;
  factor: string | null;
  result: string | null;
  reason: string | null;
  event_type: string | null;
  ip: string | null;
  /** Duo's row as JSON. */
  raw: string;
  ingested_at: string;
}

/** Where one account's sync of one log type stands. */
export interface LogCheckpointsTable {
  integration_id: string;
  duo_account_id: string;
  log_type: LogType;
  /** JSON, opaque to all but the sync. */
  cursor: string | null;
  /** Every entry before this (epoch ms) is stored. */
  synced_through: number | null;
  last_run_at: string | null;
  last_error: string | null;
  updated_at: string;
}

/** The log tables added to the hub's schema: `db.withTables<LogTables>()`. */
// A type alias, not an interface: Kysely's withTables needs the implicit index signature.
export type LogTables = { log_events: LogEventsTable; log_checkpoints: LogCheckpointsTable };

/** The hub's database seen with the log tables. */
export function withLogTables(db: Kysely<Database>): Kysely<Database & LogTables> {
  return db.withTables<LogTables>();
}
