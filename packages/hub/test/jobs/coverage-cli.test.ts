import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { fleetGroundTruth } from '../reports/support/ground-truth.js';
import { startGatedEmulator, type GatedEmulator } from './support/gated-emulator.js';
import { createIntegration } from './support/hub-setup.js';

const FLEET = { accounts: 3, usersPerAccount: 350, seed: 4 };

async function cli(args: string[], env: Record<string, string | undefined>) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'duohub', ...args], { io: { out: (t) => void (out += t), err: (t) => void (err += t) }, env });
  return { code, out, err };
}

let gate: GatedEmulator;
let dataDir: string;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  gate = await startGatedEmulator(FLEET, 0);
  gate.open();
  dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-report-cli-'));
  const sets = gate.sets();
  env = { DUOHUB_DATA_DIR: dataDir, DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS: 'true', ADMIN_SKEY: sets.admin.secret_key, ACCOUNTS_SKEY: sets.accounts.secret_key };
  const add = await cli(
    [
      'integrations', 'add', '--name', 'fleet', '--base-url', gate.url,
      '--admin-host', sets.admin.api_host, '--admin-ikey', sets.admin.integration_key, '--admin-skey-env', 'ADMIN_SKEY',
      '--accounts-host', sets.accounts.api_host, '--accounts-ikey', sets.accounts.integration_key, '--accounts-skey-env', 'ACCOUNTS_SKEY',
    ],
    env,
  );
  expect(add.code, add.err).toBe(0);
});
afterAll(async () => {
  await gate?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('duohub report mfa-coverage', () => {
  it('on the local store: runs the fleet, shows progress, prints one row per organization', async () => {
    const res = await cli(['report', 'mfa-coverage', '--progress', 'bar', '--poll-ms', '20'], env);
    expect(res.code, res.err).toBe(0);
    expect(res.err).toMatch(/\r\[#{30}\] 3\/3 accounts  1,050 users\n$/);
    const names = gate.emu.credentials().accounts.filter((a) => a.parent_id !== null);
    const truth = fleetGroundTruth(gate.emu.state, Date.now());
    for (const account of names) {
      const t = truth.get(account.account_id)!;
      const escaped = account.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(res.out).toMatch(new RegExp(`^${escaped}\\s+350\\s+${t.percentages.mfa.toFixed(2)}\\s+${t.counts.noMfa}$`, 'm'));
    }
    expect(res.out).toMatch(/^total: 1050 users, \d+\.\d\d% with MFA, \d+ without$/m);
  });

  it("on the local store the runner keeps serve's soft heap limit: a bad DUOHUB_HEAP_TARGET_MB stops the command, naming it, before Duo is called", async () => {
    const requests = () => Object.values(gate.emu.stats().requests).reduce((n, byStatus) => n + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
    const before = requests();
    const res = await cli(['report', 'mfa-coverage', '--progress', 'none'], { ...env, DUOHUB_HEAP_TARGET_MB: 'lots' });
    expect(res.code).toBe(1);
    expect(res.err).toContain('DUOHUB_HEAP_TARGET_MB');
    expect(res.out).toBe('');
    expect(requests()).toBe(before);
  });

  it('--json prints the report; against a running hub with --url the hub runs the tasks', async () => {
    const hub: TestHub = await startTestHub();
    try {
      const { startCoverageJobs } = await import('../../src/jobs/mfa-coverage/coverage-jobs.js');
      const jobs = await startCoverageJobs(hub.hub, { pollMs: 50 });
      const integrationId = await createIntegration(hub.api.bind(hub), gate.url, gate.sets());
      const res = await cli(['report', 'mfa-coverage', '--integration', integrationId, '--json', '--progress', 'lines', '--url', hub.url, '--token', hub.adminToken], {});
      expect(res.code, res.err).toBe(0);
      const report = JSON.parse(res.out);
      expect(report.totals.counts.users).toBe(1050);
      expect(report.organizations).toHaveLength(3);
      expect(res.err.trim().split('\n').at(-1)).toMatch(/3\/3 accounts  1,050 users$/);
      const bad = await cli(['report', 'mfa-coverage', '--integration', 'int_nope', '--url', hub.url, '--token', hub.adminToken], {});
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('not_found');
      await jobs.stop();
    } finally {
      await hub.close();
    }
  });
});
