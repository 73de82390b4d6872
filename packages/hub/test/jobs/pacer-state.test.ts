import { Pacer } from '@duohub/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCoverageJobs } from '../../src/jobs/mfa-coverage/coverage-jobs.js';
import { PacerRegistry } from '../../src/integrations/duo-connect-options.js';
import { createSeededPacer, exportPacerState } from '../../src/integrations/pacer-state-adapter.js';
import { loadPacerState, savePacerState } from '../../src/integrations/pacer-state-records.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { startGatedEmulator, type GatedEmulator } from './support/gated-emulator.js';
import { createIntegration, waitForRun } from './support/hub-setup.js';

// The SDK's learning Pacer is expected to offer exportState() and importState(state). These tests give
// the Pacer a stand-in of both, so the hub's storage and wiring are tested whatever the SDK ships today.
type StandIn = { exportState?: () => unknown; importState?: (state: unknown) => void; seededWith?: unknown };
const proto = Pacer.prototype as unknown as StandIn;
const original = { exportState: proto.exportState, importState: proto.importState };
const installStandIn = () => {
  proto.importState = function (this: StandIn, state: unknown) {
    this.seededWith = state;
  };
  proto.exportState = function (this: StandIn) {
    const runs = (this.seededWith as { runs?: number } | undefined)?.runs ?? 0;
    return { learned: true, runs: runs + 1 };
  };
};
const restore = () => {
  proto.exportState = original.exportState;
  proto.importState = original.importState;
};

describe('pacer state without an SDK that exports it', () => {
  it('exports nothing and creates plain pacers', () => {
    restore();
    if (original.exportState) return; // the SDK has it now: covered below
    expect(exportPacerState(new Pacer())).toBeUndefined();
    expect(createSeededPacer(undefined, { anything: 1 })).toBeInstanceOf(Pacer);
  });
});

describe('PacerRegistry seeding', () => {
  beforeAll(installStandIn);
  afterAll(restore);

  it('seeds a pacer created after the seed, never a live one, and exports it', () => {
    const registry = new PacerRegistry();
    registry.seed('int_1', 'DA1', { runs: 4 });
    expect(registry.has('int_1', 'DA1')).toBe(false);
    expect((registry.get('int_1', 'DA1') as unknown as StandIn).seededWith).toEqual({ runs: 4 });
    registry.seed('int_1', 'DA1', { runs: 9 });
    expect(registry.exportState('int_1', 'DA1')).toEqual({ learned: true, runs: 5 });
    expect(registry.exportState('int_1', 'DA2')).toBeUndefined();
    registry.seed('int_1', 'DA2', { runs: 1 });
    registry.forget('int_1');
    expect((registry.get('int_1', 'DA2') as unknown as StandIn).seededWith).toBeUndefined();
  });
});

describe('pacer state in the store and across coverage runs', () => {
  const FLEET = { accounts: 3, usersPerAccount: 50, seed: 8 };
  let gate: GatedEmulator;
  let t: TestHub;
  let integrationId: string;
  beforeAll(async () => {
    installStandIn();
    gate = await startGatedEmulator(FLEET, 5);
    gate.open();
    t = await startTestHub();
    integrationId = await createIntegration((m, p, o) => t.api(m, p, o), gate.url, gate.sets());
  });
  afterEach(() => t.hub.duo.pacers.forget(integrationId));
  afterAll(async () => {
    restore();
    await t?.close();
    await gate?.close();
  });

  it('saves, replaces and reads one state per integration and Duo account', async () => {
    const key = { integrationId, accountId: 'DAX' };
    expect(await loadPacerState(t.store.db, key)).toBeUndefined();
    await savePacerState(t.store.db, key, { a: 1 }, new Date(1000));
    await savePacerState(t.store.db, key, { a: 2 }, new Date(2000));
    expect(await loadPacerState(t.store.db, key)).toEqual({ a: 2 });
    expect(await loadPacerState(t.store.db, { integrationId, accountId: 'DAY' })).toBeUndefined();
  });

  it('a coverage task stores its account pacer state; the next process starts from it', async () => {
    const runOnce = async () => {
      const jobs = await startCoverageJobs(t.hub, { replicaId: 'r', pollMs: 50, leaseMs: 3000 });
      try {
        const started = await t.api('POST', '/api/reports/mfa-coverage/runs', { body: { integration_id: integrationId } });
        expect(started.status, started.text).toBe(202);
        expect((await waitForRun((m, p, o) => t.api(m, p, o), started.body.id)).status).toBe('done');
      } finally {
        await jobs.stop();
      }
    };
    await runOnce();
    const rows = await t.store.db.withTables<{ pacer_states: { account_id: string; state: string } }>().selectFrom('pacer_states').selectAll().where('account_id', 'like', 'DA%').where('account_id', '!=', 'DAX').execute();
    expect(rows.map((r) => r.account_id).sort()).toEqual([...gate.children].sort());
    expect(rows.every((r) => JSON.parse(r.state).runs === 1)).toBe(true);
    // As after a restart: the registry is empty, so the stored states seed the new pacers.
    t.hub.duo.pacers.forget(integrationId);
    await runOnce();
    const again = await loadPacerState(t.store.db, { integrationId, accountId: gate.children[0]! });
    expect(again).toEqual({ learned: true, runs: 2 });
  });
});
