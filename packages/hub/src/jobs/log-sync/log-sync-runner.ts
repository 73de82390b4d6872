/** A process's log sync runner (in-process for SQLite, graphile-worker for Postgres). */
export interface LogSyncRunner {
  readonly kind: 'local' | 'graphile';
  readonly replicaId: string;
  /** Begins taking units, first resuming what earlier processes left unfinished. */
  start(): Promise<void>;
  /** Units were requested: look for them now rather than at the next poll. */
  notify(integrationId?: string): void;
  /** Stops taking units, stops running syncs and hands their claims back. */
  stop(): Promise<void>;
}
