import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { acquireJobPool, JOB_POOL_SIZE, jobPoolUsers, setJobPoolSize } from '../../src/jobs/graphile/job-pool.js';
import { DEFAULT_DATABASE_CONNECTIONS, splitDatabaseConnections } from '../../src/config/database-connections.js';
import { STORE_POOL_SIZE } from '../../src/store/open-database.js';
import { GraphileLeasedRunner } from '../../src/jobs/leased-tasks/graphile-leased-runner.js';
import type { LeasedTaskTable, UntypedDb } from '../../src/jobs/leased-tasks/leased-task-table.js';
import { GraphileLogSyncRunner } from '../../src/jobs/log-sync/graphile-log-sync-runner.js';
import { defaultLogSyncJobOptions } from '../../src/jobs/log-sync/log-sync-job-options.js';
import type { HubContext } from '../../src/hub-context.js';

// No connection is opened: pg pools connect on first query, and these only share and end them.
describe('acquireJobPool', () => {
  const url = 'postgres://nobody@127.0.0.1:1/job_pool_test';

  it('gives every runner of a process one pool per database, ended when the last lets go', async () => {
    const coverage = acquireJobPool(url);
    const bulk = acquireJobPool(url);
    const other = acquireJobPool(`${url}_other`);
    expect(bulk.pool).toBe(coverage.pool);
    expect(other.pool).not.toBe(coverage.pool);
    expect(coverage.pool.options.max).toBe(JOB_POOL_SIZE);

    await coverage.release();
    await coverage.release(); // twice counts once
    expect(bulk.pool.ended).toBe(false);
    await bulk.release();
    expect(bulk.pool.ended).toBe(true);
    await other.release();

    const again = acquireJobPool(url);
    expect(again.pool).not.toBe(coverage.pool);
    expect(again.pool.ended).toBe(false);
    await again.release();
  });
});

describe('DUOHUB_DATABASE_CONNECTIONS', () => {
  it.each([
    [8, { store: 4, jobs: 4 }],
    [9, { store: 4, jobs: 5 }],
    [20, { store: 10, jobs: 10 }],
    [101, { store: 50, jobs: 51 }],
  ])('%i connections: %j', (total, split) => {
    expect(splitDatabaseConnections(total)).toEqual(split);
  });

  it("the default's halves are the pools' defaults", () => {
    expect(splitDatabaseConnections(DEFAULT_DATABASE_CONNECTIONS)).toEqual({ store: STORE_POOL_SIZE, jobs: JOB_POOL_SIZE });
  });

  it('sizes the job pools opened after it is set, and refuses fewer than 4', async () => {
    const url = 'postgres://nobody@127.0.0.1:1/job_pool_size_test';
    setJobPoolSize(6);
    try {
      const lease = acquireJobPool(url);
      expect(lease.pool.options.max).toBe(6);
      await lease.release();
      expect(() => setJobPoolSize(3)).toThrow(RangeError);
    } finally {
      setJobPoolSize(JOB_POOL_SIZE);
    }
  });
});

describe('a graphile runner that fails to start', () => {
  // Nothing listens on port 1: graphile-worker's first query (its migration) fails to connect.
  const url = 'postgres://nobody@127.0.0.1:1/job_pool_start_test';
  const logger = pino({ level: 'silent' });

  it('lets go of its share of the job pool (coverage and bulk runners)', async () => {
    const runner = new GraphileLeasedRunner(
      { db: () => ({}) as UntypedDb, table: {} as LeasedTaskTable, work: async () => {}, logger, now: Date.now },
      { databaseUrl: url, replicaId: 'r1', leaseMs: 30_000, pollMs: 1000, concurrency: 2, taskIdentifier: 'duohub_test_task', jobKeyPrefix: 'test', label: 'test' },
    );
    await expect(runner.start()).rejects.toThrow();
    expect(jobPoolUsers(url)).toBe(0);
  });

  it('lets go of its share of the job pool (log sync runner)', async () => {
    const hub = { logger } as unknown as HubContext;
    const runner = new GraphileLogSyncRunner(hub, { ...defaultLogSyncJobOptions(), databaseUrl: url, replicaId: 'r1' });
    await expect(runner.start()).rejects.toThrow();
    expect(jobPoolUsers(url)).toBe(0);
  });
});
