import pg from 'pg';
import { DEFAULT_DATABASE_CONNECTIONS, splitDatabaseConnections } from '../../config/database-connections.js';

/**
 * Connections one process keeps to Postgres for graphile-worker, shared by all its runners
 * (coverage, bulk, log sync). Each runner used to open two pools of ten (its worker's and its
 * utilities'), so one replica could hold 70 connections with the store's, and two replicas exhaust
 * a Postgres left at its default of 100. Three of these hold a LISTEN each; the rest carry job
 * fetches and completions, which are short (the work itself waits on Duo, not on the database).
 */
export const JOB_POOL_SIZE = splitDatabaseConnections(DEFAULT_DATABASE_CONNECTIONS).jobs;

let poolSize = JOB_POOL_SIZE;

/**
 * The size of job pools opened from now on, for the process (`openHub` sets it from
 * DUOHUB_DATABASE_CONNECTIONS before any runner starts). At least 4: three LISTENs and a worker.
 */
export function setJobPoolSize(size: number): void {
  if (!Number.isInteger(size) || size < 4) throw new RangeError('a job pool needs at least 4 connections');
  poolSize = size;
}

/** A use of the shared pool; `release()` ends the pool when its last user lets go. */
export interface JobPoolLease {
  pool: pg.Pool;
  release(): Promise<void>;
}

const shared = new Map<string, { pool: pg.Pool; users: number }>();

/** Runners holding the process's job pool for `databaseUrl` now (0: none open). */
export function jobPoolUsers(databaseUrl: string): number {
  return shared.get(databaseUrl)?.users ?? 0;
}

/** The process's job pool for `databaseUrl`, opened on first use. */
export function acquireJobPool(databaseUrl: string): JobPoolLease {
  let entry = shared.get(databaseUrl);
  if (!entry) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'duohub-jobs' });
    // A connection dropped while idle or checked out must not crash the process: the pool replaces
    // idle ones, and graphile-worker's queries on a checked-out one fail and are retried.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    entry = { pool, users: 0 };
    shared.set(databaseUrl, entry);
  }
  entry.users += 1;
  const held = entry;
  let released = false;
  return {
    pool: held.pool,
    release: async () => {
      if (released) return;
      released = true;
      held.users -= 1;
      if (held.users > 0) return;
      if (shared.get(databaseUrl) === held) shared.delete(databaseUrl);
      await held.pool.end();
    },
  };
}
