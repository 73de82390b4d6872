import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Logger } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { claimLeasedTasks, releaseLeasedTask } from '../../src/jobs/leased-tasks/claim-leased-task.js';
import type { LeasedTaskTable, UntypedDb } from '../../src/jobs/leased-tasks/leased-task-table.js';
import type { ClaimedLeasedTask, LeasedRunnerDeps, LeasedTaskWork } from '../../src/jobs/leased-tasks/leased-task-work.js';
import { LocalLeasedRunner } from '../../src/jobs/leased-tasks/local-leased-runner.js';

const table: LeasedTaskTable = { tasks: 'tasks', runs: 'runs', keyColumn: 'task_key', activeRunStatuses: ['queued', 'running'], startingRunStatuses: ['queued'] };
const quiet = { warn() {}, error() {}, info() {}, debug() {} } as unknown as Logger;

/** A store with one queued run of `n` pending tasks; counts the queries that look for claimable tasks. */
async function storeWithRun(n: number) {
  const looks = { count: 0, runUpdates: 0, claims: 0 };
  const db = new Kysely<Record<string, Record<string, unknown>>>({
    dialect: new SqliteDialect({ database: new Database(':memory:') }),
    log: (event) => {
      if (event.level === 'query' && event.query.sql.includes('from "tasks" as "t"')) looks.count += 1;
      if (event.level === 'query' && event.query.sql.startsWith('update "runs"')) looks.runUpdates += 1;
      if (event.level === 'query' && event.query.sql.startsWith('update "tasks" set "status" = ?, "attempts"')) looks.claims += 1;
    },
  });
  await sql`create table runs (id text primary key, status text not null, created_at text not null, started_at text)`.execute(db);
  await sql`create table tasks (run_id text not null, task_key text not null, seq integer not null, status text not null, attempts integer not null default 0,
    replica_id text, worker_id text, lease_expires_at text, started_at text, label text, primary key (run_id, task_key))`.execute(db);
  await sql`insert into runs values ('run_1', 'queued', '2026-01-01T00:00:00.000Z', null)`.execute(db);
  for (let i = 0; i < n; i++) await sql`insert into tasks (run_id, task_key, seq, status, label) values ('run_1', ${`t${i}`}, ${i}, 'pending', ${`label ${i}`})`.execute(db);
  return { db, looks, untyped: () => db as unknown as UntypedDb };
}

const runners: LocalLeasedRunner[] = [];
afterEach(async () => {
  while (runners.length) await runners.pop()!.stop();
});

function start(db: () => UntypedDb, work: LeasedTaskWork, extra: Partial<LeasedRunnerDeps> = {}) {
  // A poll far away: any look seen in the test came from the runner's own reasons, not the clock.
  const runner = new LocalLeasedRunner(
    { db, table, logger: quiet, now: Date.now, work, ...extra },
    { replicaId: 'r1', leaseMs: 30_000, pollMs: 60_000, concurrency: undefined, takeOverOnStart: false, label: 'test' },
  );
  runners.push(runner);
  return runner;
}

