import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncedLogTypes } from '../../src/logs/sync/log-sources.js';
import { startServeProcess, type ServeProcess } from '../jobs/support/serve-process.js';
import { createIntegration } from '../jobs/support/hub-setup.js';
import { openSqliteLogs, startGatedLogEmulator, type GatedLogEmulator } from './sync-gate.js';
import { days, expectStoredEqualsTruth, fleetAccounts, storedKeys, until } from './sync-fixture.js';

// 6 child accounts with 10 days of history at 300 authentications a day: 3 authentication pages each.
const FLEET = { accounts: 6, usersPerAccount: 20, seed: 21, historyDays: 10, eventsPerDay: 300 };

let gate: GatedLogEmulator;
let dataDir: string;
let hub: ServeProcess | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  gate = await startGatedLogEmulator(FLEET);
  dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-logkill-'));
  env = {
    DUOHUB_DATA_DIR: dataDir,
    DUOHUB_MASTER_KEY: randomBytes(32).toString('base64'),
    DUOHUB_ADMIN_TOKEN: `dh_test_${randomBytes(16).toString('hex')}`,
    // Three accounts at a time; the emulator has no log limits here, so the pacer need not wait.
    DUOHUB_LOG_SYNC_CONCURRENCY: '3',
    DUOHUB_DUO_LOG_RATE_PER_MINUTE: '60000',
    DUOHUB_LOG_SYNC_BACKFILL_DAYS: '75',
  };
}, 60_000);
afterAll(async () => {
  await hub?.stop();
  await gate?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('kill -9 of a SQLite hub mid-sync', () => {
  it('resumes on restart from each checkpoint: every row stored once, none lost', async () => {
    hub = await startServeProcess({ ...env, DUOHUB_REPLICA_ID: 'before-crash' });
    const integrationId = await createIntegration(hub.api.bind(hub), gate.url, { admin: gate.sets().admin, accounts: gate.sets().accounts });
    const started = await hub.api('POST', '/api/logs/sync', { body: { integration_id: integrationId } });
    expect(started.status, started.text).toBe(202);

    // Three accounts have stored their first authentication page and wait for the second: kill the hub there.
    const mid = await until(async () => {
      if (gate.held.size < 3) return undefined;
      const res = await hub!.api('GET', `/api/logs/sync?integration_id=${integrationId}`);
      const running = res.body.items.filter((u: any) => u.log_type === 'authentication' && u.state === 'running' && gate.held.has(u.duo_account_id));
      return running.length === 3 && running.every((u: any) => u.events_stored === 1000 && u.synced_through !== null) ? running : undefined;
    });
    const inFlight = mid.map((u: any) => u.duo_account_id as string);
    await hub.kill9();
    const db = openSqliteLogs(path.join(dataDir, 'duohub.sqlite'));
    try {
      const crashed = await storedKeys(db, integrationId);
      for (const id of inFlight) expect(crashed.get(`${id}|authentication`)).toHaveLength(1000);

      gate.open();
      hub = await startServeProcess({ ...env, DUOHUB_REPLICA_ID: 'after-restart' });
      // Nothing was requested since the crash: the restarted hub takes the requested units over by itself.
      const units = await until(async () => {
        const res = await hub!.api('GET', `/api/logs/sync?integration_id=${integrationId}`);
        return res.body.items.every((u: any) => u.state === 'idle') ? res.body.items : undefined;
      }, 100);
      expect(units).toHaveLength(fleetAccounts(gate.emu).length * syncedLogTypes().length);
      for (const id of inFlight) {
        const auth = units.find((u: any) => u.duo_account_id === id && u.log_type === 'authentication');
        expect(auth.processed_by).toBe('after-restart');
        expect(auth.last_run.fetched).toBeLessThan(auth.events_stored);
      }
      const cp = await db.selectFrom('log_checkpoints').select(['duo_account_id', 'log_type', 'attempts']).where('integration_id', '=', integrationId).execute();
      for (const id of inFlight) expect(Number(cp.find((c) => c.duo_account_id === id && c.log_type === 'authentication')!.attempts)).toBe(2);
      const now = Date.now();
      const total = await expectStoredEqualsTruth(db, gate.emu, gate.url, integrationId, { since: now - days(75), until: now });
      expect(total).toBeGreaterThan(FLEET.accounts * FLEET.historyDays * FLEET.eventsPerDay * 0.9);
    } finally {
      await db.destroy();
    }
  }, 120_000);
});
