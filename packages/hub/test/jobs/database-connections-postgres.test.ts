import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDatabase, watchConnections } from '../helpers/temp-postgres.js';
import { startGatedEmulator, type GatedEmulator } from './support/gated-emulator.js';
import { createIntegration, expectReportEqualsGroundTruth } from './support/hub-setup.js';
import { startServeProcess, type ServeProcess } from './support/serve-process.js';

const databaseUrl = process.env.DATABASE_URL;

// 24 child accounts scanned at once: every task claims, renews and completes against the store while
// graphile-worker fetches and completes their jobs, enough to fill both default pools (20).
const FLEET = { accounts: 24, usersPerAccount: 100, seed: 13 };

describe.skipIf(!databaseUrl)(`DUOHUB_DATABASE_CONNECTIONS on Postgres${databaseUrl ? '' : ' (skipped: DATABASE_URL is unset)'}`, () => {
  let gate: GatedEmulator;
  let db: Awaited<ReturnType<typeof createTempDatabase>>;
  let dataDir: string;
  let hub: ServeProcess | undefined;

  beforeAll(async () => {
    gate = await startGatedEmulator(FLEET, 20);
    gate.open();
    db = await createTempDatabase(databaseUrl!);
    dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-conns-'));
  });
  afterAll(async () => {
    await hub?.stop();
    await gate?.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a replica given 8 connections never holds more while a fleet run fills its store and job pools', async () => {
    const connections = watchConnections(databaseUrl!, db.name);
    hub = await startServeProcess({
      DATABASE_URL: db.url,
      DUOHUB_DATA_DIR: dataDir,
      DUOHUB_MASTER_KEY: randomBytes(32).toString('base64'),
      DUOHUB_ADMIN_TOKEN: `dh_test_${randomBytes(16).toString('hex')}`,
      DUOHUB_DATABASE_CONNECTIONS: '8',
    });
    const integrationId = await createIntegration(hub.api.bind(hub), gate.url, gate.sets());
    for (let i = 0; i < 2; i++) {
      const started = await hub.api('POST', '/api/reports/mfa-coverage/runs', { body: { integration_id: integrationId } });
      expect(started.status, started.text).toBe(202);
      await expectReportEqualsGroundTruth(hub.api.bind(hub), gate.emu, started.body.id, FLEET.usersPerAccount);
    }
    const most = await connections.stop();
    console.log(`connections to the database, most at once: ${most}`);
    expect(most).toBeLessThanOrEqual(8);
    // Both pools were at work (graphile-worker's three LISTENs alone are 3).
    expect(most).toBeGreaterThanOrEqual(5);
  }, 90_000);
});
