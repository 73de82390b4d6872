import { describe, expect, it } from 'vitest';
import { acquireJobPool, JOB_POOL_SIZE } from '../../src/jobs/graphile/job-pool.js';

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
