import type { Logger } from 'pino';
import type { LeasedTaskKey, LeasedTaskTable, UntypedDb } from './leased-task-table.js';

/** A task a runner claimed for this process: its key, the worker holding it and the claims so far. */
export interface ClaimedLeasedTask extends LeasedTaskKey {
  workerId: string;
  /** Claims so far, this one included. */
  attempts: number;
  /** The table's `claimColumns` as the claim read them back (absent when the runner did not read them). */
  columns?: Record<string, unknown>;
  /**
   * What the runner's `prepare` made of the batch this task was claimed in (absent when the runner
   * claims one at a time, or `prepare` failed): the work must do without it.
   */
  prepared?: unknown;
}

/**
 * Works on a claimed task until it ends, renewing its lease meanwhile. When `signal` aborts (runner
 * stopping, run paused or cancelled) it stops soon and hands the claim back.
 */
export type LeasedTaskWork = (task: ClaimedLeasedTask, signal: AbortSignal) => Promise<unknown>;

/** A process's runner of leased tasks (in-process for SQLite, graphile-worker for Postgres). */
export interface LeasedTaskRunner {
  readonly kind: 'local' | 'graphile';
  readonly replicaId: string;
  /** Begins taking tasks, first resuming what earlier processes left unfinished. */
  start(): Promise<void>;
  /** A run was created or changed: look for its tasks now rather than at the next poll. */
  notify(runId: string): void;
  /** Aborts this process's work on a run's tasks (they stop and hand their claims back). */
  abortRun(runId: string, reason: string): void;
  /** Stops taking tasks, aborts work in progress and hands its claims back. */
  stop(): Promise<void>;
}

/** What either runner needs besides its options: the store, the task table, the work, a logger and the clock. */
export interface LeasedRunnerDeps {
  db: () => UntypedDb;
  table: LeasedTaskTable;
  work: LeasedTaskWork;
  logger: Logger;
  now: () => number;
  /**
   * Called once per batch a runner claimed, before any of its work starts: reads what the batch's
   * tasks need in a few statements rather than a few each (handed to each task as `prepared`). Only
   * an optimization: a failure is logged and the tasks start without it.
   */
  prepare?: (tasks: readonly ClaimedLeasedTask[]) => Promise<unknown>;
}
