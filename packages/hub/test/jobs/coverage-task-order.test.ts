import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CompiledQuery, type Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTasks } from '../../src/jobs/mfa-coverage/coverage-run-views.js';
import { coverageDb } from '../../src/jobs/mfa-coverage/coverage-tables.js';
import { outcomesAfter } from '../../src/jobs/mfa-coverage/finalize-coverage-run.js';
import { openStore, type Store } from '../../src/store/open-store.js';

let dataDir: string;
let store: Store;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-task-order-'));
  store = await openStore({ dataDir, masterKey: randomBytes(32) });
});
afterAll(async () => {
  await store?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** SQLite's plan for a query as the hub builds it, one line per step. */
async function planOf(query: Compilable): Promise<string[]> {
  const compiled = query.compile();
  const result = await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]));
  return result.rows.map((r) => r.detail);
}

describe("a run's tasks in the run's order (migration 0014)", () => {
  // Without the (run_id, seq) index SQLite read every task of the run for each batch of ten outcomes
  // and sorted them: closing a run of n accounts cost n^2/10 row reads (150 ms a run at 1,000 accounts).
  it('closing a run reads each batch of outcomes through the index, with no sort', async () => {
    const plan = await planOf(outcomesAfter(coverageDb(store.db), 'cov_x', 41));
    expect(plan.join(' | ')).toMatch(/USING INDEX coverage_tasks_order_idx \(run_id=\? AND seq>\?\)/);
    expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE/);
  });

  it.each([['all'], [['failed']], [['running', 'failed']]] as const)("a run's view lists %j tasks in order without sorting them", async (which) => {
    const plan = await planOf(runTasks(coverageDb(store.db), 'cov_x', which));
    expect(plan.join(' | ')).toMatch(/coverage_tasks_order_idx/);
    expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE/);
  });
});
