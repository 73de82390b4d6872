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
    const before = Number((await db.selectFrom('log_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await jobs.prune()).toBe(2);
    const after = Number((await db.selectFrom('log_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(before - after).toBe(2);
    expect(await jobs.prune()).toBe(0);
  });
});
