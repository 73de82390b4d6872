import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/access/actor.js';
import { startCoverageJobs } from '../../src/jobs/mfa-coverage/coverage-jobs.js';
import { createCoverageRun } from '../../src/jobs/mfa-coverage/create-coverage-run.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { startGatedEmulator, type GatedEmulator } from './support/gated-emulator.js';
import { createIntegration, waitForRun } from './support/hub-setup.js';

// Tasks start in batches that read their integration once (CoverageBatch): what the integration holds
// when the batch starts is what every task of it meets, over a real port and the hub's own runner.
describe('coverage tasks started in a batch', () => {
  let gate: GatedEmulator;
  let t: TestHub;
  const api = (m: string, p: string, o?: { token?: string | null; body?: unknown }) => t.api(m, p, o);

  beforeAll(async () => {
    gate = await startGatedEmulator({ accounts: 4, usersPerAccount: 30, seed: 5 }, 0);
    gate.open();
    t = await startTestHub();
  });
  afterAll(async () => {
    await t?.close();
    await gate?.close();
  });

  it('an integration that lost its Accounts keys before its tasks started fails every account as credentials_missing, calling no child account', async () => {
    const integrationId = await createIntegration(api, gate.url, gate.sets());
    const run = (await createCoverageRun(t.hub, systemActor, { integrationId, trigger: 'api' }))!;
    expect(run.accountsTotal).toBe(4);
    const removed = await api('PATCH', `/api/integrations/${integrationId}`, { body: { accounts: null } });
    expect(removed.status, removed.text).toBe(200);
    const before = structuredClone(gate.emu.stats().accountRequests);
    const jobs = await startCoverageJobs(t.hub, { replicaId: 'r', pollMs: 20, leaseMs: 3000 });
    try {
      const ended = await waitForRun(api, run.id);
      expect(ended.status).toBe('failed');
      expect(ended.progress.accounts_failed).toBe(4);
      expect(ended.tasks.map((x: any) => x.error?.kind ?? x.error)).toEqual(Array(4).fill('credentials_missing'));
    } finally {
      await jobs.stop();
    }
    for (const child of gate.children) expect(gate.emu.stats().accountRequests[child] ?? {}).toEqual(before[child] ?? {});
  });

  it('a run whose accounts start as one batch scans each once, on its own Duo account, each task claimed once', async () => {
    const integrationId = await createIntegration(api, gate.url, gate.sets());
    const before = structuredClone(gate.emu.stats().accountRequests);
    const jobs = await startCoverageJobs(t.hub, { replicaId: 'r', pollMs: 20, leaseMs: 3000 });
    try {
      const started = await api('POST', '/api/reports/mfa-coverage/runs', { body: { integration_id: integrationId } });
      expect(started.status, started.text).toBe(202);
      const ended = await waitForRun(api, started.body.id);
      expect(ended.status).toBe('done');
      expect(ended.tasks.map((x: any) => x.attempts)).toEqual([1, 1, 1, 1]);
      expect(ended.progress.users_seen).toBe(4 * 30);
    } finally {
      await jobs.stop();
    }
    // One user listing per child account, each on its own account.
    const after = gate.emu.stats().accountRequests;
    for (const child of gate.children) {
      const listed = (after[child]?.['GET /admin/v1/users'] ?? 0) - (before[child]?.['GET /admin/v1/users'] ?? 0);
      expect(listed, child).toBe(1);
    }
  });
});
