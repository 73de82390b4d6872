import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchedulerClock } from '../../src/jobs/mfa-coverage/coverage-scheduler.js';
import { startLogSyncJobs, type LogSyncJobs } from '../../src/jobs/log-sync/log-sync-jobs.js';
import { syncedLogTypes } from '../../src/logs/sync/log-sources.js';
import { logSyncDb } from '../../src/logs/sync/log-sync-tables.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from '../helpers/test-hub.js';
import { days, fleetAccounts, until } from './sync-fixture.js';

const FLEET = { accounts: 2, usersPerAccount: 10, seed: 3, historyDays: 5, eventsPerDay: 100 };
const HOUR = 3_600_000;

/** A scheduler clock whose next slot fires when the test says so. */
function manualClock(startMs: number) {
  let now = startMs;
  let pending: (() => void) | undefined;
  const clock: SchedulerClock = {
    now: () => now,
    setTimeout: (fn) => {
      pending = fn;
      return 1;
    },
    clearTimeout: () => (pending = undefined),
  };
  return {
    clock,
    /** Moves to the next slot and fires it. */
    next(intervalMs: number) {
      now += intervalMs;
      const fire = pending;
      pending = undefined;
      fire?.();
    },
  };
}

let emu: TestEmulator;
let hub: TestHub;
let jobs: LogSyncJobs;
let integrationId: string;

beforeAll(async () => {
  emu = await startTestEmulator({ seed: { fleet: FLEET } });
  hub = await startTestHub();
  const created = await hub.api('POST', '/api/integrations', { body: { name: 'Scheduled logs', base_url: emu.url, admin: emu.sets.admin, accounts: emu.sets.accounts } });
  expect(created.status, created.text).toBe(201);
  integrationId = created.body.id;
}, 60_000);
afterAll(async () => {
  await jobs?.stop();
  await hub?.close();
  await emu?.close();
});

const units = () => logSyncDb(hub.store.db).selectFrom('log_checkpoints').selectAll().where('integration_id', '=', integrationId).execute();
const allDone = async (seq: number) => {
  const rows = await units();
  return rows.length > 0 && rows.every((u) => Number(u.done_seq) >= seq && u.lease_expires_at === null) ? rows : undefined;
};

describe('scheduled log sync and retention', () => {
  it('each slot lists every integration and syncs its accounts, without an audit entry; a replica ticking in the same slot asks nothing more', async () => {
    const manual = manualClock(Date.UTC(2026, 10, 22, 12, 0, 0));
    jobs = await startLogSyncJobs(hub.hub, { pollMs: 20, scheduleMs: HOUR, schedulerClock: manual.clock, retentionDays: 3, prune: false });
    const first = await until(() => allDone(1));
    expect(first).toHaveLength(fleetAccounts(emu.emulator).length * syncedLogTypes().length);
    expect(first.every((u) => u.synced_through !== null && u.last_error === null && u.schedule_slot === `${HOUR}:${Math.floor(manual.clock.now() / HOUR)}`)).toBe(true);
    // The backfill follows retention: nothing older than 3 days was read.
    const oldest = await logSyncDb(hub.store.db).selectFrom('log_events').select((eb) => eb.fn.min('occurred_at').as('t')).executeTakeFirstOrThrow();
    expect(Number(oldest.t)).toBeGreaterThanOrEqual(Date.now() - days(3) - 60_000);

    // Another replica's scheduler in the same slot.
    const twin = manualClock(manual.clock.now());
    const other = await startLogSyncJobs(hub.hub, { pollMs: 20, scheduleMs: HOUR, schedulerClock: twin.clock, prune: false, replicaId: 'twin' });
    await other.stop();
    expect((await units()).every((u) => Number(u.request_seq) === 1)).toBe(true);

    manual.next(HOUR);
    await until(() => allDone(2));
    const audit = await hub.api('GET', '/api/audit?action=logs.sync');
    expect(audit.body.items).toEqual([]);
  }, 60_000);

  it('retention deletes what is older than the configured days', async () => {
    const db = logSyncDb(hub.store.db);
    const sample = await db.selectFrom('log_events').selectAll().limit(1).executeTakeFirstOrThrow();
    await db
      .insertInto('log_events')
      .values([
        { ...sample, id: 'lev_old_1', event_key: 'old-1', occurred_at: Date.now() - days(4) },
        { ...sample, id: 'lev_old_2', event_key: 'old-2', occurred_at: Date.now() - days(10) },
      ])
      .execute();
    const times = async () => (await db.selectFrom('log_events').select('occurred_at').execute()).map((r) => Number(r.occurred_at));
    const before = await times();
    // The cutoff is the prune's own "now" less 3 days, somewhere between these two. The backfill read
    // back to 3 days before the first test's sync, so an entry it stored may cross the line meanwhile
    // (one did, on a loaded machine, and a count of exactly 2 failed): entries older than the earlier
    // line must go, entries older than the later one may, the rest must stay.
    const earliestCutoff = Date.now() - days(3);
    const deleted = await jobs.prune();
    const latestCutoff = Date.now() - days(3);
    const after = await times();
    expect(deleted).toBe(before.length - after.length);
    expect(deleted).toBeGreaterThanOrEqual(before.filter((t) => t < earliestCutoff).length);
    expect(deleted).toBeLessThanOrEqual(before.filter((t) => t < latestCutoff).length);
    expect(before.filter((t) => t < earliestCutoff).length).toBeGreaterThanOrEqual(2);
    expect(after.filter((t) => t < earliestCutoff)).toEqual([]);
    expect(after.filter((t) => t >= latestCutoff).length).toBe(before.filter((t) => t >= latestCutoff).length);
    expect(await db.selectFrom('log_events').select('id').where('id', 'in', ['lev_old_1', 'lev_old_2']).execute()).toEqual([]);
    // Again: nothing more, but for what crossed the line in between.
    const againFrom = Date.now() - days(3);
    const again = await jobs.prune();
    const againTo = Date.now() - days(3);
    expect(again).toBeGreaterThanOrEqual(after.filter((t) => t < againFrom).length);
    expect(again).toBeLessThanOrEqual(after.filter((t) => t < againTo).length);
  });
});
