import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/define-command.js';
import { findCamelCaseKeys } from '../../src/cli/snake-case-keys.js';
import { startCoverageJobs } from '../../src/jobs/mfa-coverage/coverage-jobs.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from '../helpers/test-hub.js';

/** Runs `duohub ...` in-process; `io` adds what a terminal or stdin would give. */
async function cli(args: string[], env: Record<string, string | undefined>, io: Partial<CliIo> = {}) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'duohub', ...args], { io: { out: (t) => void (out += t), err: (t) => void (err += t), ...io }, env });
  return { code, out, err, json: () => JSON.parse(out) };
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

let emu: TestEmulator;
let hub: TestHub;
let jobs: { stop(): Promise<void> };
let remote: Record<string, string>;
let integrationId: string;
const orgIds: Record<string, string> = {};

beforeAll(async () => {
  emu = await startTestEmulator({ seed: 'demo' });
  hub = await startTestHub();
  jobs = await startCoverageJobs(hub.hub, { pollMs: 50 });
  remote = { DUOHUB_URL: hub.url, DUOHUB_TOKEN: hub.adminToken };
  const created = await hub.api('POST', '/api/integrations', { body: { name: 'Emulator parent', base_url: emu.url, admin: emu.sets.admin, accounts: emu.sets.accounts, auth: emu.sets.auth } });
  expect(created.status, created.text).toBe(201);
  integrationId = created.body.id;
  const children = emu.emulator.credentials().accounts.filter((a) => a.parent_id === emu.parentId);
  // Two names that normalize alike ("acme"), one plain, one to delete.
  const wanted: Array<[string, string | undefined]> = [
    ['ACME Corp.', children[0]!.account_id],
    ['Acme Corporation', children[1]!.account_id],
    ['Globex Industries', children[2]!.account_id],
    ['Doomed Org', undefined],
  ];
  for (const [name, account] of wanted) {
    const res = await hub.api('POST', '/api/organizations', { body: { name, ...(account ? { integration_id: integrationId, duo_account_id: account } : {}) } });
    expect(res.status, res.text).toBe(201);
    orgIds[name] = res.body.id;
  }
});

afterAll(async () => {
  await jobs?.stop();
  await hub?.close();
  await emu?.close();
});

describe('help and version', () => {
  it('`duohub` alone prints help on stdout and exits 0', async () => {
    const res = await cli([], {});
    expect(res.code).toBe(0);
    expect(res.err).toBe('');
    expect(res.out).toMatch(/^Usage: duohub \[options\] \[command\]/);
    for (const name of ['login', 'logout', 'profiles', 'audit', 'orgs', 'actions', 'report']) expect(res.out).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it('a group alone prints its help and exits 0', async () => {
    const res = await cli(['orgs'], {});
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/^Usage: duohub orgs/);
    expect(res.out).toContain('remove');
  });

  it('--version and -V print the version', async () => {
    for (const flag of ['--version', '-V']) {
      const res = await cli([flag], {});
      expect(res.code).toBe(0);
      expect(res.out).toBe('0.1.0\n');
    }
  });
});

describe('did you mean', () => {
  it.each([
    [['orgz'], "error: unknown command 'orgz' for 'duohub'. Did you mean orgs?"],
    [['intgerations', 'list'], "error: unknown command 'intgerations' for 'duohub'. Did you mean integrations?"],
    [['orgs', 'lsit'], "error: unknown command 'lsit' for 'duohub orgs'. Did you mean list?"],
    [['profiles', 'usr', 'x'], "error: unknown command 'usr' for 'duohub profiles'. Did you mean use?"],
    [['frobnicate'], "error: unknown command 'frobnicate' for 'duohub'.\n"],
  ])('%j', async (args, message) => {
    const res = await cli(args, {});
    expect(res.code).toBe(1);
    expect(res.out).toBe('');
    expect(res.err.startsWith(message)).toBe(true);
  });

  it('for action ids in `actions run`, `run` and `actions show`', async () => {
    const run = await cli(['actions', 'run', 'user.list', ...['--integration', integrationId]], remote);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^error: unknown action user\.list\. Did you mean users\.list[,?]/);
    const top = await cli(['run', 'users.lsit'], remote);
    expect(top.err).toMatch(/Did you mean users\.list\b/);
    const show = await cli(['actions', 'show', 'phone.get'], {});
    expect(show.code).toBe(1);
    expect(show.err).toMatch(/Did you mean phones\.get\b/);
  });
});

