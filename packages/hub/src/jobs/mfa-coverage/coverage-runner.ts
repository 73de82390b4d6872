import type { LiveCoverageProgress } from './live-coverage-progress.js';

/** A process's coverage task runner (in-process for SQLite, graphile-worker for Postgres). */
export interface CoverageRunner {
  readonly kind: 'local' | 'graphile';
  readonly replicaId: string;
  /** Users counted so far by the tasks this process is scanning. */
  readonly live: LiveCoverageProgress;
  /** Begins taking tasks, first resuming what earlier processes left unfinished. */
  start(): Promise<void>;
  /** A run was created or changed: look for its tasks now rather than at the next poll. */
  notify(runId: string): void;
  /** A run was cancelled: stop this process's scans of it at once. */
  cancelRun(runId: string): void;
  /** Stops taking tasks, aborts running scans and hands their claims back. */
  stop(): Promise<void>;
}
