import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEmulator, type Emulator, type ListeningServer } from '@duohub/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { startLogSyncJobs } from '../../src/jobs/log-sync/log-sync-jobs.js';
import { syncedLogTypes } from '../../src/logs/sync/log-sources.js';
import { startTestHub } from '../helpers/test-hub.js';
import { createIntegration } from '../jobs/support/hub-setup.js';
import { parentSets } from './sync-fixture.js';

const FLEET = { accounts: 2, usersPerAccount: 10, seed: 5, historyDays: 3, eventsPerDay: 100 };

async function cli(args: string[], env: Record<string, string | undefined>) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'duohub', ...args], { io: { out: (t) => void (out += t), err: (t) => void (err += t) }, env });
  return { code, out, err };
}

let emu: Emulator;
let server: ListeningServer;
let dataDir: string;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  emu = createEmulator({ seed: { fleet: FLEET } });
  server = await emu.listen({ port: 0, host: '127.0.0.1' });
  dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-logs-cli-'));
  const sets = parentSets(emu);
  env = {
    DUOHUB_DATA_DIR: dataDir,
    DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS: 'true',
    // The emulator has no log limits here; Duo's 2 a minute would make the test wait minutes.
    DUOHUB_DUO_LOG_RATE_PER_MINUTE: '60000',
    ADMIN_SKEY: sets.admin.secret_key,
    ACCOUNTS_SKEY: sets.accounts.secret_key,
  };
  const add = await cli(
    [
      'integrations', 'add', '--name', 'log fleet', '--base-url', server.url,
      '--admin-host', sets.admin.api_host, '--admin-ikey', sets.admin.integration_key, '--admin-skey-env', 'ADMIN_SKEY',
      '--accounts-host', sets.accounts.api_host, '--accounts-ikey', sets.accounts.integration_key, '--accounts-skey-env', 'ACCOUNTS_SKEY',
    ],
    env,
  );
  expect(add.code, add.err).toBe(0);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await emu?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('duohub logs sync / status', () => {
  it('on the local store: --wait syncs every account and log type in this process and prints where each stands', async () => {
    const res = await cli(['logs', 'sync', '--wait', '--poll-ms', '20'], env);
    expect(res.code, res.err).toBe(0);
    expect(res.err).toMatch(/log sync: 0 running, 0 queued, \d+ done, 0 failed\n$/);
    const children = emu.credentials().accounts.filter((a) => a.parent_id !== null);
    for (const child of children) expect(res.out).toMatch(new RegExp(`^${child.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+authentication\\s+idle\\s`, 'm'));
    expect(res.out).toMatch(/^parent\s+administrator\s+idle\s/m);

    const status = await cli(['logs', 'status', '--integration', 'log fleet', '--json'], env);
    expect(status.code, status.err).toBe(0);
    const items = JSON.parse(status.out).items as any[];
    expect(items).toHaveLength((children.length + 1) * syncedLogTypes().length);
    expect(items.every((u) => u.state === 'idle' && u.last_error === null)).toBe(true);
    expect(items.filter((u) => u.log_type === 'authentication' && u.duo_account_id !== 'parent').every((u) => u.events_stored >= FLEET.historyDays * FLEET.eventsPerDay * 0.9)).toBe(true);
    // Without --wait on the local store, the units are only requested (a running hub syncs them).
    const requested = await cli(['logs', 'sync'], env);
    expect(requested.code, requested.err).toBe(0);
    expect(requested.out).toContain('requested; follow it with `duohub logs status`');
    const queued = JSON.parse((await cli(['logs', 'status', '--json'], env)).out).items as any[];
    expect(queued.every((u) => u.state === 'queued')).toBe(true);
  }, 60_000);

  it('against a running hub with --url: the hub syncs; errors and timeouts give their exit codes', async () => {
    const hub = await startTestHub();
    try {
      const integrationId = await createIntegration(hub.api.bind(hub), server.url, { admin: parentSets(emu).admin, accounts: parentSets(emu).accounts });
      const conn = ['--url', hub.url, '--token', hub.adminToken];
      // No runner yet: the wait gives up.
      const slow = await cli(['logs', 'sync', '--integration', integrationId, '--wait', '--timeout', '0.3', '--poll-ms', '50', ...conn], {});
      expect(slow.code).toBe(2);
      expect(slow.err).toContain('did not finish within 0.3 s');
      const jobs = await startLogSyncJobs(hub.hub, { pollMs: 20, prune: false });
      try {
        const res = await cli(['logs', 'sync', '--integration', integrationId, '--wait', '--json', '--poll-ms', '20', ...conn], {});
        expect(res.code, res.err).toBe(0);
        const body = JSON.parse(res.out);
        expect(body.items.every((u: any) => u.state === 'idle')).toBe(true);
        expect(body.items.length).toBe(3 * syncedLogTypes().length);
      } finally {
        await jobs.stop();
      }
      const bad = await cli(['logs', 'sync', '--integration', 'int_nope', ...conn], {});
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('not_found');
      const badTimeout = await cli(['logs', 'sync', '--wait', '--timeout', 'soon', ...conn], {});
      expect(badTimeout.code).not.toBe(0);
      expect(badTimeout.err).toContain('--timeout');
    } finally {
      await hub.close();
    }
  }, 60_000);
});
