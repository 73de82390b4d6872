import type { Kysely } from 'kysely';
import type { Database, Db } from '../store/database.js';

/**
 * A bulk run (migration 0010): one catalog action (or several, for a baseline's apply) over a
 * fixed list of items, planned first and executed exactly as planned. Items of one organization run
 * in order, as one leased task (one Duo account is one rate-limit domain); organizations run in
 * parallel. An item's call is recorded as intent (`calling`) before it is made, so after a crash an
 * item left `calling` is either re-run (idempotent action), reconciled by reading back, or left for
 * review, as the action's declaration says: a non-idempotent call is never made twice.
 */
export type BulkRunStatus = 'planned' | 'queued' | 'running' | 'paused' | 'cancelled' | 'completed';

/** An item's state; the last five are final. */
export type BulkItemStatus = 'pending' | 'calling' | 'done' | 'skipped' | 'failed' | 'review' | 'cancelled';

/** Where a run's plan came from. */
export type BulkRunSource = 'manual' | 'coverage' | 'baseline';

/** One bulk run. */
export interface BulkRunsTable {
  id: string;
  title: string;
  action_id: string | null;
  source: BulkRunSource;
  baseline_id: string | null;
  status: BulkRunStatus;
  /** 0 or 1. */
  requires_approval: number;
  /** The approving token's id, or `cli`. */
  approved_by: string | null;
  approved_at: string | null;
  /** JSON: the request the plan was built from, secrets removed. */
  spec: string;
  plan_hash: string;
  items_total: number;
  items_done: number;
  items_skipped: number;
  items_failed: number;
  items_review: number;
  items_cancelled: number;
  /** The creating token's id, or `cli` / `system`. */
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

/** One organization's share of a run: the unit a runner claims under a lease. */
export interface BulkTasksTable {
  run_id: string;
  organization_id: string;
  seq: number;
  status: 'pending' | 'running' | 'done' | 'cancelled';
  attempts: number;
  replica_id: string | null;
  worker_id: string | null;
  lease_expires_at: string | null;
  started_at: string | null;
  finished_at: string | null;
}

/** One planned call. */
export interface BulkItemsTable {
  run_id: string;
  seq: number;
  organization_id: string;
  action_id: string;
  target: string | null;
  target_id: string | null;
  /** Sealed JSON of the full input (bulk_items / input / `<run_id>:<seq>`). */
  input_sealed: string;
  /** JSON of the input with secrets redacted. */
  input_display: string;
  status: BulkItemStatus;
  attempts: number;
  /** JSON: Duo's error, the reconciliation, or a summary without secrets. */
  outcome: string | null;
  started_at: string | null;
  finished_at: string | null;
}

/** The tables bulk runs add. */
export interface BulkTables {
  bulk_runs: BulkRunsTable;
  bulk_tasks: BulkTasksTable;
  bulk_items: BulkItemsTable;
}

/** The store's connection, typed with the bulk tables. */
export function bulkDb(db: Db): Kysely<Database & BulkTables> {
  return db as unknown as Kysely<Database & BulkTables>;
}
