import { fail, newUser, putUser, removeUser, wrapRoute } from '@duohub/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeCoverageTask, completeCoverageTasks } from '../../src/jobs/mfa-coverage/complete-coverage-task.js';
import { finalizeIfComplete } from '../../src/jobs/mfa-coverage/finalize-coverage-run.js';
import { cancelCoverageRun, waitForCoverageRunEnd } from '../../src/jobs/mfa-coverage/coverage-run-views.js';
import { startCoverageJobs, type CoverageJobs } from '../../src/jobs/mfa-coverage/coverage-jobs.js';
import { coverageDb } from '../../src/jobs/mfa-coverage/coverage-tables.js';
import { CoverageScheduler } from '../../src/jobs/mfa-coverage/coverage-scheduler.js';
import { createCoverageRun } from '../../src/jobs/mfa-coverage/create-coverage-run.js';
import { systemActor } from '../../src/access/actor.js';
import type { AccountOutcome } from '../../src/reports/mfa-coverage/index.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { fleetGroundTruth } from '../reports/support/ground-truth.js';
import { startGatedEmulator, until, type GatedEmulator } from './support/gated-emulator.js';
import { createIntegration, expectReportEqualsGroundTruth, waitForRun } from './support/hub-setup.js';

// 6 child accounts x 400 users: two user pages per account.
const FLEET = { accounts: 6, usersPerAccount: 400, seed: 21 };

let gate: GatedEmulator;
let t: TestHub;
let integrationId: string;
let jobs: CoverageJobs | undefined;
const api = (method: string, p: string, o?: { token?: string | null; body?: unknown }) => t.api(method, p, o);
const db = () => coverageDb(t.store.db);
const start = async (replicaId: string, concurrency = 2) => {
  jobs = await startCoverageJobs(t.hub, { replicaId, concurrency, pollMs: 50, leaseMs: 3000 });
  return jobs;
};
const stop = async () => {
  await jobs?.stop();
  jobs = undefined;
};

beforeAll(async () => {
  gate = await startGatedEmulator(FLEET, 5);
  t = await startTestHub();
  integrationId = await createIntegration(api, gate.url, gate.sets());
});
afterAll(async () => {
  await stop();
  await t?.close();
  await gate?.close();
});

