import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '../helpers/temp-postgres.js';
import { startGatedEmulator, until, type GatedEmulator } from './support/gated-emulator.js';
import { createIntegration, expectReportEqualsGroundTruth } from './support/hub-setup.js';
import { startServeProcess, type ServeProcess } from './support/serve-process.js';

const databaseUrl = process.env.DATABASE_URL;
const describePg = databaseUrl ? describe : describe.skip;

// 12 child accounts x 300 users with 30 ms latency; two accounts at a time per replica.
const FLEET = { accounts: 12, usersPerAccount: 300, seed: 9 };

describePg(databaseUrl ? 'two hub replicas on one Postgres' : 'two hub replicas on one Postgres (skipped: DATABASE_URL is unset)', () => {
  let gate: GatedEmulator;
  let db: Awaited<ReturnType<typeof createTempDatabase>>;
  let dataDir: string;
  const replicas: ServeProcess[] = [];

  beforeAll(async () => {
    gate = await startGatedEmulator(FLEET, 30);
    db = await createTempDatabase(databaseUrl!);
    dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-pg-'));
  });
  afterAll(async () => {
    for (const r of replicas) await r.stop();
    await gate?.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('share a run; when one is killed with SIGKILL mid-run the other finishes it, exactly', async () => {
    const env = {
      DATABASE_URL: db.url,
      DUOHUB_DATA_DIR: dataDir,
      DUOHUB_MASTER_KEY: randomBytes(32).toString('base64'),
      DUOHUB_ADMIN_TOKEN: `dh_test_${randomBytes(16).toString('hex')}`,
      DUOHUB_COVERAGE_CONCURRENCY: '2',
      // A short lease so the dead replica's tasks are reclaimed within seconds.
      DUOHUB_COVERAGE_LEASE_MS: '2000',
    };
    // One after the other: the first migrates the store and graphile-worker's schema.
    const a = await startServeProcess({ ...env, DUOHUB_REPLICA_ID: 'replica-a' });
    replicas.push(a);
    const b = await startServeProcess({ ...env, DUOHUB_REPLICA_ID: 'replica-b' });
    replicas.push(b);
    const integrationId = await createIntegration(a.api.bind(a), gate.url, gate.sets());

    const started = await a.api('POST', '/api/reports/mfa-coverage/runs', { body: { integration_id: integrationId } });
    expect(started.status, started.text).toBe(202);
    const runId = started.body.id as string;
    const detail = async () => (await b.api('GET', `/api/reports/mfa-coverage/runs/${runId}`)).body;
    const heldBy = (run: any, replica: string) =>
      run.tasks.filter((x: any) => x.status === 'running' && x.held_by === replica && gate.requested.has(x.account_id)).map((x: any) => x.account_id as string);

    // Both replicas take tasks (all wait at the gate); let one account of each through.
    const both = await until(async () => {
      const run = await detail();
      const [ofA, ofB] = [heldBy(run, 'replica-a'), heldBy(run, 'replica-b')];
      return ofA.length > 0 && ofB.length > 0 ? { ofA, ofB } : undefined;
    });
    gate.open([both.ofA[0]!, both.ofB[0]!]);
    await until(async () => {
      const run = await detail();
      const done = new Set(run.tasks.filter((x: any) => x.status === 'done').map((x: any) => x.processed_by));
      return done.has('replica-a') && done.has('replica-b') ? true : undefined;
    });
    // Replica A is working on a task again (waiting at the gate): kill it there.
    const killedWith = await until(async () => {
      const ofA = heldBy(await detail(), 'replica-a').filter((id: string) => id !== both.ofA[0]);
      return ofA.length > 0 ? ofA : undefined;
    });
    await a.kill9();
    gate.open();

    const { run } = await expectReportEqualsGroundTruth(b.api.bind(b), gate.emu, runId, FLEET.usersPerAccount);
    const processedBy = run.tasks.map((x: any) => x.processed_by);
    expect(processedBy).toContain('replica-a');
    expect(processedBy).toContain('replica-b');
    for (const id of killedWith) {
      const task = run.tasks.find((x: any) => x.account_id === id);
      expect(task.processed_by).toBe('replica-b');
      expect(task.attempts).toBeGreaterThanOrEqual(2);
    }
    // The dead replica's jobs were freed by the survivor, not left locked for graphile-worker's 4 hours.
    expect(b.output()).toContain('unlocking coverage jobs of workers that stopped renewing their leases');
  }, 90_000);
});
