import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatedEmulator, until, type GatedEmulator } from './support/gated-emulator.js';
import { createIntegration, expectReportEqualsGroundTruth } from './support/hub-setup.js';
import { startServeProcess, type ServeProcess } from './support/serve-process.js';

// 12 child accounts x 300 users with 30 ms latency; two accounts scanned at a time per hub.
const FLEET = { accounts: 12, usersPerAccount: 300, seed: 7 };

let gate: GatedEmulator;
let dataDir: string;
let hub: ServeProcess | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  gate = await startGatedEmulator(FLEET, 30);
  dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-kill-'));
  env = {
    DUOHUB_DATA_DIR: dataDir,
    DUOHUB_MASTER_KEY: randomBytes(32).toString('base64'),
    DUOHUB_ADMIN_TOKEN: `dh_test_${randomBytes(16).toString('hex')}`,
    DUOHUB_COVERAGE_CONCURRENCY: '2',
  };
});
afterAll(async () => {
  await hub?.stop();
  await gate?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('kill -9 of a SQLite hub mid-run', () => {
  it('resumes on restart with exact results: finished accounts kept, the rest re-run, none counted twice; limits learned before the kill kept', async () => {
    hub = await startServeProcess({ ...env, DUOHUB_REPLICA_ID: 'before-crash' });
    const api = hub.api.bind(hub);
    const integrationId = await createIntegration(api, gate.url, gate.sets());
    const first = gate.children.slice(0, 4);
    gate.open(first);
    const started = await api('POST', '/api/reports/mfa-coverage/runs', { body: { integration_id: integrationId } });
    expect(started.status, started.text).toBe(202);
    const runId = started.body.id as string;

    // Four accounts finish, the next two are in flight behind the gate: kill the hub there.
    const midRun = await until(async () => {
      const r = await api('GET', `/api/reports/mfa-coverage/runs/${runId}`);
      const running = r.body.tasks.filter((x: any) => x.status === 'running');
      return r.body.progress.accounts_done === 4 && running.length === 2 && running.every((x: any) => gate.requested.has(x.account_id)) ? r.body : undefined;
    });
    const inFlight = midRun.tasks.filter((x: any) => x.status === 'running').map((x: any) => x.account_id);
    await hub.kill9();

    gate.open();
    hub = await startServeProcess({ ...env, DUOHUB_REPLICA_ID: 'after-restart' });
    const { run } = await expectReportEqualsGroundTruth(hub.api.bind(hub), gate.emu, runId, FLEET.usersPerAccount);
    for (const task of run.tasks) {
      if (first.includes(task.account_id)) expect([task.processed_by, task.attempts]).toEqual(['before-crash', 1]);
      else if (inFlight.includes(task.account_id)) expect([task.processed_by, task.attempts]).toEqual(['after-restart', 2]);
      else expect([task.processed_by, task.attempts]).toEqual(['after-restart', 1]);
    }

    // What each task's pacer learned was saved as the task ended, so the limits of the four accounts
    // finished before the kill survived it: the restarted process lists every account's page-read
    // limits, and resets one of the crashed process's (the learned-limits routes on `duohub serve`).
    const pageLimits = async () => {
      const res = await hub!.api('GET', `/api/integrations/${integrationId}/rate-limits`);
      expect(res.status, res.text).toBe(200);
      return (res.body.items as Array<{ account_id: string; endpoint_class: string }>).filter((i) => i.endpoint_class === 'admin_get_page');
    };
    expect((await pageLimits()).map((i) => i.account_id).sort()).toEqual([...gate.children].sort());
    const reset = await hub.api('DELETE', `/api/integrations/${integrationId}/rate-limits?account_id=${first[0]}`);
    expect([reset.status, reset.body]).toEqual([200, { accounts_reset: [first[0]] }]);
    expect((await pageLimits()).map((i) => i.account_id).sort()).toEqual(gate.children.filter((a) => a !== first[0]).sort());
  }, 60_000);
});