describe('network errors', () => {
  it('says the hub cannot be reached, in one line, without a stack', async () => {
    const port = await closedPort();
    const res = await cli(['orgs', 'list', '--url', `http://127.0.0.1:${port}`, '--token', 'dh_x'], {});
    expect(res.code).toBe(1);
    expect(res.err).toBe(`error: cannot reach the hub at http://127.0.0.1:${port}: connection refused (is the hub running on that port?)\n`);
    const dns = await cli(['orgs', 'list', '--url', 'http://no-such-host.invalid', '--token', 'dh_x'], {});
    expect(dns.err).toBe('error: cannot reach the hub at http://no-such-host.invalid: host not found\n');
    const login = await cli(['login', '--url', `http://127.0.0.1:${port}`, '--with-token'], {}, { readStdin: async () => 'dh_x\n' });
    expect(login.code).toBe(1);
    expect(login.err).toBe(`error: cannot reach the hub at http://127.0.0.1:${port}: connection refused (is the hub running on that port?)\n`);
  });
});

describe('duohub login and profiles', () => {
  let home: string;
  let env: Record<string, string>;
  let readToken: string;
  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'duohub-home-'));
    env = { HOME: home };
    const read = await hub.api('POST', '/api/tokens', { body: { name: 'reader', scopes: ['read'], organization_ids: null } });
    readToken = read.body.token;
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });
  const file = () => path.join(home, '.config', 'duohub', 'config.json');

  it('checks the token with the hub and saves it readable by its owner only', async () => {
    const res = await cli(['login', '--url', `${hub.url}/`, '--with-token'], env, { readStdin: async () => `${hub.adminToken}\n` });
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain(`Logged in to ${hub.url} as tok_`);
    expect(res.out).toContain('scopes: read, operate, admin');
    expect(res.out).toContain('Saved as profile "default", now the default');
    expect(res.out + res.err).not.toContain(hub.adminToken);
    expect((await stat(file())).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file()))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({ default_profile: 'default', profiles: { default: { url: hub.url, token: hub.adminToken } } });
    // Every command now goes to that hub without --url or --token.
    const orgs = await cli(['orgs', 'list', '--json'], env);
    expect(orgs.code, orgs.err).toBe(0);
    expect(orgs.json().items.map((o: { name: string }) => o.name)).toContain('ACME Corp.');
  });

  it('keeps several profiles; the last login is the default; --profile and `profiles use` switch', async () => {
    const lab = await cli(['login', '--profile', 'lab', '--url', hub.url, '--with-token', '--json'], env, { readStdin: async () => readToken });
    expect(lab.code, lab.err).toBe(0);
    expect(lab.json()).toMatchObject({ profile: 'lab', url: hub.url, default: true, scopes: ['read'], config_file: file() });
    expect(lab.out).not.toContain(readToken);

    const list = await cli(['profiles', 'list'], env);
    expect(list.out).toMatch(/^default\s+http:\/\/127\.0\.0\.1:\d+\s+dh_\S+…\S{4}$/m);
    expect(list.out).toMatch(/^lab\s+http:\/\/127\.0\.0\.1:\d+\s+\*\s+dh_\S+…\S{4}$/m);
    expect(list.out).not.toContain(readToken);
    expect(list.out).not.toContain(hub.adminToken);

    // The default (lab) has the read scope only: creating an organization is refused...
    const denied = await cli(['orgs', 'add', '--name', 'Nope Inc'], env);
    expect(denied.code).toBe(1);
    expect(denied.err).toContain('error: forbidden');
    // ...--profile default uses the admin token...
    const explicit = await cli(['tokens', 'list', '--profile', 'default', '--json'], env);
    expect(explicit.code, explicit.err).toBe(0);
    // ...and switching the default does too.
    const use = await cli(['profiles', 'use', 'default'], env);
    expect(use.out).toBe(`The default profile is now "default" (${hub.url}).\n`);
    expect((await cli(['tokens', 'list', '--json'], env)).code).toBe(0);
    const unknown = await cli(['profiles', 'use', 'lob'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('error: no profile named "lob" (saved: default, lab). Did you mean "lab"?\n');
    expect((await stat(file())).mode & 0o777).toBe(0o600);
  });

  it('flags and variables still win over the saved default; DUOHUB_DATA_DIR means the local store', async () => {
    const byEnv = await cli(['tokens', 'list'], { ...env, DUOHUB_URL: hub.url, DUOHUB_TOKEN: readToken });
    expect(byEnv.code).toBe(1);
    expect(byEnv.err).toContain('error: forbidden');
    const byFlag = await cli(['tokens', 'list', '--url', hub.url, '--token', readToken], env);
    expect(byFlag.err).toContain('error: forbidden');
    const dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-local-'));
    try {
      const local = await cli(['orgs', 'list', '--json'], { ...env, DUOHUB_DATA_DIR: dataDir });
      expect(local.code, local.err).toBe(0);
      expect(local.json().items).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a bad token and saves nothing; never waits for input when not interactive', async () => {
    const before = await readFile(file(), 'utf8');
    const bad = await cli(['login', '--profile', 'bad', '--url', hub.url, '--with-token'], env, { readStdin: async () => 'dh_not-a-real-token-aaaaaaaaaaaaaaaaaaaaaa' });
    expect(bad.code).toBe(1);
    expect(bad.err).toBe(`error: the hub at ${hub.url} refused the token: unauthorized: The token is unknown or revoked.\n`);
    expect(await readFile(file(), 'utf8')).toBe(before);
    const noToken = await cli(['login', '--url', hub.url], env);
    expect(noToken.code).toBe(1);
    expect(noToken.err).toContain('pass the token on stdin with --with-token');
    const noUrl = await cli(['login', '--with-token'], env, { readStdin: async () => 'x' });
    expect(noUrl.err).toBe('error: not running interactively: pass the hub URL with --url\n');
    const badUrl = await cli(['login', '--url', 'hub.example', '--with-token'], env, { readStdin: async () => 'x' });
    expect(badUrl.err).toContain('--url must be an http:// or https:// URL');
  });

  it('asks for the URL and the token (hidden) on a terminal', async () => {
    const asked: Array<[string, boolean]> = [];
    const answers = [hub.url, hub.adminToken];
    const res = await cli(['login', '--profile', 'asked'], env, {
      interactive: true,
      ask: async (q, o) => {
        asked.push([q, Boolean(o?.secret)]);
        return answers.shift()!;
      },
    });
    expect(res.code, res.err).toBe(0);
    expect(asked).toEqual([
      ['? Hub URL (http://127.0.0.1:8787): ', false],
      ['? API token (input hidden): ', true],
    ]);
  });

  it('logout forgets a profile; the next one becomes the default', async () => {
    const out = await cli(['logout'], env); // the default: "asked"
    expect(out.code, out.err).toBe(0);
    expect(out.out).toBe(`Logged out of ${hub.url} (profile "asked" forgotten). The default profile is now "default".\n`);
    expect((await cli(['logout', '--profile', 'lab'], env)).code).toBe(0);
    const saved = JSON.parse(await readFile(file(), 'utf8'));
    expect(Object.keys(saved.profiles)).toEqual(['default']);
    expect(saved.default_profile).toBe('default');
    const again = await cli(['logout', '--profile', 'lab'], env);
    expect(again.err).toBe('error: no profile named "lab" (saved: default).\n');
  });

  it('a broken config file is named when it matters, and ignored when flags choose the hub', async () => {
    const broken = await mkdtemp(path.join(tmpdir(), 'duohub-broken-'));
    try {
      await mkdir(path.join(broken, 'duohub'), { recursive: true });
      await writeFile(path.join(broken, 'duohub', 'config.json'), '{"profiles": {"x": {"url": "http://h", "token": "dh_secret-value"}}, oops');
      const envBroken = { XDG_CONFIG_HOME: broken };
      const plain = await cli(['orgs', 'list'], envBroken);
      expect(plain.code).toBe(1);
      expect(plain.err).toBe(`error: ${path.join(broken, 'duohub', 'config.json')} is not valid JSON; fix it or delete it and run \`duohub login\` again\n`);
      expect(plain.err).not.toContain('dh_secret-value');
      expect((await cli(['orgs', 'list', '--profile', 'x'], envBroken)).err).toContain('is not valid JSON');
      expect((await cli(['orgs', 'list', '--url', hub.url, '--token', hub.adminToken], envBroken)).code).toBe(0);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it('follows XDG_CONFIG_HOME', async () => {
    const xdg = await mkdtemp(path.join(tmpdir(), 'duohub-xdg-'));
    try {
      const res = await cli(['login', '--url', hub.url, '--with-token'], { XDG_CONFIG_HOME: xdg, HOME: home }, { readStdin: async () => readToken });
      expect(res.code, res.err).toBe(0);
      expect((await stat(path.join(xdg, 'duohub', 'config.json'))).mode & 0o777).toBe(0o600);
    } finally {
      await rm(xdg, { recursive: true, force: true });
    }
  });
});

describe('organizations and integrations by name', () => {
  it('resolves a name, lists the candidates of an ambiguous one, suggests for an unknown one', async () => {
    const mapped = await cli(['orgs', 'map', 'Globex Industries', '--integration', 'Emulator parent', '--account', 'parent', '--force'], remote);
    expect(mapped.code, mapped.err).toBe(0);
    expect(mapped.out).toBe('Globex Industries -> parent (manual)\n');
    const ambiguous = await cli(['orgs', 'auth', 'acme', '--clear'], remote);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toBe(
      `error: "acme" matches 2 organizations; pass the id of one:\n  ${orgIds['ACME Corp.']}  ACME Corp.\n  ${orgIds['Acme Corporation']}  Acme Corporation\n`,
    );
    const unknown = await cli(['orgs', 'remove', 'Globex Indsutries', '--yes'], remote);
    expect(unknown.err).toBe('error: no organization named "Globex Indsutries". Did you mean "Globex Industries"? (see duohub orgs list)\n');
    const integration = await cli(['integrations', 'test', 'emulator PARENT'], remote);
    expect(integration.code, integration.err).toBe(0);
    expect(integration.out).toMatch(/^ok\n/);
    // Put back for the tests below.
    const child = emu.emulator.credentials().accounts.filter((a) => a.parent_id === emu.parentId)[2]!;
    expect((await cli(['orgs', 'map', orgIds['Globex Industries']!, '--integration', integrationId, '--account', child.account_id], remote)).code).toBe(0);
  });

  it('runs an action on an organization by name and prints a table unless --json', async () => {
    const table = await cli(['actions', 'run', 'users.list', '--org', 'ACME Corp.', '--limit', '3'], remote);
    expect(table.code, table.err).toBe(0);
    expect(table.out).toMatch(/^user_id\s+external_id\s+username\s+realname\s+email\s+status/);
    expect(table.out.split('\n').filter((l) => /^DU[A-Z0-9]{18}\s/.test(l))).toHaveLength(3);
    expect(table.out).toContain('(3 rows; ');
    const json = await cli(['run', 'users.list', '--org', 'ACME Corp.', '--limit', '3', '--json'], remote);
    expect(json.code, json.err).toBe(0);
    expect(json.json()).toMatchObject({ action: 'users.list', dry_run: false });
    expect(json.json().output.items).toHaveLength(3);
  });
});

describe('destructive commands without a terminal', () => {
  it('refuse without --yes, naming it, and change nothing; --yes goes ahead', async () => {
    const refused = await cli(['orgs', 'remove', 'Doomed Org'], remote);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(`error: Delete organization "Doomed Org" (${orgIds['Doomed Org']}): refusing without --yes when not running interactively (pass --yes to confirm)\n`);
    expect((await hub.api('GET', `/api/organizations/${orgIds['Doomed Org']}`)).status).toBe(200);

    const victim = (await hub.api('POST', '/api/tokens', { body: { name: 'victim', scopes: ['read'], organization_ids: null } })).body;
    const revoke = await cli(['tokens', 'revoke', victim.id], remote);
    expect(revoke.code).toBe(1);
    expect(revoke.err).toContain('refusing without --yes');
    expect((await hub.api('GET', '/api/tokens/current', { token: victim.token })).status).toBe(200);

    const user = Object.values(emu.emulator.state.accounts[emu.parentId]!.users)[0]!;
    const del = await cli(['run', 'users.delete', '--user-id', user.user_id], remote);
    expect(del.code).toBe(1);
    expect(del.err).toContain('Run users.delete (');
    expect(del.err).toContain('refusing without --yes');
    expect(emu.emulator.state.accounts[emu.parentId]!.users[user.user_id]).toBeDefined();
    // A dry run changes nothing, so it never asks.
    const dry = await cli(['run', 'users.delete', '--user-id', user.user_id, '--dry-run'], remote);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toMatch(/^DRY RUN: would/);

    expect((await cli(['tokens', 'revoke', victim.id, '--yes'], remote)).code).toBe(0);
    expect((await hub.api('GET', '/api/tokens/current', { token: victim.token })).status).toBe(401);
    const removed = await cli(['orgs', 'remove', orgIds['Doomed Org']!, '-y'], remote);
    expect(removed.code, removed.err).toBe(0);
    expect(removed.out).toBe(`deleted ${orgIds['Doomed Org']} (Doomed Org)\n`);
  });

  it('ask on a terminal: only yes proceeds', async () => {
    const org = (await hub.api('POST', '/api/organizations', { body: { name: 'Asked Org' } })).body;
    const questions: string[] = [];
    const terminal = (answer: string): Partial<CliIo> => ({ interactive: true, ask: async (q) => (questions.push(q), answer) });
    const no = await cli(['orgs', 'remove', 'Asked Org'], remote, terminal('n'));
    expect(no.code).toBe(1);
    expect(no.err).toBe('cancelled; nothing was changed\n');
    expect(questions).toEqual([`? Delete organization "Asked Org" (${org.id})? (y/N) `]);
    expect((await hub.api('GET', `/api/organizations/${org.id}`)).status).toBe(200);
    const yes = await cli(['orgs', 'remove', 'Asked Org'], remote, terminal('yes'));
    expect(yes.code, yes.err).toBe(0);
    expect((await hub.api('GET', `/api/organizations/${org.id}`)).status).toBe(404);
    // --yes never asks, even on a terminal.
    const other = (await hub.api('POST', '/api/organizations', { body: { name: 'Yes Org' } })).body;
    questions.length = 0;
    expect((await cli(['orgs', 'remove', other.id, '--yes'], remote, terminal('n'))).code).toBe(0);
    expect(questions).toEqual([]);
  });
});

describe('duohub audit', () => {
  it('lists and filters the audit log as the REST API does', async () => {
    const all = await cli(['audit', '--json', '--limit', '1000'], remote);
    expect(all.code, all.err).toBe(0);
    expect(all.json().items.length).toBeGreaterThan(5);
    const deletes = await cli(['audit', '--action', 'organizations.delete', '--json'], remote);
    expect(deletes.json().items.length).toBeGreaterThanOrEqual(2);
    expect(deletes.json().items.every((e: { action: string }) => e.action === 'organizations.delete')).toBe(true);
    const acme = await cli(['audit', '--org', 'ACME Corp.', '--json'], remote);
    expect(acme.json().items.length).toBeGreaterThan(0);
    expect(acme.json().items.every((e: { organization_id: string }) => e.organization_id === orgIds['ACME Corp.'])).toBe(true);
    const table = await cli(['audit', '--action', 'tokens.revoke', '--since', '1h'], remote);
    expect(table.out).toMatch(/^at\s+action\s+outcome\s+by\s+organization_id\s+target\s+error_code$/m);
    expect(table.out).toMatch(/tokens\.revoke\s+success\s+tok_/);
    const future = await cli(['audit', '--since', '2999-01-01T00:00:00Z'], remote);
    expect(future.out).toBe('(none)\n');
    const paged = await cli(['audit', '--limit', '1'], remote);
    expect(paged.err).toMatch(/^more: add --cursor aud_\S+\n$/);
    const csv = await cli(['audit', '--action', 'organizations.delete', '--csv'], remote);
    expect(csv.out.split('\r\n')[0]).toBe('id,at,token_id,actor,action,organization_id,target_type,target_id,outcome,error_code,inputs');
    const bad = await cli(['audit', '--outcome', 'maybe'], remote);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('error: validation_failed');
    expect(bad.err).toContain('outcome');
  });
});

describe('duohub report mfa-coverage: drill-down', () => {
  it('runs, then shows one organization and its users without MFA from the latest snapshot', async () => {
    const run = await cli(['report', 'mfa-coverage', '--progress', 'none', '--poll-ms', '20'], remote);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/^ACME Corp\.\s+\d+/m);
    const report = (await hub.api('GET', '/api/reports/mfa-coverage')).body;
    const acme = report.organizations.find((o: { name: string }) => o.name === 'ACME Corp.');
    expect(acme.no_mfa).toBeGreaterThan(0);

    const org = await cli(['report', 'mfa-coverage', '--latest', '--org', 'acme corp.'], remote);
    expect(org.code, org.err).toBe(0);
    expect(org.out).toContain(`ACME Corp. (snapshot ${report.snapshot.id}`);
    expect(org.out).toContain(`without MFA: ${acme.no_mfa}`);
    expect(org.out).toContain('list them: add --without-mfa');

    const users = await cli(['report', 'mfa-coverage', '--latest', '--org', 'ACME Corp.', '--without-mfa'], remote);
    expect(users.code, users.err).toBe(0);
    expect(users.out.split('\n')[0]).toBe(`Users without MFA in ACME Corp. (snapshot ${report.snapshot.id} as of ${report.snapshot.taken_at}): ${acme.no_mfa} of ${acme.users}`);
    expect(users.out.split('\n')[1]).toMatch(/^username\s+email\s+status\s+last_login\s+risky_bypass\s+user_id$/);
    for (const u of acme.users_without_mfa) expect(users.out).toContain(u.user_id);

    const json = await cli(['report', 'mfa-coverage', '--latest', '--org', orgIds['ACME Corp.']!, '--without-mfa', '--json'], remote);
    const body = json.json();
    expect(body.snapshot.id).toBe(report.snapshot.id);
    expect(body.users_without_mfa).toHaveLength(acme.no_mfa);
    expect(body.users_without_mfa[0]).toMatchObject({ organization: 'ACME Corp.', organization_id: orgIds['ACME Corp.'], risky_bypass: expect.any(Boolean) });

    const ambiguous = await cli(['report', 'mfa-coverage', '--latest', '--org', 'acme', '--without-mfa'], remote);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toContain('"acme" matches 2 organizations');
  });
});

describe('one JSON casing', () => {
  it('every --json the CLI prints has snake_case keys (Duo data, schemas and audit inputs as they are)', async () => {
    const user = Object.values(emu.emulator.state.accounts[emu.parentId]!.users)[1]!;
    const commands: string[][] = [
      ['orgs', 'list'],
      ['integrations', 'list'],
      ['tokens', 'list'],
      ['actions', 'list'],
      ['run', 'users.list', '--limit', '2'],
      ['run', 'users.delete', '--user-id', user.user_id, '--dry-run'],
      ['audit', '--limit', '200'],
      ['report', 'mfa-coverage', '--latest'],
      ['report', 'mfa-coverage', '--latest', '--org', 'ACME Corp.'],
      ['report', 'mfa-coverage', '--latest', '--without-mfa'],
      ['report', 'mfa-coverage', '--progress', 'none', '--poll-ms', '20'],
      ['orgs', 'suggest', integrationId],
    ];
    const camel: string[] = [];
    for (const args of commands) {
      const res = await cli([...args, '--json'], remote);
      expect(res.code, `${args.join(' ')}: ${res.err}`).toBe(0);
      camel.push(...findCamelCaseKeys(res.json()).map((p) => `${args.slice(0, 2).join(' ')}: ${p}`));
    }
    expect(camel).toEqual([]);
  });
});
