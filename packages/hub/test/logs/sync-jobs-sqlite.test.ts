import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLogSyncJobs, type LogSyncJobs } from '../../src/jobs/log-sync/log-sync-jobs.js';
import { logSyncDb } from '../../src/logs/sync/log-sync-tables.js';
import { syncedLogTypes } from '../../src/logs/sync/log-sources.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from '../helpers/test-hub.js';
import { days, expectStoredEqualsTruth, fleetAccounts, storedKeys, until } from './sync-fixture.js';

// 5 child accounts x 20 users with 20 days of history at 250 authentications a day: 5,000 rows and
// 5 pages of the authentication log per account, plus telephony, activity, administrator rows.
const FLEET = { accounts: 5, usersPerAccount: 20, seed: 11, historyDays: 20, eventsPerDay: 250 };
// The fleet seed's rows lie within 60 days or beyond 91 (users' older last logins): a 75-day backfill cuts where there are none,
// so the truth can be read from exactly that start.
const BACKFILL_MS = days(75);
// A short lag so the clock need not move far; the rule is the same at Duo's 2 minutes.
const LAG_MS = 10_000;
const FAST_RETRY = { maxAttempts: 6, initialDelayMs: 5, maxDelayMs: 20, jitterMs: 0, maxTotalWaitMs: 2000 };

let emu: TestEmulator;
let hub: TestHub;
let jobs: LogSyncJobs;
let integrationId: string;
let clockOffsetMs = 0;

