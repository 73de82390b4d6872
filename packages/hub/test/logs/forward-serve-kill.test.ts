import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEventsTable } from '../../src/logs/log-tables.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { JOB_POOL_SIZE } from '../../src/jobs/graphile/job-pool.js';
import { STORE_POOL_SIZE } from '../../src/store/open-database.js';
import { createTempDatabase, watchConnections } from '../helpers/temp-postgres.js';
import { startServeProcess, type ServeProcess } from '../jobs/support/serve-process.js';
import { authEvent, storeEvents, storeIntegration, storeOrganization, type EventOwner } from './support/scripted-events.js';
import { waitUntil, WebhookReceiver } from './support/webhook-receiver.js';

const databaseUrl = process.env.DATABASE_URL;

describe.skipIf(!databaseUrl)(`two duohub serve replicas forwarding from one Postgres${databaseUrl ? '' : ' (skipped: DATABASE_URL is unset)'}`, () => {
  let db: Awaited<ReturnType<typeof createTempDatabase>>;
  let dataDir: string;
  let store: Store;
  const replicas: ServeProcess[] = [];
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    db = await createTempDatabase(databaseUrl!);
    dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-fwd-'));
    await receiver.up();
  });
  afterAll(async () => {
    for (const r of replicas) await r.stop();
    await store?.close();
    await receiver.down();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('the replica holding a destination is killed with SIGKILL; the other takes it over and nothing is lost', async () => {
    const masterKey = randomBytes(32);
    const env = {
      DATABASE_URL: db.url,
      DUOHUB_DATA_DIR: dataDir,
      DUOHUB_MASTER_KEY: masterKey.toString('base64'),
      DUOHUB_ADMIN_TOKEN: `dh_test_${randomBytes(16).toString('hex')}`,
      DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE: 'true',
      DUOHUB_LOG_FORWARD_LEASE_MS: '2000',
    };
    const connections = watchConnections(databaseUrl!, db.name);
    const a = await startServeProcess({ ...env, DUOHUB_REPLICA_ID: 'replica-a' });
    replicas.push(a);
    const b = await startServeProcess({ ...env, DUOHUB_REPLICA_ID: 'replica-b' });
    replicas.push(b);
    store = await openStore({ dataDir, databaseUrl: db.url, masterKey });
    const integrationId = await storeIntegration(store.db);
    const owners: EventOwner[] = [];
    for (const account of ['DA1', 'DA2']) owners.push({ integrationId, accountId: account, organizationId: await storeOrganization(store.db, integrationId, account) });

    const created = await a.api('POST', '/api/log-destinations', { body: { name: 'siem', kind: 'webhook', url: receiver.url } });
    expect(created.status, created.text).toBe(201);
    receiver.secret = created.body.secret;
    const id = created.body.id as string;
    const holder = async () => (await b.api('GET', `/api/log-destinations/${id}`)).body.status.lease_holder as string | null;
    await waitUntil('a replica to take the destination', async () => (await holder()) !== null, 15_000);

    const stored: LogEventsTable[] = [];
    let clock = Date.UTC(2026, 10, 6, 8, 0, 0);
    const put = async (n: number) => {
      const ingested = new Date().toISOString();
      const rows = Array.from({ length: n }, (_, i) => ({ ...authEvent(owners[i % 2]!, (clock += 1000), `u${i}`, 'success'), ingested_at: ingested }));
      await storeEvents(store.db, rows);
      stored.push(...rows);
    };
    const delivered = () => stored.every((e) => receiver.received.has(`${id}:${e.id}`));
    await put(20);
    await waitUntil('the first events', delivered, 20_000);

    const first = await holder();
    const victim = first === 'replica-a' ? a : b;
    const survivor = victim === a ? b : a;
    // Slow the receiver down so the kill lands mid-delivery.
    receiver.holdMs = 20;
    await put(60);
    await waitUntil('delivery under way', () => receiver.received.size > 25, 20_000);
    await victim.kill9();
    await put(10);
    await waitUntil('the survivor to take over', async () => (await survivor.api('GET', `/api/log-destinations/${id}`)).body.status.lease_holder === (survivor === a ? 'replica-a' : 'replica-b'), 20_000);
    await waitUntil('every event delivered', delivered, 30_000);
    expect(receiver.badSignatures).toBe(0);
    expect(receiver.maxInFlightPerPartition).toBe(1);
    // The survivor marks a batch delivered after the receiver has answered for it: wait for that write.
    const statusNow = async () => (await survivor.api('GET', `/api/log-destinations/${id}`)).body.status;
    await waitUntil('the survivor to record the last delivery', async () => (await statusNow()).pending === 0, 10_000);
    const status = await statusNow();
    expect(status.pending).toBe(0);
    expect(status.lag_seconds).toBe(0);
    // Each replica holds at most its store's and its jobs' pools, and the test's store its own:
    // with a pool per graphile-worker runner, two replicas alone could hold 140.
    const most = await connections.stop();
    console.log(`connections to the database, most at once: ${most}`);
    expect(most).toBeLessThanOrEqual(2 * (STORE_POOL_SIZE + JOB_POOL_SIZE) + STORE_POOL_SIZE);
  }, 120_000);
});
