import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncedLogTypes } from '../../src/logs/sync/log-sources.js';
import { createTempDatabase } from '../helpers/temp-postgres.js';
import { createIntegration } from '../jobs/support/hub-setup.js';
import { startServeProcess, type ServeProcess } from '../jobs/support/serve-process.js';
import { openPostgresLogs, startGatedLogEmulator, type GatedLogEmulator } from './sync-gate.js';
import { days, expectStoredEqualsTruth, fleetAccounts, until } from './sync-fixture.js';

const databaseUrl = process.env.DATABASE_URL;
const describePg = databaseUrl ? describe : describe.skip;

// 8 child accounts with 10 days of history at 300 authentications a day: 3 authentication pages each.
const FLEET = { accounts: 8, usersPerAccount: 20, seed: 31, historyDays: 10, eventsPerDay: 300 };

describePg(databaseUrl ? 'log sync by two hub replicas on one Postgres' : 'log sync by two hub replicas on one Postgres (skipped: DATABASE_URL is unset)', () => {
  let gate: GatedLogEmulator;
  let db: Awaited<ReturnType<typeof createTempDatabase>>;
  let dataDir: string;
  const replicas: ServeProcess[] = [];

  beforeAll(async () => {
    gate = await startGatedLogEmulator(FLEET);
    db = await createTempDatabase(databaseUrl!);
    dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-logpg-'));
  }, 60_000);
  afterAll(async () => {
    for (const r of replicas) await r.stop();
    await gate?.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('share the fleet; when one is killed with SIGKILL mid-sync the other resumes its accounts, exactly', async () => {
    const env = {
      DATABASE_URL: db.url,
      DUOHUB_DATA_DIR: dataDir,
      DUOHUB_MASTER_KEY: randomBytes(32).toString('base64'),
      DUOHUB_ADMIN_TOKEN: `dh_test_${randomBytes(16).toString('hex')}`,
      DUOHUB_LOG_SYNC_CONCURRENCY: '2',
      // A short lease so the dead replica's units are taken over within seconds.
      DUOHUB_LOG_SYNC_LEASE_MS: '2000',
      DUOHUB_DUO_LOG_RATE_PER_MINUTE: '60000',
      DUOHUB_LOG_SYNC_BACKFILL_DAYS: '75',
    };
    // One after the other: the first migrates the store and graphile-worker's schema.
    const a = await startServeProcess({ ...env, DUOHUB_REPLICA_ID: 'replica-a' });
    replicas.push(a);
    const b = await startServeProcess({ ...env, DUOHUB_REPLICA_ID: 'replica-b' });
    replicas.push(b);
    const integrationId = await createIntegration(a.api.bind(a), gate.url, { admin: gate.sets().admin, accounts: gate.sets().accounts });
    const started = await a.api('POST', '/api/logs/sync', { body: { integration_id: integrationId } });
    expect(started.status, started.text).toBe(202);

    const status = async () => (await b.api('GET', `/api/logs/sync?integration_id=${integrationId}`)).body.items as any[];
    // Both replicas hold accounts whose second authentication page waits at the gate.
    const held = await until(async () => {
      const units = (await status()).filter((u) => u.log_type === 'authentication' && u.state === 'running' && gate.held.has(u.duo_account_id) && u.events_stored === 1000);
      const ofA = units.filter((u) => u.held_by === 'replica-a').map((u) => u.duo_account_id as string);
      const ofB = units.filter((u) => u.held_by === 'replica-b').map((u) => u.duo_account_id as string);
      return ofA.length === 2 && ofB.length === 2 ? { ofA, ofB } : undefined;
    }, 50);
    await a.kill9();
    gate.open();

    const units = await until(async () => {
      const items = await status();
      return items.every((u) => u.state === 'idle') ? items : undefined;
    }, 100);
    expect(units).toHaveLength(fleetAccounts(gate.emu).length * syncedLogTypes().length);
    for (const id of held.ofA) {
      const auth = units.find((u) => u.duo_account_id === id && u.log_type === 'authentication');
      expect(auth.processed_by).toBe('replica-b');
    }
    const logs = openPostgresLogs(db.url);
    try {
      const cp = await logs.selectFrom('log_checkpoints').select(['duo_account_id', 'log_type', 'attempts']).where('integration_id', '=', integrationId).execute();
      for (const id of held.ofA) expect(Number(cp.find((c) => c.duo_account_id === id && c.log_type === 'authentication')!.attempts)).toBeGreaterThanOrEqual(2);
      const now = Date.now();
      const total = await expectStoredEqualsTruth(logs, gate.emu, gate.url, integrationId, { since: now - days(75), until: now });
      expect(total).toBeGreaterThan(FLEET.accounts * FLEET.historyDays * FLEET.eventsPerDay * 0.9);
    } finally {
      await logs.destroy();
    }
    // The dead replica's jobs were freed by the survivor, not left locked for graphile-worker's 4 hours.
    expect(b.output()).toContain('unlocking log sync jobs of workers that stopped renewing their leases');
  }, 120_000);
});