describe('MFA coverage runs as jobs on SQLite', () => {
  it('a run started over REST equals the ground truth for every account; organizations are mapped, limited tokens see theirs', async () => {
    gate.open();
    const [mappedChild] = gate.children;
    const org = await api('POST', '/api/organizations', { body: { name: 'Mapped Client', integration_id: integrationId, duo_account_id: mappedChild } });
    expect(org.status, org.text).toBe(201);
    await start('replica-a', 3);
    const started = await api('POST', '/api/reports/mfa-coverage/runs', { body: { integration_id: integrationId } });
    expect(started.status, started.text).toBe(202);
    expect(started.body.progress.accounts_total).toBe(FLEET.accounts);
    const { run, report } = await expectReportEqualsGroundTruth(api, gate.emu, started.body.id, FLEET.usersPerAccount);
    expect(run.tasks.map((x: any) => x.processed_by)).toEqual(Array(FLEET.accounts).fill('replica-a'));
    expect(run.tasks.map((x: any) => x.attempts)).toEqual(Array(FLEET.accounts).fill(1));

    // Mapped accounts carry the organization; the others their Duo name.
    const duoNames = new Map(gate.emu.credentials().accounts.map((a) => [a.account_id, a.name]));
    for (const row of report.organizations) {
      if (row.duo_account_id === mappedChild) expect(row).toMatchObject({ name: 'Mapped Client', organization_id: org.body.id });
      else expect(row).toMatchObject({ name: duoNames.get(row.duo_account_id), organization_id: null });
    }

    // The latest report is this snapshot; a limited token sees its organization's row and totals only.
    const latest = await api('GET', '/api/reports/mfa-coverage');
    expect(latest.body.snapshot.id).toBe(started.body.id);
    const limited = await api('POST', '/api/tokens', { body: { name: 'limited', scopes: ['operate'], organization_ids: [org.body.id] } });
    const mine = await api('GET', '/api/reports/mfa-coverage', { token: limited.body.token });
    expect(mine.status).toBe(200);
    expect(mine.body.organizations.map((o: any) => o.duo_account_id)).toEqual([mappedChild]);
    expect(mine.body.totals.counts.users).toBe(FLEET.usersPerAccount);
    // The figures alone: every organization as in the full report but for its list of users without
    // MFA, which is absent (not empty: nobody could take it for "everyone has MFA"); a limited token alike.
    const figures = await api('GET', `/api/reports/mfa-coverage?run=${started.body.id}&include_users=false`);
    expect(figures.status).toBe(200);
    expect(figures.body.organizations.every((o: any) => !('users_without_mfa' in o))).toBe(true);
    expect(figures.body).toEqual({ ...report, organizations: report.organizations.map(({ users_without_mfa: _, ...o }: any) => o) });
    expect(report.organizations.some((o: any) => o.users_without_mfa.length > 0)).toBe(true);
    expect(figures.text.length * 5).toBeLessThan(JSON.stringify(report).length);
    const mineFigures = await api('GET', '/api/reports/mfa-coverage?include_users=0', { token: limited.body.token });
    expect(mineFigures.body.organizations.map((o: any) => [o.duo_account_id, 'users_without_mfa' in o])).toEqual([[mappedChild, false]]);
    expect((await api('GET', '/api/reports/mfa-coverage?include_users=1')).body.organizations[0]).toHaveProperty('users_without_mfa');
    // One organization: by its id or its Duo account's, with its users and totals of its own; one the
    // caller may not see, or none of the snapshot's, is an empty list (a limited token learns nothing).
    const mappedRow = report.organizations.find((o: any) => o.duo_account_id === mappedChild);
    for (const key of [org.body.id, mappedChild]) {
      const one = await api('GET', `/api/reports/mfa-coverage?run=${started.body.id}&organization=${key}`);
      expect(one.body.organizations).toEqual([mappedRow]);
      expect(one.body.totals).toMatchObject({ organizations: 1, scanned: 1, counts: mappedRow.counts });
    }
    const unmapped = report.organizations.find((o: any) => o.organization_id === null);
    expect((await api('GET', `/api/reports/mfa-coverage?organization=${unmapped.duo_account_id}&include_users=false`)).body.organizations.map((o: any) => o.duo_account_id)).toEqual([unmapped.duo_account_id]);
    expect((await api('GET', `/api/reports/mfa-coverage?organization=${unmapped.duo_account_id}`, { token: limited.body.token })).body.organizations).toEqual([]);
    expect((await api('GET', '/api/reports/mfa-coverage?organization=org_nobody')).body).toMatchObject({ organizations: [], totals: { organizations: 0 } });
    const oneCsv = await api('GET', `/api/reports/mfa-coverage?run=${started.body.id}&format=csv&list=users_without_mfa&organization=${mappedChild}`);
    expect(oneCsv.text.trim().split('\r\n')).toHaveLength(1 + mappedRow.no_mfa);
    const unclear = await api('GET', '/api/reports/mfa-coverage?include_users=no');
    expect(unclear.status).toBe(400);
    expect(unclear.body.error.details.map((d: any) => d.field)).toEqual(['include_users']);
    // Runs are fleet-wide: a limited token can neither start nor list them.
    expect((await api('POST', '/api/reports/mfa-coverage/runs', { token: limited.body.token, body: { integration_id: integrationId } })).status).toBe(403);
    expect((await api('GET', '/api/reports/mfa-coverage/runs', { token: limited.body.token })).status).toBe(403);
    const reader = await api('POST', '/api/tokens', { body: { name: 'reader', scopes: ['read'] } });
    expect((await api('POST', '/api/reports/mfa-coverage/runs', { token: reader.body.token, body: { integration_id: integrationId } })).status).toBe(403);

    // CSV exports: one line per organization, one per user without MFA.
    const csv = await api('GET', `/api/reports/mfa-coverage?run=${started.body.id}&format=csv`);
    expect(csv.text.trim().split('\r\n')).toHaveLength(1 + FLEET.accounts);
    const users = await api('GET', `/api/reports/mfa-coverage?run=${started.body.id}&format=csv&list=users_without_mfa`);
    expect(users.text.trim().split('\r\n')).toHaveLength(1 + report.totals.counts.no_mfa);
    await api('DELETE', `/api/organizations/${org.body.id}`);
    await stop();
  });

  it('a redelivered task changes nothing: the outcome is written once and counted once', async () => {
    const runs = await api('GET', '/api/reports/mfa-coverage/runs');
    const runId = runs.body.items[0].id;
    const task = await db().selectFrom('coverage_tasks').selectAll().where('run_id', '=', runId).orderBy('seq').executeTakeFirstOrThrow();
    const before = await db().selectFrom('coverage_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    const outcome = JSON.parse(task.result!) as AccountOutcome;
    const again = await completeCoverageTask(t.hub, { runId, accountId: task.account_id }, outcome, 'someone-else');
    expect(again).toEqual({ written: false, finalized: false });
    const after = await db().selectFrom('coverage_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const row = await db().selectFrom('coverage_tasks').select(['processed_by', 'result']).where('run_id', '=', runId).where('account_id', '=', task.account_id).executeTakeFirstOrThrow();
    expect(row).toEqual({ processed_by: 'replica-a', result: task.result });
  });

  it('closes runs whose tasks were written by older versions (before migrations 0013 and 0015) into snapshots that read the same', async () => {
    const runs = await api('GET', '/api/reports/mfa-coverage/runs');
    const doneRun = runs.body.items.find((r: any) => r.status === 'done').id as string;
    const tasks = await db().selectFrom('coverage_tasks').selectAll().where('run_id', '=', doneRun).orderBy('seq').execute();
    expect(tasks.every((x) => x.coverage !== null && x.users_without_mfa !== null && x.mfa_user_ids !== null)).toBe(true);
    // Since 0015 the figures hold no list: the users without MFA are in their own column.
    for (const x of tasks) expect(Object.keys(JSON.parse(x.coverage!))).toEqual(['counts', 'percentages', 'scan']);
    // The older forms, rebuilt from it: before 0013 one outcome with its lists and no parts; between
    // 0013 and 0015 the users without MFA inside `coverage`.
    const full = tasks.map((x) => {
      const outcome = JSON.parse(x.result!) as AccountOutcome & { status: 'ok' };
      expect(outcome.coverage).not.toHaveProperty('usersWithoutMfa');
      return { ...outcome, coverage: { ...outcome.coverage, usersWithoutMfa: JSON.parse(x.users_without_mfa!), mfaUserIds: JSON.parse(x.mfa_user_ids!) } };
    });
    const olderRun = async (write: (i: number) => Record<string, string | number | null>) => {
      const id = (await createCoverageRun(t.hub, systemActor, { integrationId, trigger: 'api' }))!.id;
      const own = await db().selectFrom('coverage_tasks').select(['account_id']).where('run_id', '=', id).orderBy('seq').execute();
      expect(own.map((x) => x.account_id)).toEqual(tasks.map((x) => x.account_id));
      for (const [i, outcome] of full.entries()) {
        await db()
          .updateTable('coverage_tasks')
          .set({ status: 'done', users_seen: outcome.coverage.counts.users, processed_by: 'old-version', ...write(i) })
          .where('run_id', '=', id)
          .where('account_id', '=', own[i]!.account_id)
          .execute();
      }
      await db().updateTable('coverage_runs').set({ accounts_done: full.length }).where('id', '=', id).execute();
      expect(await finalizeIfComplete(db(), t.hub, id)).toBe(true);
      return id;
    };
    const before0013 = await olderRun((i) => ({ result: JSON.stringify(full[i]) }));
    const before0015 = await olderRun((i) => {
      const { counts, percentages, usersWithoutMfa, scan } = full[i]!.coverage;
      return { result: tasks[i]!.result, coverage: JSON.stringify({ counts, percentages, usersWithoutMfa, scan }), users_without_mfa: null, mfa_user_ids: tasks[i]!.mfa_user_ids };
    });
    const rows = (id: string) =>
      db().selectFrom('coverage_snapshot_rows').select(['account_id', 'status', 'users', 'mfa', 'no_mfa', 'coverage', 'users_without_mfa', 'mfa_user_ids']).where('snapshot_id', '=', id).orderBy('seq').execute();
    // A run closed from outcomes of before 0013 is written in today's form.
    expect(await rows(before0013)).toEqual(await rows(doneRun));
    expect(await rows(before0013)).toHaveLength(FLEET.accounts);
    // One of between 0013 and 0015 is copied as it was, its lists inside `coverage`...
    expect((await rows(before0015)).every((r) => r.users_without_mfa === null && 'usersWithoutMfa' in JSON.parse(r.coverage!))).toBe(true);
    const totals = async (id: string) => (await db().selectFrom('coverage_snapshots').select('totals').where('id', '=', id).executeTakeFirstOrThrow()).totals;
    expect(await totals(before0013)).toBe(await totals(doneRun));
    expect(await totals(before0015)).toBe(await totals(doneRun));
    // ...and reads as today's, in full and as figures, and in a diff (lists read as empty would show
    // every user without MFA as new).
    const report = async (id: string, query = '') => {
      const res = await api('GET', `/api/reports/mfa-coverage?run=${id}${query}`);
      expect(res.status, res.text).toBe(200);
      return { totals: res.body.totals, organizations: res.body.organizations };
    };
    // (Against the run closed from before 0013 just now: organizations are mapped as they are at closing.)
    const today = await report(before0013);
    expect(today.totals.counts.no_mfa).toBeGreaterThan(0);
    expect(await report(before0015)).toEqual(today);
    expect(await report(before0015, '&include_users=false')).toEqual(await report(before0013, '&include_users=false'));
    const diff = await api('GET', `/api/reports/mfa-coverage/diff?from=${before0015}&to=${before0013}`);
    expect(diff.status, diff.text).toBe(200);
    expect(diff.body.totals).toEqual({ lost_mfa: 0, gained_mfa: 0, new_without_mfa: 0, removed_without_mfa: 0 });
  });

  it('a report of the figures alone never reads the users without MFA', async () => {
    const runs = await api('GET', '/api/reports/mfa-coverage/runs');
    const doneRun = runs.body.items.find((r: any) => r.status === 'done').id as string;
    const figures = await api('GET', `/api/reports/mfa-coverage?run=${doneRun}&include_users=false`);
    expect(figures.status).toBe(200);
    const [first] = await db().selectFrom('coverage_snapshot_rows').select(['account_id', 'users_without_mfa']).where('snapshot_id', '=', doneRun).orderBy('seq').execute();
    // Spoil one account's list: a read that parsed it would fail; the figures alone do not notice.
    await db().updateTable('coverage_snapshot_rows').set({ users_without_mfa: '{not json' }).where('snapshot_id', '=', doneRun).where('account_id', '=', first!.account_id).execute();
    try {
      const again = await api('GET', `/api/reports/mfa-coverage?run=${doneRun}&include_users=false`);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(figures.body);
    } finally {
      await db().updateTable('coverage_snapshot_rows').set({ users_without_mfa: first!.users_without_mfa }).where('snapshot_id', '=', doneRun).where('account_id', '=', first!.account_id).execute();
    }
    expect((await api('GET', `/api/reports/mfa-coverage?run=${doneRun}`)).status).toBe(200);
  });

  it('resumes after the runner is stopped mid-run: finished accounts are kept, the rest re-run, nothing counted twice', async () => {
    gate.shut();
    const [a, b, c, d, e, f] = gate.children as [string, string, string, string, string, string];
    gate.open([a, b]);
    gate.requested.clear();
    await start('first', 2);
    const started = await api('POST', '/api/reports/mfa-coverage/runs', { body: { integration_id: integrationId } });
    const runId = started.body.id as string;
    // a and b finish; c and d are taken next and wait at the gate: the run is mid-way.
    await gate.waitRequested([c, d]);
    const mid = await api('GET', `/api/reports/mfa-coverage/runs/${runId}`);
    expect(mid.body.progress.accounts_done).toBe(2);
    expect(mid.body.tasks.filter((x: any) => x.status === 'running').map((x: any) => x.account_id).sort()).toEqual([c, d].sort());
    await stop();
    const stopped = await api('GET', `/api/reports/mfa-coverage/runs/${runId}`);
    expect(stopped.body.status).toBe('running');
    expect(stopped.body.tasks.map((x: any) => x.status)).toEqual(['done', 'done', 'pending', 'pending', 'pending', 'pending']);

    gate.open();
    await start('second', 2);
    const { run } = await expectReportEqualsGroundTruth(api, gate.emu, runId, FLEET.usersPerAccount);
    const by = Object.fromEntries(run.tasks.map((x: any) => [x.account_id, [x.processed_by, x.attempts]]));
    expect(by).toEqual({ [a]: ['first', 1], [b]: ['first', 1], [c]: ['second', 2], [d]: ['second', 2], [e]: ['second', 1], [f]: ['second', 1] });
    await stop();
  });

  it('cancels a running run: unfinished tasks stop, nothing more is written, no snapshot is taken', async () => {
    gate.shut();
    gate.requested.clear();
    await start('canceller', 2);
    const started = await api('POST', '/api/reports/mfa-coverage/runs', { body: { integration_id: integrationId } });
    const runId = started.body.id as string;
    await until(() => (gate.requested.size >= 2 ? true : undefined));
    const cancelled = await api('POST', `/api/reports/mfa-coverage/runs/${runId}/cancel`);
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    gate.open();
    await until(async () => ((jobs!.runner as { active?: number }).active === 0 ? true : undefined));
    const detail = await api('GET', `/api/reports/mfa-coverage/runs/${runId}`);
    expect(detail.body.tasks.every((x: any) => x.status === 'cancelled')).toBe(true);
    expect(detail.body.progress.accounts_done).toBe(0);
    expect((await api('GET', `/api/reports/mfa-coverage?run=${runId}`)).status).toBe(404);
    expect((await api('POST', `/api/reports/mfa-coverage/runs/${runId}/cancel`)).status).toBe(409);
    const audit = await api('GET', '/api/audit?action=reports.mfa_coverage.cancel');
    // Newest first: the refused second cancel, then the cancel itself.
    expect(audit.body.items.map((x: any) => [x.target_id, x.outcome, x.error_code])).toEqual([
      [runId, 'failure', 'conflict'],
      [runId, 'success', null],
    ]);
    await stop();
  });

  it('holds a progress read until the run ends when asked (wait_ms): the end comes in the read that waited', async () => {
    gate.shut();
    await start('waiter', 3);
    const started = await api('POST', '/api/reports/mfa-coverage/runs', { body: { integration_id: integrationId } });
    const runId = started.body.id as string;
    // While Duo does not answer, a short wait comes back with the run still under way.
    const short = await api('GET', `/api/reports/mfa-coverage/runs/${runId}?wait_ms=100`);
    expect(short.status, short.text).toBe(200);
    expect(['queued', 'running']).toContain(short.body.status);
    // A long wait, and Duo then answers: the one read that was held carries the end.
    const held = api('GET', `/api/reports/mfa-coverage/runs/${runId}?wait_ms=30000`);
    gate.open();
    const ended = await held;
    expect(ended.body.status).toBe('done');
    expect(ended.body.progress.accounts_done).toBe(FLEET.accounts);
    // An unknown run is not waited for, and a wait out of range is refused, naming the field.
    expect((await api('GET', '/api/reports/mfa-coverage/runs/cov_nope?wait_ms=30000')).status).toBe(404);
    const bad = await api('GET', `/api/reports/mfa-coverage/runs/${runId}?wait_ms=30001`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('wait_ms');
    await stop();
  });

  it("lists the tasks asked for (all by default, those of some statuses, or none) with the same progress; starting a run lists none", async () => {
    gate.shut();
    const [broken, quick, other, held] = gate.children as [string, string, string, string];
    let failing: string | undefined = broken;
    gate.emu.use(
      wrapRoute('GET', '/admin/v1/bypass_codes', async (ctx, next) =>
        ctx.account.account_id === failing ? fail(403, 40301, 'Access forbidden', 'scripted by the tasks test') : next(),
      ),
    );
    try {
      await start('lister', FLEET.accounts);
      const started = await api('POST', '/api/reports/mfa-coverage/runs', { body: { integration_id: integrationId } });
      expect(started.status, started.text).toBe(202);
      expect(started.body).not.toHaveProperty('tasks');
      const runId = started.body.id as string;
      // Three accounts end (one of them fails); the other three stay held on their users listing, running.
      gate.open([broken, quick, other]);
      const read = async (query = '') => {
        const res = await api('GET', `/api/reports/mfa-coverage/runs/${runId}${query}`);
        expect(res.status, res.text).toBe(200);
        return res.body;
      };
      await until(async () => {
        const { progress } = await read('?tasks=none');
        // Finished accounts, failed ones included.
        return progress.accounts_done === 3 ? true : undefined;
      });
      const before = await read();
      // A holder's lease renewal writes what its scan has counted so far: progress counts it whichever tasks are listed.
      await db().updateTable('coverage_tasks').set({ users_seen: 123 }).where('run_id', '=', runId).where('account_id', '=', held).where('status', '=', 'running').execute();
      const all = await read();
      const none = await read('?tasks=none');
      const failed = await read('?tasks=failed&wait_ms=1');
      const underWayOrFailed = await read('?tasks=running,failed');
      expect(all.progress.users_seen - before.progress.users_seen).toBe(123);
      expect(none.progress).toEqual(all.progress);
      expect(failed.progress).toEqual(all.progress);
      expect(all.progress).toMatchObject({ accounts_total: FLEET.accounts, accounts_done: 3, accounts_failed: 1 });
      expect(all.tasks.map((x: any) => x.account_id).sort()).toEqual([...gate.children].sort());
      expect(none).not.toHaveProperty('tasks');
      expect(failed.tasks.map((x: any) => [x.account_id, x.status])).toEqual([[broken, 'failed']]);
      expect(failed.tasks[0].error).toMatchObject({ status: 403, code: 40301 });
      expect(failed.tasks[0]).toEqual(all.tasks.find((x: any) => x.account_id === broken));
      // What a live view shows: the three held accounts and the broken one, in the run's order, and the same progress.
      expect(underWayOrFailed.progress).toEqual(all.progress);
      expect(underWayOrFailed.tasks).toEqual(all.tasks.filter((x: any) => x.status === 'running' || x.status === 'failed'));
      expect(underWayOrFailed.tasks.map((x: any) => x.status).sort()).toEqual(['failed', 'running', 'running', 'running']);
      const bad = await api('GET', `/api/reports/mfa-coverage/runs/${runId}?tasks=some`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d: any) => d.field)).toContain('tasks');
      expect(JSON.stringify(bad.body.error.details)).toContain('unknown task status \\"some\\"');
    } finally {
      failing = undefined;
      gate.open();
      await stop();
    }
  });

  it('a held read is woken by the end of a run in this process, not only by its next look at the store', async () => {
    // Looks an hour apart: only the announcement of the end can wake these waits within the test.
    const HOUR = 3_600_000;
    gate.shut();
    await start('announcer', 3);
    const done = (await api('POST', '/api/reports/mfa-coverage/runs', { body: { integration_id: integrationId } })).body.id as string;
    const waitingForDone = waitForCoverageRunEnd(t.hub, done, 30_000, HOUR);
    gate.open();
    await waitingForDone;
    expect((await db().selectFrom('coverage_runs').select('status').where('id', '=', done).executeTakeFirstOrThrow()).status).toBe('done');
    await stop();

    // A cancel ends a run too. (No runner: the run stays queued until cancelled.)
    const cancelled = (await createCoverageRun(t.hub, systemActor, { integrationId, trigger: 'api' }))!.id;
    const waitingForCancel = waitForCoverageRunEnd(t.hub, cancelled, 30_000, HOUR);
    await cancelCoverageRun(t.hub, systemActor, cancelled);
    await waitingForCancel;
    expect((await db().selectFrom('coverage_runs').select('status').where('id', '=', cancelled).executeTakeFirstOrThrow()).status).toBe('cancelled');
  }, 15_000);

  it('diffs two snapshots: who lost MFA, who gained it, who is new without it, who left', async () => {
    gate.open();
    await start('differ', 3);
    const first = (await api('POST', '/api/reports/mfa-coverage/runs', { body: { integration_id: integrationId } })).body.id as string;
    await waitForRun(api, first);

    const account = gate.emu.state.accounts[gate.children[0]!]!;
    const users = Object.values(account.users);
    const truth = fleetGroundTruth(gate.emu.state, Date.now()).get(account.account_id)!;
    const noMfa = new Set(truth.usersWithoutMfa.map((u) => u.user_id));
    const withWebauthn = users.find((u) => u.webauthn.length > 0)!;
    const loser = users.find((u) => !noMfa.has(u.user_id) && u !== withWebauthn)!;
    const [gainer, leaver] = users.filter((u) => noMfa.has(u.user_id));
    loser.phone_ids = [];
    loser.token_ids = [];
    loser.webauthn = [];
    gainer!.webauthn = [...withWebauthn.webauthn];
    // Membership goes through the emulator's ordered index, as its own routes do.
    removeUser(account, leaver!.user_id);
    const added = newUser(account, 'zz.new.person', Math.random, Date.now());
    putUser(account, added);

    const second = (await api('POST', '/api/reports/mfa-coverage/runs', { body: { integration_id: integrationId } })).body.id as string;
    await waitForRun(api, second);
    const diff = await api('GET', `/api/reports/mfa-coverage/diff?from=${first}&to=${second}`);
    expect(diff.status, diff.text).toBe(200);
    const changed = diff.body.organizations.find((o: any) => o.account_id === account.account_id);
    const ids = (list: any[]) => list.map((u) => u.user_id);
    expect(changed.comparable).toBe(true);
    expect(ids(changed.lost_mfa)).toEqual([loser.user_id]);
    expect(ids(changed.gained_mfa)).toEqual([gainer!.user_id]);
    expect(ids(changed.new_without_mfa)).toEqual([added.user_id]);
    expect(ids(changed.removed_without_mfa)).toEqual([leaver!.user_id]);
    expect(diff.body.totals).toEqual({ lost_mfa: 1, gained_mfa: 1, new_without_mfa: 1, removed_without_mfa: 1 });
    // `to` defaults to the latest; a date selects the latest snapshot of that day.
    const today = new Date().toISOString().slice(0, 10);
    const byDate = await api('GET', `/api/reports/mfa-coverage/diff?from=${first}`);
    expect(byDate.body.to.id).toBe(second);
    expect((await api('GET', `/api/reports/mfa-coverage?at=${today}`)).body.snapshot.id).toBe(second);
    expect((await api('GET', '/api/reports/mfa-coverage?at=1999-01-01')).status).toBe(404);
    expect((await api('GET', '/api/reports/mfa-coverage?at=yesterday')).status).toBe(400);
    const csv = await api('GET', `/api/reports/mfa-coverage/diff?from=${first}&to=${second}&format=csv`);
    expect(csv.text).toContain(`lost_mfa,`);
    expect(csv.text.trim().split('\r\n')).toHaveLength(5);
    await stop();
  });

  it('scheduled runs: one per interval slot, however many schedulers tick on one store', async () => {
    gate.open();
    const startRun = async (id: string, slot: string) => createCoverageRun(t.hub, systemActor, { integrationId: id, trigger: 'schedule', scheduleSlot: slot });
    const timers: Array<{ at: number; fn: () => void }> = [];
    let now = 10 * 3_600_000 + 5;
    const clock = { now: () => now, setTimeout: (fn: () => void, ms: number) => timers.push({ at: now + ms, fn }), clearTimeout: () => {} };
    const deps = { listIntegrations: async () => [integrationId], startRun };
    const one = new CoverageScheduler(3_600_000, deps, clock);
    const two = new CoverageScheduler(3_600_000, deps, clock);
    await Promise.all([one.start(), two.start()]);
    const scheduled = () => db().selectFrom('coverage_runs').select(['schedule_slot']).where('trigger', '=', 'schedule').execute();
    expect(await scheduled()).toEqual([{ schedule_slot: '3600000:10' }]);
    // Both timers aim at the next slot start (11:00); firing them starts one more run.
    expect(timers.map((x) => x.at)).toEqual([11 * 3_600_000, 11 * 3_600_000]);
    now = 11 * 3_600_000;
    for (const timer of timers.splice(0)) timer.fn();
    await until(async () => ((await scheduled()).length === 2 ? true : undefined));
    await Promise.all([one.stop(), two.stop()]);
    expect((await scheduled()).map((r) => r.schedule_slot).sort()).toEqual(['3600000:10', '3600000:11']);
    await db().updateTable('coverage_runs').set({ status: 'cancelled' }).where('trigger', '=', 'schedule').execute();
  });
  it('outcomes that end together are written in one transaction: each once, counted once, and the run they close finalized by one', async () => {
    gate.open();
    const done = (await api('GET', '/api/reports/mfa-coverage/runs')).body.items.find((r: any) => r.status === 'done').id as string;
    const results = await db().selectFrom('coverage_tasks').select(['account_id', 'result']).where('run_id', '=', done).orderBy('seq').execute();
    const outcomeOf = new Map(results.map((r) => [r.account_id, JSON.parse(r.result!) as AccountOutcome]));
    const first = (await createCoverageRun(t.hub, systemActor, { integrationId, trigger: 'api' }))!.id;
    const second = (await createCoverageRun(t.hub, systemActor, { integrationId, trigger: 'api' }))!.id;
    const accounts = [...outcomeOf.keys()];
    const completion = (runId: string, accountId: string, by = 'batch') => ({ key: { runId, accountId }, outcome: outcomeOf.get(accountId)!, processedBy: by });
    // All of the first run (one account twice, as a redelivery in the same turn would be) and two of the second's.
    const batch = [...accounts.map((a) => completion(first, a)), completion(first, accounts[0]!, 'again'), completion(second, accounts[0]!), completion(second, accounts[1]!)];
    const written = await completeCoverageTasks(t.hub, batch);
    expect(written.map((w) => w.written)).toEqual([...accounts.map(() => true), false, true, true]);
    // The first run closed with its last task in the batch; the second is still open.
    expect(written.filter((w) => w.finalized)).toHaveLength(1);
    expect(written[accounts.length - 1]).toEqual({ written: true, finalized: true });
    const runRow = (id: string) => db().selectFrom('coverage_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const closed = await runRow(first);
    expect([closed.status, closed.accounts_done, closed.accounts_total]).toEqual(['done', accounts.length, accounts.length]);
    const usersOf = (a: string) => {
      const o = outcomeOf.get(a)!;
      return o.status === 'ok' ? o.coverage.counts.users : 0;
    };
    expect(closed.users_seen).toBe(accounts.reduce((n, a) => n + usersOf(a), 0));
    const open = await runRow(second);
    expect([open.status, open.accounts_done]).toEqual(['queued', 2]);
    expect(open.users_seen).toBe(usersOf(accounts[0]!) + usersOf(accounts[1]!));
    const byFirst = await db().selectFrom('coverage_tasks').select(['processed_by']).where('run_id', '=', first).execute();
    expect(byFirst.every((r) => r.processed_by === 'batch')).toBe(true);
    // Its snapshot reads as the run it repeats.
    const report = await api('GET', `/api/reports/mfa-coverage?run=${first}&include_users=false`);
    const original = await api('GET', `/api/reports/mfa-coverage?run=${done}&include_users=false`);
    expect(report.status, report.text).toBe(200);
    expect(report.body.totals).toEqual(original.body.totals);
    await cancelCoverageRun(t.hub, systemActor, second);
  });
});
