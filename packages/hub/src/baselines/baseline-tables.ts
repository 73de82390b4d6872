import type { Kysely } from 'kysely';
import type { Database, Db } from '../store/database.js';

/**
 * Baselines (migration 0010): wanted Duo settings (and global policy sections) for a set of
 * organizations. A check compares each organization's account with them and records the result;
 * `baseline_drift` keeps the field-level drift open now with the time it was first seen.
 */
export interface BaselinesTable {
  id: string;
  name: string;
  description: string | null;
  /** JSON: { all: true } | { organization_ids } | { tags } | { name_pattern }. */
  selector: string;
  /** JSON: { settings: {...}, policies?: {...} }. */
  wanted: string;
  /** A check interval such as `6h`, or null for checks on demand only. */
  check_every: string | null;
  last_checked_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One organization's result of one check. */
export interface BaselineChecksTable {
  id: string;
  baseline_id: string;
  organization_id: string;
  checked_at: string;
  status: 'clean' | 'drifted' | 'error';
  /** JSON array of { field, wanted, actual, since }. */
  drift: string;
  error: string | null;
}

/** A field that differs now, and since when. */
export interface BaselineDriftTable {
  baseline_id: string;
  organization_id: string;
  field: string;
  /** JSON values. */
  wanted: string;
  actual: string;
  since: string;
}

/** The tables baselines add. */
export interface BaselineTables {
  baselines: BaselinesTable;
  baseline_checks: BaselineChecksTable;
  baseline_drift: BaselineDriftTable;
}

/** The store's connection, typed with the baseline tables. */
export function baselineDb(db: Db): Kysely<Database & BaselineTables> {
  return db as unknown as Kysely<Database & BaselineTables>;
}
