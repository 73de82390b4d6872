import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { savePacerState } from '../src/integrations/pacer-state-records.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from './helpers/test-hub.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

async function cli(args: string[], env: Record<string, string | undefined>) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'duohub', ...args], { io: { out: (t) => void (out += t), err: (t) => void (err += t) }, env });
  return { code, out, err, json: () => JSON.parse(out) };
}

describe('duohub demo --exit-after-setup', () => {
  it('sets up the emulator, a hub, the integration, three organizations and their mappings, then stops', async () => {
    const res = await cli(['demo', '--port', '0', '--exit-after-setup', '--json'], { PATH: process.env.PATH });
    expect(res.code, res.err).toBe(0);
    const summary = res.json();
    expect(summary.integration.checks).toEqual([
      { kind: 'admin', status: 'ok' },
      { kind: 'accounts', status: 'ok' },
      { kind: 'auth', status: 'ok' },
    ]);
    expect(summary.organizations).toHaveLength(3);
    for (const org of summary.organizations) {
      expect(org.duo_account_id).toMatch(/^DA[A-Z0-9]{18}$/);
      expect(org.confidence).toBeGreaterThanOrEqual(0.8);
      // The organization was named differently from the account it was matched to.
      expect(org.name).not.toBe(org.duo_account_name);
    }
    expect(new Set(summary.organizations.map((o: any) => o.duo_account_id)).size).toBe(3);
    // A first coverage run went through the job runner, so the UI's dashboard has data from the start.
    expect(summary.coverage.run_id).toMatch(/\S/);
    expect(summary.coverage.organizations.map((o: any) => o.name).sort()).toEqual(summary.organizations.map((o: any) => o.name).sort());
    expect(summary.coverage.users).toBe(summary.coverage.organizations.reduce((n: number, o: any) => n + o.users, 0));
    expect(summary.coverage.users).toBeGreaterThan(0);
    expect(summary.coverage.mfa_percent).toBeGreaterThan(0);
    expect(summary.coverage.mfa_percent).toBeLessThan(100);
    expect(summary.admin_token).toMatch(/^dh_/);
    expect(summary.docs_url).toBe(`${summary.hub_url}/api/docs`);
    // Everything was torn down.
    expect(existsSync(summary.data_dir)).toBe(false);
    await expect(fetch(`${summary.hub_url}/healthz`)).rejects.toThrow();
    await expect(fetch(`${summary.emulator_url}/auth/v2/ping`)).rejects.toThrow();
  });

  it('runs through the bin (tsx registration) and prints the URLs and a token', async () => {
    const bin = path.join(here, '../bin/duohub.js');
    const { stdout } = await run(process.execPath, [bin, 'demo', '--port', '0', '--exit-after-setup'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      timeout: 60_000,
    });
    expect(stdout).toContain('Applied 3 mapping suggestion(s)');
    expect(stdout).toMatch(/API docs: +http:\/\/127\.0\.0\.1:\d+\/api\/docs/);
    expect(stdout).toMatch(/Admin token: dh_/);
  });
});