const db = () => logSyncDb(hub.store.db);
const status = async (query = '') => {
  const res = await hub.api('GET', `/api/logs/sync${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body.items as any[];
};
/** The latest `synced_through` of the integration's units: entries after it are new to the next sync. */
async function syncedUpTo(): Promise<number> {
  const rows = await db().selectFrom('log_checkpoints').select('synced_through').where('integration_id', '=', integrationId).execute();
  return Math.max(...rows.map((r) => Number(r.synced_through ?? 0)));
}
/** Requests a sync through the API and waits until no unit is queued or running. */
async function syncAndWait(body: unknown = { integration_id: integrationId }): Promise<any[]> {
  const res = await hub.api('POST', '/api/logs/sync', { body });
  expect(res.status, res.text).toBe(202);
  return until(async () => {
    const items = await status(`?integration_id=${integrationId}`);
    return items.length > 0 && items.every((u) => u.state !== 'queued' && u.state !== 'running') ? items : undefined;
  });
}

beforeAll(async () => {
  // Duo and the hub share one clock, which tests move forward to let the lag pass.
  emu = await startTestEmulator({ seed: { fleet: FLEET }, now: () => Date.now() + clockOffsetMs });
  hub = await startTestHub({ now: () => new Date(Date.now() + clockOffsetMs) });
  const created = await hub.api('POST', '/api/integrations', { body: { name: 'Log fleet', base_url: emu.url, admin: emu.sets.admin, accounts: emu.sets.accounts } });
  expect(created.status, created.text).toBe(201);
  integrationId = created.body.id;
  jobs = await startLogSyncJobs(hub.hub, { pollMs: 50, retry: FAST_RETRY, attemptBackoffMs: 10, backfillMs: BACKFILL_MS, lagMs: LAG_MS, prune: false });
}, 60_000);

afterAll(async () => {
  await jobs?.stop();
  await hub?.close();
  await emu?.close();
});

describe('log sync on SQLite, in process', () => {
  it('stores every account and log type exactly, each row once; a re-sync with nothing new inserts nothing', async () => {
    // Setting up wrote entries (the integration's check): let them pass the lag now, or a slow machine's
    // second sync would find them newly past it and the "nothing new" below would not hold.
    clockOffsetMs += LAG_MS + 1_000;
    const first = await syncAndWait();
    expect(first).toHaveLength(fleetAccounts(emu.emulator).length * syncedLogTypes().length);
    expect(first.filter((u) => u.state !== 'idle')).toEqual([]);
    const now = hub.hub.now().getTime();
    const total = await expectStoredEqualsTruth(db(), emu.emulator, emu.url, integrationId, { since: now - BACKFILL_MS, until: now });
    expect(total).toBeGreaterThan(FLEET.accounts * FLEET.historyDays * FLEET.eventsPerDay * 0.9);
    const byAccountAuth = first.filter((u) => u.log_type === 'authentication' && u.duo_account_id !== 'parent');
    expect(byAccountAuth.every((u) => u.events_stored > 4000 && u.last_run.inserted === u.events_stored)).toBe(true);

    const before = await storedKeys(db(), integrationId);
    const again = await syncAndWait();
    expect(again.map((u) => u.last_run.inserted)).toEqual(again.map(() => 0));
    expect(await storedKeys(db(), integrationId)).toEqual(before);
  }, 60_000);

  it('takes nothing newer than now - lag as synced, and picks entries up once the lag has passed', async () => {
    const child = fleetAccounts(emu.emulator)[1]!;
    const S = await syncedUpTo();
    // Put the clock so that the next window ends at least 20 s after the last one.
    clockOffsetMs = Math.max(clockOffsetMs, S + LAG_MS + 20_000 - Date.now());
    const horizon = hub.hub.now().getTime() - LAG_MS;
    const old = emu.emulator.addLogEntry('authentication', { timestamp_ms: S + 1000, username: 'lag-old' }, child);
    // Already in Duo's log, but newer than now - lag: not yet taken as synced.
    const fresh = emu.emulator.addLogEntry('authentication', { timestamp_ms: horizon + 5000, username: 'lag-fresh' }, child);
    const units = await syncAndWait();
    const auth = units.find((u) => u.duo_account_id === child && u.log_type === 'authentication')!;
    expect(Date.parse(auth.synced_through)).toBeLessThanOrEqual(hub.hub.now().getTime() - LAG_MS);
    expect(Date.parse(auth.synced_through)).toBeLessThan(fresh.timestamp_ms);
    expect(auth.lag_seconds).toBeGreaterThanOrEqual(LAG_MS / 1000);
    const keys = () => storedKeys(db(), integrationId).then((m) => m.get(`${child}|authentication`) ?? []);
    expect(await keys()).toContain(old.txid);
    expect(await keys()).not.toContain(fresh.txid);
    // An entry Duo shows late (it happened inside the lag) arrives after that sync...
    const late = emu.emulator.addLogEntry('authentication', { timestamp_ms: horizon + 3000, username: 'lag-late' }, child);
    // ...and once the lag has passed, both are in.
    clockOffsetMs += LAG_MS + 5000;
    await syncAndWait();
    expect(await keys()).toEqual(expect.arrayContaining([old.txid, fresh.txid, late.txid]));
    const t = hub.hub.now().getTime();
    await expectStoredEqualsTruth(db(), emu.emulator, emu.url, integrationId, { since: t - BACKFILL_MS, until: t });
  }, 60_000);

  it("stays exact when Duo answers 20% 429s, 5% 5xx and resets 2% of connections", async () => {
    const faults = [{ path: '/admin/', rateLimitRate: 0.2, serverErrorRate: 0.05, resetRate: 0.02 }];
    // A second integration on the same fleet starts from nothing: every page is read under faults.
    const created = await hub.api('POST', '/api/integrations', { body: { name: 'Log fleet, faulty', base_url: emu.url, admin: emu.sets.admin, accounts: emu.sets.accounts } });
    expect(created.status, created.text).toBe(201);
    const faulty = created.body.id as string;
    const child = fleetAccounts(emu.emulator)[2]!;
    const S = await syncedUpTo();
    for (let i = 0; i < 30; i++) emu.emulator.addLogEntry('authentication', { timestamp_ms: S + 1 + i, username: `fault-${i}` }, child);
    clockOffsetMs += 1000;
    const answers = (status: string) =>
      Object.entries(emu.emulator.stats().requests)
        .filter(([route]) => route.includes('/logs/') || route.includes('trust_monitor'))
        .reduce((n, [, byStatus]) => n + (byStatus[status] ?? 0), 0);
    const before = { limited: answers('429'), failed: answers('500') + answers('503') };
    emu.emulator.configure({ faults });
    let units: any[];
    try {
      units = await syncAndWait({ integration_id: faulty });
      await syncAndWait({ integration_id: integrationId });
    } finally {
      emu.emulator.configure({ faults: [] });
    }
    void units;
    // The faults did happen: Duo's 429s and 5xx answered many of the log reads.
    expect(answers('429') - before.limited).toBeGreaterThan(10);
    expect(answers('500') + answers('503') - before.failed).toBeGreaterThan(0);
    const mine = await until(async () => {
      const items = await status(`?integration_id=${faulty}`);
      return items.every((u) => u.state === 'idle') ? items : undefined;
    });
    expect(mine.length).toBe(fleetAccounts(emu.emulator).length * syncedLogTypes().length);
    const t = hub.hub.now().getTime();
    await expectStoredEqualsTruth(db(), emu.emulator, emu.url, faulty, { since: t - BACKFILL_MS, until: t });
    await expectStoredEqualsTruth(db(), emu.emulator, emu.url, integrationId, { since: t - BACKFILL_MS, until: t });
  }, 120_000);

  it('shows a token limited to organizations only its accounts, refuses it the start, and audits starts', async () => {
    const [, accountA, accountB] = fleetAccounts(emu.emulator);
    const org = async (name: string, accountId: string) => {
      const res = await hub.api('POST', '/api/organizations', { body: { name, integration_id: integrationId, duo_account_id: accountId } });
      expect(res.status, res.text).toBe(201);
      return res.body.id as string;
    };
    const orgA = await org('Log Org A', accountA!);
    const orgB = await org('Log Org B', accountB!);
    const minted = await hub.api('POST', '/api/tokens', { body: { name: 'logs-a', scopes: ['operate'], organization_ids: [orgA] } });
    expect(minted.status, minted.text).toBe(201);
    const token = minted.body.token as string;
    const hubAdminTokenId = (await hub.api('GET', '/api/tokens/current')).body.token_id as string;

    const mine = await hub.api('GET', '/api/logs/sync', { token });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.items.length).toBe(syncedLogTypes().length);
    expect(new Set(mine.body.items.map((u: any) => u.duo_account_id))).toEqual(new Set([accountA]));
    expect(mine.body.items.every((u: any) => u.organization_id === orgA)).toBe(true);
    expect(mine.text).not.toContain(accountB);
    const other = await hub.api('GET', `/api/logs/sync?organization_id=${orgB}`, { token });
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
    const refused = await hub.api('POST', '/api/logs/sync', { token, body: { integration_id: integrationId } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');

    // The rows stored from now on carry the organization mapped to their account.
    emu.emulator.addLogEntry('authentication', { timestamp_ms: (await syncedUpTo()) + 1, username: 'mapped-now' }, accountA);
    clockOffsetMs += 1000;
    await syncAndWait();
    const row = await db().selectFrom('log_events').selectAll().where('username', '=', 'mapped-now').executeTakeFirstOrThrow();
    expect(row.organization_id).toBe(orgA);

    const audit = await hub.api('GET', '/api/audit?action=logs.sync&limit=1000');
    expect(audit.status, audit.text).toBe(200);
    const outcomes = audit.body.items.map((e: any) => `${e.outcome}:${e.target_type}:${e.target_id}:${e.token_id ?? e.actor}`);
    expect(outcomes, JSON.stringify(audit.body.items[0])).toContain(`success:integration:${integrationId}:${hubAdminTokenId}`);
    // The refusal is recorded with the limited token that tried.
    expect(audit.body.items.some((e: any) => e.outcome === 'denied' && e.token_id === minted.body.id)).toBe(true);
  }, 60_000);

  it('refuses bad input with a clear error naming the field', async () => {
    const cases: Array<[unknown, number, string, string]> = [
      [{ integration_id: 42 }, 400, 'validation_failed', 'integration_id'],
      [{ integration_id: '' }, 400, 'validation_failed', 'integration_id'],
      [{ integration: integrationId }, 400, 'validation_failed', 'integration'],
      [{ integration_id: 'int_missing' }, 404, 'not_found', ''],
    ];
    for (const [body, code, error, field] of cases) {
      const res = await hub.api('POST', '/api/logs/sync', { body });
      expect(res.status, res.text).toBe(code);
      expect(res.body.error.code).toBe(error);
      if (field) expect(JSON.stringify(res.body.error.details)).toContain(field);
    }
    const malformed = await hub.api('POST', '/api/logs/sync', { rawBody: '{"integration_id":', headers: { 'content-type': 'application/json' } });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'malformed_body']);
    const text = await hub.api('POST', '/api/logs/sync', { rawBody: 'integration_id=x', headers: { 'content-type': 'text/plain' } });
    expect([text.status, text.body.error.code]).toEqual([415, 'unsupported_media_type']);
    const query = await hub.api('GET', `/api/logs/sync?integration_id=${'x'.repeat(200)}`);
    expect(query.status).toBe(400);
    expect(JSON.stringify(query.body.error.details)).toContain('integration_id');
  });

  it('syncs every integration when none is named, and marks accounts that left the list removed (their rows kept)', async () => {
    const gone = fleetAccounts(emu.emulator)[3]!;
    const kept = (await storedKeys(db(), integrationId)).get(`${gone}|authentication`)!.length;
    delete emu.emulator.state.accounts[gone];
    // No body at all: every integration.
    const res = await hub.api('POST', '/api/logs/sync');
    expect(res.status, res.text).toBe(202);
    expect(res.body.integrations.length).toBeGreaterThanOrEqual(2);
    expect(res.body.integrations.every((i: any) => i.error === null && i.accounts === FLEET.accounts)).toBe(true);
    const units = await until(async () => {
      const items = await status(`?integration_id=${integrationId}`);
      return items.every((u) => u.state !== 'queued' && u.state !== 'running') ? items : undefined;
    });
    expect(units.filter((u) => u.duo_account_id === gone).map((u) => u.state)).toEqual(syncedLogTypes().map(() => 'removed'));
    expect((await storedKeys(db(), integrationId)).get(`${gone}|authentication`)!.length).toBe(kept);
  }, 60_000);
});
