import type { Kysely } from 'kysely';

/**
 * A table of tasks claimed under leases, and the table of the runs they belong to. Coverage tasks
 * (`coverage_tasks`, keyed by account) and bulk tasks (`bulk_tasks`, keyed by organization) share
 * the columns the claim needs: `run_id`, `status` (`pending` | `running` | ...), `attempts`,
 * `replica_id`, `worker_id`, `lease_expires_at`, `started_at` and `seq`.
 */
export interface LeasedTaskTable {
  /** The tasks' table, e.g. `bulk_tasks`. */
  tasks: string;
  /** The runs' table, e.g. `bulk_runs` (its `id` is the tasks' `run_id`). */
  runs: string;
  /** The column that names a task within its run, e.g. `organization_id`. */
  keyColumn: string;
  /** Run statuses whose tasks may be claimed. */
  activeRunStatuses: readonly string[];
  /** Run statuses a first claim moves to `running` (`queued`). */
  startingRunStatuses: readonly string[];
  /** Task columns read back with a claim, for the work (so it need not read its task again). */
  claimColumns?: readonly string[];
}

/** One task: its run and its key within the run. */
export interface LeasedTaskKey {
  runId: string;
  key: string;
}

/** Who claims, and for how long. */
export interface LeaseHolder {
  replicaId: string;
  workerId: string;
  leaseMs: number;
  /** Epoch ms, the hub's clock. */
  nowMs: number;
}

/**
 * The store's handle without table types: the table names come from a LeasedTaskTable, so the
 * queries are checked by the tests of each table's users rather than by the compiler.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type UntypedDb = Kysely<any>;