describe('duohub serve as a process', () => {
  const repo = path.resolve(here, '../../..');
  const bundle = path.join(repo, 'packages/hub/dist/duohub.mjs');
  beforeAll(() => {
    // The production entry: the CLI bundled for plain Node (scripts/build-hub.mjs, run by setup).
    const built = spawnSync(process.execPath, [path.join(repo, 'scripts/build-hub.mjs')], { cwd: repo, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
  });

  it.each([
    ['from source through tsx (bin/duohub.js)', path.join(here, '../bin/duohub.js')],
    ['bundled for plain Node (dist/duohub.mjs)', bundle],
  ])('%s: logs JSON, prints the bootstrap token to stderr, serves API and UI, exits 0 on SIGTERM', async (_name, entry) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-proc-'));
    try {
      const child = spawn(process.execPath, [entry, 'serve', '--port', '0'], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DUOHUB_DATA_DIR: dataDir },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      for (let i = 0; i < 200 && !stdout.includes('duohub listening'); i++) await new Promise((r) => setTimeout(r, 50));
      const listening = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((l) => l.msg === 'duohub listening');
      expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const token = /(dh_\S+)/.exec(stderr)?.[1];
      const res = await fetch(`${listening.url}/api/tokens`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      // The docs page's Swagger UI files come from node_modules, found from the bundle as from source.
      const docsAsset = await fetch(`${listening.url}/api/docs/swagger-ui-bundle.js`);
      expect(docsAsset.status).toBe(200);
      expect((await docsAsset.text()).length).toBeGreaterThan(100_000);
      if (existsSync(path.join(repo, 'packages/web/dist/index.html'))) {
        const ui = await fetch(`${listening.url}/coverage`);
        expect(ui.status).toBe(200);
        expect(await ui.text()).toContain('<div id="root">');
      }
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).toContain('shutting down');
      expect(stdout).not.toContain(token!);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('a command that talks to a running hub compiles no store, server, job runner, API or action catalog', async () => {
    // What duohub.mjs imports statically is loaded by every command; the rest is split at the CLI's
    // dynamic imports. esbuild opens each bundled module with a line naming its source file.
    const loaded = new Set<string>();
    const sources: string[] = [];
    const visit = async (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      const text = await readFile(path.join(path.dirname(bundle), file), 'utf8');
      sources.push(...[...text.matchAll(/^\/\/ ((?:packages|node_modules)\/\S+)$/gm)].map((m) => m[1]!));
      for (const m of text.matchAll(/^(?:import|export)\b[^;]*?from\s*"\.\/([\w-]+\.mjs)";$|^import\s*"\.\/([\w-]+\.mjs)";$/gm)) await visit((m[1] ?? m[2])!);
    };
    await visit('duohub.mjs');
    expect(sources).toContain('packages/hub/src/cli/open-cli-client.ts');
    expect(sources).toContain('packages/hub/src/reports/report-command.ts');
    const heavy = sources.filter((s) =>
      /^packages\/hub\/src\/(store|server|api|demo)\/|^packages\/hub\/src\/(jobs\/.*|bulk\/bulk)-jobs\.ts$|^packages\/hub\/src\/actions\/catalog\.ts$|^packages\/hub\/src\/cli\/open-local-hub-client\.ts$|^node_modules\/(zod|hono|kysely|yaml)\//.test(s),
    );
    expect(heavy).toEqual([]);
  });

  it('loads the split parts when a command needs them: the catalog, the local store', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-split-'));
    try {
      const env = { PATH: process.env.PATH, HOME: dataDir, DUOHUB_DATA_DIR: dataDir };
      const shown = await run(process.execPath, [bundle, 'actions', 'show', 'users.list'], { env });
      expect(shown.stdout).toMatch(/^users\.list: /);
      const orgs = await run(process.execPath, [bundle, 'orgs', 'list', '--json'], { env });
      expect(JSON.parse(orgs.stdout)).toMatchObject({ items: [] });
      const missing = await run(process.execPath, [bundle, 'actions', 'show', 'users.lst'], { env }).catch((e: { code: number; stderr: string }) => e);
      expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('Did you mean users.list') });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('shows and resets learned Duo rate limits through a running hub (integrations limits | reset-limits)', async () => {
    const t = await startTestHub();
    try {
      // Stored as a coverage task stores them; the integration row directly, since nothing here calls Duo.
      const stamp = '2026-12-01T00:00:00.000Z';
      await t.store.db
        .insertInto('integrations')
        .values({ id: 'int_limits', name: 'Limits', base_url: null, sig_version: 5, created_at: stamp, updated_at: stamp, last_check: null, last_checked_at: null } as never)
        .execute();
      const bucket = { host: 'api-x.duosecurity.com', endpointClass: 'admin_get_page', ratePerMinute: 96, burst: 5, burstKnown: true, learnedAt: Date.now() };
      for (const accountId of ['DAONE', 'DATWO']) {
        await savePacerState(t.store.db, { integrationId: 'int_limits', accountId }, { version: 1, savedAt: Date.now(), buckets: [{ ...bucket, accountId }] }, new Date());
      }
      const connect = ['--url', t.url, '--token', t.adminToken];
      const env = { PATH: process.env.PATH, HOME: process.env.HOME };
      const shown = await run(process.execPath, [bundle, 'integrations', 'limits', 'Limits', '--json', ...connect], { env });
      expect(JSON.parse(shown.stdout).items.map((i: { account_id: string; rate_per_minute: number; burst: number }) => [i.account_id, i.rate_per_minute, i.burst])).toEqual([
        ['DAONE', 96, 5],
        ['DATWO', 96, 5],
      ]);
      const reset = await run(process.execPath, [bundle, 'integrations', 'reset-limits', 'int_limits', '--account', 'DAONE', ...connect], { env });
      expect(reset.stdout).toContain('1 Duo account');
      const after = await t.api('GET', '/api/integrations/int_limits/rate-limits');
      expect(after.body.items.map((i: { account_id: string }) => i.account_id)).toEqual(['DATWO']);
    } finally {
      await t.close();
    }
  });
});

describe('management commands', () => {
  let emu: TestEmulator;
  let dataDir: string;
  let env: Record<string, string | undefined>;
  let hub: TestHub;

  beforeAll(async () => {
    emu = await startTestEmulator({ seed: 'demo' });
    dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-cli-'));
    env = { DUOHUB_DATA_DIR: dataDir, DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS: 'true', ADMIN_SKEY: emu.sets.admin.secret_key, ACCOUNTS_SKEY: emu.sets.accounts.secret_key };
    hub = await startTestHub();
  });

  afterAll(async () => {
    await hub?.close();
    await emu?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('manage the local store end to end', async () => {
    const add = await cli(
      [
        'integrations', 'add', '--name', 'cli parent', '--base-url', emu.url,
        '--admin-host', emu.sets.admin.api_host, '--admin-ikey', emu.sets.admin.integration_key, '--admin-skey-env', 'ADMIN_SKEY',
        '--accounts-host', emu.sets.accounts.api_host, '--accounts-ikey', emu.sets.accounts.integration_key, '--accounts-skey-env', 'ACCOUNTS_SKEY',
        '--json',
      ],
      env,
    );
    expect(add.code, add.err).toBe(0);
    const integration = add.json();
    expect(integration.last_check.ok).toBe(true);
    expect(add.out).not.toContain(emu.sets.admin.secret_key);
    expect(existsSync(path.join(dataDir, 'duohub.sqlite'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'master.key'))).toBe(true);

    const list = await cli(['integrations', 'list'], env);
    expect(list.out).toMatch(/cli parent\s+admin,accounts\s+ok/);

    const test = await cli(['integrations', 'test', integration.id], env);
    expect(test.code).toBe(0);
    expect(test.out).toMatch(/admin\s+ok/);

    for (const [name, domain] of [['ACME Corp.', 'acme.example'], ['Globex Industries Inc', ''], ['initech', '']]) {
      const org = await cli(['orgs', 'add', '--name', name!, ...(domain ? ['--domains', domain] : []), '--json'], env);
      expect(org.code, org.err).toBe(0);
    }
    const suggest = await cli(['orgs', 'suggest', integration.id, '--json'], env);
    expect(suggest.json().suggestions.filter((s: any) => s.status === 'new')).toHaveLength(3);
    const table = await cli(['orgs', 'suggest', integration.id], env);
    expect(table.out).toMatch(/ACME Corp\.\s+new\s+Acme Corporation/);

    const orgs = (await cli(['orgs', 'list', '--json'], env)).json().items;
    const initech = orgs.find((o: any) => o.name === 'initech');
    const mapped = await cli(['orgs', 'map', initech.id, '--integration', integration.id, '--account', 'parent'], env);
    expect(mapped.code, mapped.err).toBe(0);
    expect(mapped.out).toContain('initech -> parent (manual)');

    const apply = await cli(['orgs', 'apply', integration.id, '--threshold', '0.8'], env);
    expect(apply.code).toBe(0);
    expect(apply.out).toContain('applied 2, skipped 1');
    expect(apply.out).toMatch(/initech\s+a manual mapping wins/);

    const token = await cli(['tokens', 'create', '--name', 'ci', '--scopes', 'read,operate', '--json'], env);
    expect(token.code).toBe(0);
    expect(token.json().token).toMatch(/^dh_/);
    const tokens = await cli(['tokens', 'list'], env);
    expect(tokens.out).toMatch(/ci\s+read,operate/);
    expect(tokens.out).not.toContain(token.json().token);
    expect((await cli(['tokens', 'revoke', token.json().id, '--yes'], env)).out).toContain('revoked');

    const remove = await cli(['integrations', 'remove', integration.id, '--yes'], env);
    expect(remove.code).toBe(1);
    expect(remove.err).toContain('error: conflict');
  });

  it('print the registry code and each field on bad input, exit 1', async () => {
    const res = await cli(['integrations', 'add', '--name', 'bad', '--auth-host', 'https://x', '--auth-ikey', 'nope', '--auth-skey', 'short'], env);
    expect(res.code).toBe(1);
    expect(res.err).toContain('error: validation_failed');
    expect(res.err).toContain('auth.api_host');
    expect(res.err).toContain('auth.integration_key');
    expect(res.err).toContain('auth.secret_key');
    const json = await cli(['tokens', 'create', '--name', 'x', '--scopes', 'root', '--json'], env);
    expect(json.code).toBe(1);
    expect(json.json().error.code).toBe('validation_failed');
  });

  it('talk to a running hub with --url and --token', async () => {
    const created = await cli(['orgs', 'add', '--name', 'Remote Org', '--url', hub.url, '--token', hub.adminToken, '--json'], {});
    expect(created.code, created.err).toBe(0);
    const list = await cli(['orgs', 'list', '--json'], { DUOHUB_URL: hub.url, DUOHUB_TOKEN: hub.adminToken });
    expect(list.json().items.map((o: any) => o.name)).toContain('Remote Org');
    const denied = await cli(['orgs', 'list'], { DUOHUB_URL: hub.url, DUOHUB_TOKEN: 'dh_wrong-token-aaaaaaaaaaaaaaaaaaaaaa' });
    expect(denied.code).toBe(1);
    expect(denied.err).toContain('error: unauthorized');
  });

  it('shows help and rejects unknown commands', async () => {
    const help = await cli(['--help'], {});
    expect(help.code).toBe(0);
    for (const name of ['serve', 'demo', 'emulator', 'integrations', 'orgs', 'tokens']) expect(help.out).toContain(name);
    const unknown = await cli(['frobnicate'], {});
    expect(unknown.code).not.toBe(0);
    const emulatorHelp = await cli(['emulator', '--help'], {});
    expect(emulatorHelp.code).toBe(0);
    expect(emulatorHelp.out).toContain('Usage: duohub-emulator');
  });
});
