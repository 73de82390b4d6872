import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type ListeningServer } from '@duohub/emulator';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';

let emulator: Emulator;
let duo: ListeningServer;
let hub: TestHub;
let integrationId: string;
let admin: { api_host: string; integration_key: string; secret_key: string };

beforeAll(async () => {
  emulator = createEmulator({ seed: 'empty', rateLimits: false });
  duo = await emulator.listen({ port: 0, host: '127.0.0.1' });
  const parent = emulator.credentials().accounts.find((a) => a.parent_id === null)!;
  const keys = parent.integrations.find((i) => i.type === 'admin')!;
  admin = { api_host: keys.api_hostname, integration_key: keys.integration_key, secret_key: keys.secret_key };
  hub = await startTestHub();
  const created = await hub.api('POST', '/api/integrations', { body: { name: 'pooled', base_url: duo.url, admin } });
  expect(created.status, created.text).toBe(201);
  integrationId = created.body.id;
});

afterAll(async () => {
  await hub?.close();
  await emulator?.close();
});

const runSummary = () => hub.api('POST', '/api/actions/info.summary/run', { body: { integration_id: integrationId, input: {} } });

/** Connections the emulator accepted while `runs` action runs went through the hub's REST API, `parallel` at a time. */
async function connectionsFor(runs: number, parallel: number): Promise<number> {
  const before = duo.connections().accepted;
  let started = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (started < runs) {
        started++;
        const res = await runSummary();
        expect(res.status, res.text).toBe(200);
      }
    }),
  );
  return duo.connections().accepted - before;
}

describe('connections to Duo across action runs', () => {
  it('100 action runs one after another open at most the pool size (one warm connection)', async () => {
    const opened = await connectionsFor(100, 1);
    expect(opened).toBeLessThanOrEqual(hub.hub.duo.pools!.maxSockets);
    expect(opened).toBeLessThanOrEqual(1);
  });

  it('100 action runs 10 at a time open at most 10 connections', async () => {
    expect(await connectionsFor(100, 10)).toBeLessThanOrEqual(10);
  });

  it('a rotated secret key is used from the next run on: the old client is not reused', async () => {
    const wrong = { secret_key: 'x'.repeat(40) };
    const patched = await hub.api('PATCH', `/api/integrations/${integrationId}?force=true`, { body: { admin: wrong } });
    expect(patched.status, patched.text).toBe(200);
    const refused = await runSummary();
    expect(refused.status).not.toBe(200);
    const restored = await hub.api('PATCH', `/api/integrations/${integrationId}`, { body: { admin: { secret_key: admin.secret_key } } });
    expect(restored.status, restored.text).toBe(200);
    expect((await runSummary()).status).toBe(200);
  });
});
