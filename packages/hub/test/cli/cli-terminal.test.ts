import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { duohubBin as bin, haveScript, onTerminal } from '../support/on-terminal.js';

async function local(args: string[], env: Record<string, string>) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'duohub', ...args], { io: { out: (t) => void (out += t), err: (t) => void (err += t) }, env });
  return { code, out, err };
}

describe.skipIf(!haveScript)('on a terminal (util-linux script)', () => {
  let dataDir: string;
  let home: string;
  let env: Record<string, string>;
  let hub: TestHub;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-pty-'));
    home = await mkdtemp(path.join(tmpdir(), 'duohub-pty-home-'));
    env = { DUOHUB_DATA_DIR: dataDir, DUOHUB_LOG_LEVEL: 'warn', HOME: home };
    for (const name of ['Keep Me Inc', 'Delete Me Inc', 'Yes Inc', 'Piped Inc']) expect((await local(['orgs', 'add', '--name', name], env)).code).toBe(0);
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });
  const names = async () => JSON.parse((await local(['orgs', 'list', '--json'], env)).out).items.map((o: { name: string }) => o.name);

  it('asks before deleting; anything but yes keeps it', async () => {
    const run = await onTerminal(['orgs', 'remove', 'Keep Me Inc'], env, [[/\(y\/N\) $/, 'n']]);
    expect(run.screen).toMatch(/\? Delete organization "Keep Me Inc" \(org_[0-9A-Z]+\)\? \(y\/N\) n\n/);
    expect(run.screen).toContain('cancelled; nothing was changed');
    expect(run.code).toBe(1);
    expect(await names()).toContain('Keep Me Inc');
  });

  it('deletes on y', async () => {
    const run = await onTerminal(['orgs', 'remove', 'Delete Me Inc'], env, [[/\(y\/N\) $/, 'y']]);
    expect(run.code, run.screen).toBe(0);
    expect(run.screen).toMatch(/deleted org_[0-9A-Z]+ \(Delete Me Inc\)\n$/);
    expect(await names()).not.toContain('Delete Me Inc');
  });

  it('--yes skips the question', async () => {
    const run = await onTerminal(['orgs', 'remove', 'Yes Inc', '--yes'], env);
    expect(run.code, run.screen).toBe(0);
    expect(run.screen).not.toContain('(y/N)');
    expect(await names()).not.toContain('Yes Inc');
  });

  it('never asks when stdout is piped: refuses, naming --yes', async () => {
    const run = await onTerminal(['orgs', 'remove', 'Piped Inc'], env, [], true);
    expect(run.screen).not.toContain('(y/N)');
    expect(run.screen).toMatch(/error: Delete organization "Piped Inc" \(org_[0-9A-Z]+\): refusing without --yes when not running interactively/);
    expect(await names()).toContain('Piped Inc');
  });

  it('never asks without any terminal (plain pipes)', async () => {
    const child = spawnSync(process.execPath, [bin, 'orgs', 'remove', 'Piped Inc'], { env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8', input: 'y\n', timeout: 40_000 });
    expect(child.status).toBe(1);
    expect(child.stdout).toBe('');
    expect(child.stderr).toContain('refusing without --yes');
    expect(await names()).toContain('Piped Inc');
  });

  it('login asks for the URL and the token; the token is not echoed, and the file is 0600', async () => {
    const run = await onTerminal(['login', '--profile', 'pty'], { HOME: home }, [
      [/Hub URL \(http:\/\/127\.0\.0\.1:8787\): $/, hub.url],
      [/API token \(input hidden\): $/, hub.adminToken],
    ]);
    expect(run.code, run.screen).toBe(0);
    expect(run.screen).toContain(`? Hub URL (http://127.0.0.1:8787): ${hub.url}\n`);
    expect(run.screen).toContain('Saved as profile "pty"');
    expect(run.screen).not.toContain(hub.adminToken);
    const file = path.join(home, '.config', 'duohub', 'config.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8')).profiles.pty).toEqual({ url: hub.url, token: hub.adminToken });
  });
});