async function until(check: () => Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const doneCount = async (db: Kysely<Record<string, Record<string, unknown>>>) =>
  Number(((await sql<{ n: number }>`select count(*) as n from tasks where status = 'done'`.execute(db)).rows[0] as { n: number }).n);

describe('LocalLeasedRunner', () => {
  it('does not look for work again as each task ends once a look found none (a run of many accounts)', async () => {
    const { db, looks, untyped } = await storeWithRun(60);
    // Accounts end one by one, as scans of different sizes do.
    const runner = start(untyped, async (task) => {
      await new Promise((r) => setTimeout(r, 20 + 5 * Number(task.key.slice(1))));
      await sql`update tasks set status = 'done' where run_id = ${task.runId} and task_key = ${task.key}`.execute(db);
    });
    await runner.start();
    await until(async () => (await doneCount(db)) === 60);
    await until(async () => runner.active === 0);
    // One look claims all sixty, one more finds none; the sixty endings add nothing (it was one look each).
    expect(looks.count).toBeLessThanOrEqual(3);
    // The run moved to running once, not once a claim.
    expect(looks.runUpdates).toBe(1);
    expect(((await sql<{ status: string }>`select status from runs`.execute(db)).rows[0] as { status: string }).status).toBe('running');
    // Told of new work, it looks again.
    const before = looks.count;
    runner.notify();
    await until(async () => looks.count > before);
  });

  it('claims the whole batch before starting any of it, so a run\'s accounts start together', async () => {
    const { db, untyped } = await storeWithRun(40);
    const runningAtStart: number[] = [];
    const runner = start(untyped, async (task) => {
      // What the store holds as each task begins: with claims interleaved, the first saw only itself.
      runningAtStart.push(Number(((await sql<{ n: number }>`select count(*) as n from tasks where status = 'running'`.execute(db)).rows[0] as { n: number }).n));
      await sql`update tasks set status = 'done' where run_id = ${task.runId} and task_key = ${task.key}`.execute(db);
    });
    await runner.start();
    await until(async () => (await doneCount(db)) === 40);
    expect(runningAtStart).toHaveLength(40);
    expect(runningAtStart[0]).toBe(40);
  });

  it('looks again at once when a task fails and is handed back, without waiting for the poll', async () => {
    const { db, untyped } = await storeWithRun(3);
    let failures = 0;
    const runner = start(untyped, async (task, _signal) => {
      if (task.key === 't1' && failures === 0) {
        failures += 1;
        // Long after the runner found nothing more to claim.
        await new Promise((r) => setTimeout(r, 200));
        await releaseLeasedTask(untyped(), table, task, { replicaId: 'r1', workerId: task.workerId });
        throw new Error('transient');
      }
      await sql`update tasks set status = 'done' where run_id = ${task.runId} and task_key = ${task.key}`.execute(db);
    });
    await runner.start();
    await until(async () => (await doneCount(db)) === 3, 3000);
    expect(failures).toBe(1);
  });

  it('claims a batch in one statement, reads back the claim columns, and prepares the batch once before any task starts', async () => {
    const { db, looks, untyped } = await storeWithRun(30);
    const prepared: Array<readonly ClaimedLeasedTask[]> = [];
    const seen: ClaimedLeasedTask[] = [];
    const runner = new LocalLeasedRunner(
      {
        db: untyped,
        table: { ...table, claimColumns: ['label'] },
        logger: quiet,
        now: Date.now,
        prepare: async (tasks) => {
          prepared.push(tasks);
          return { batchOf: tasks.length };
        },
        work: async (task) => {
          seen.push(task);
          await sql`update tasks set status = 'done' where run_id = ${task.runId} and task_key = ${task.key}`.execute(db);
        },
      },
      { replicaId: 'r1', leaseMs: 30_000, pollMs: 60_000, concurrency: undefined, takeOverOnStart: false, label: 'test' },
    );
    runners.push(runner);
    await runner.start();
    await until(async () => (await doneCount(db)) === 30);
    expect(looks.claims).toBe(1);
    expect(prepared).toHaveLength(1);
    expect(prepared[0]!.map((t) => t.key)).toEqual(Array.from({ length: 30 }, (_, i) => `t${i}`));
    expect(seen).toHaveLength(30);
    for (const task of seen) {
      expect(task.columns).toEqual({ label: `label ${task.key.slice(1)}` });
      expect(task.attempts).toBe(1);
      expect(task.prepared).toEqual({ batchOf: 30 });
    }
  });

  it('hands a batch back when stopped while preparing it: no work starts after stop', async () => {
    const { db, untyped } = await storeWithRun(4);
    let preparing!: () => void;
    const prepareStarted = new Promise<void>((r) => (preparing = r));
    let finishPrepare!: () => void;
    const worked: string[] = [];
    const runner = start(untyped, async (task) => void worked.push(task.key), {
      prepare: () => {
        preparing();
        return new Promise((r) => (finishPrepare = () => r(undefined)));
      },
    });
    await runner.start();
    await prepareStarted;
    const stopped = runner.stop();
    finishPrepare();
    await stopped;
    await until(async () => {
      const rows = (await sql<{ status: string }>`select status from tasks`.execute(db)).rows as Array<{ status: string }>;
      return rows.every((r) => r.status === 'pending');
    });
    expect(worked).toEqual([]);
  });

  it('starts a batch without its preparation when preparing fails', async () => {
    const { db, untyped } = await storeWithRun(5);
    const prepared: unknown[] = [];
    const runner = start(
      untyped,
      async (task) => {
        prepared.push(task.prepared);
        await sql`update tasks set status = 'done' where run_id = ${task.runId} and task_key = ${task.key}`.execute(db);
      },
      { prepare: async () => Promise.reject(new Error('store hiccup')) },
    );
    await runner.start();
    await until(async () => (await doneCount(db)) === 5);
    expect(prepared).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('claimLeasedTasks', () => {
  const holder = (workerId: string, nowMs = Date.parse('2026-01-01T00:00:00.000Z')) => ({ replicaId: 'r1', workerId, leaseMs: 30_000, nowMs });

  it('of two claimers of overlapping tasks each task goes to exactly one; live claims are kept, lapsed ones retaken', async () => {
    const { db, untyped } = await storeWithRun(10);
    const keys = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `t${from + i}`);
    const [a, b] = await Promise.all([claimLeasedTasks(untyped(), table, 'run_1', keys(0, 7), holder('a')), claimLeasedTasks(untyped(), table, 'run_1', keys(3, 10), holder('b'))]);
    const won = [...a, ...b].map((w) => w.key).sort();
    expect(won).toEqual(keys(0, 10).sort());
    expect(new Set(won).size).toBe(10);
    // Held under live leases: nobody else gets them.
    expect(await claimLeasedTasks(untyped(), table, 'run_1', keys(0, 10), holder('c'))).toEqual([]);
    // Past the leases: claimable again, the claim counted.
    const later = await claimLeasedTasks(untyped(), table, 'run_1', ['t1', 't8'], holder('d', Date.parse('2026-01-01T00:01:00.000Z')));
    expect(later.map((w) => [w.key, w.attempts]).sort()).toEqual([['t1', 2], ['t8', 2]]);
    const holders = (await sql<{ task_key: string; worker_id: string }>`select task_key, worker_id from tasks where task_key in ('t1', 't8')`.execute(db)).rows;
    expect(holders.map((r) => r.worker_id)).toEqual(['d', 'd']);
  });

  it('claims nothing of a run that is no longer active, and nothing already finished', async () => {
    const { db, untyped } = await storeWithRun(4);
    await sql`update tasks set status = 'done' where task_key = 't0'`.execute(db);
    expect((await claimLeasedTasks(untyped(), table, 'run_1', ['t0', 't1'], holder('a'))).map((w) => w.key)).toEqual(['t1']);
    await sql`update runs set status = 'cancelled'`.execute(db);
    expect(await claimLeasedTasks(untyped(), table, 'run_1', ['t2', 't3'], holder('a'))).toEqual([]);
  });
});
