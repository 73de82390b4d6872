import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSignInToken, SIGN_IN_TTL_MS } from '../../src/access/sign-in-links.js';
import { runCli } from '../../src/cli.js';
import { runDemo, type DemoSummary } from '../../src/demo/run-demo.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';

const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../bin/duohub.js');

async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'duohub', ...args], { io: { out: (t) => void (out += t), err: (t) => void (err += t) }, env });
  return { code, out, err };
}

const exchange = (url: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${url}/api/sign-in/exchange`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }).then(async (r) => ({
    status: r.status,
    headers: r.headers,
    body: (await r.json()) as any,
  }));

describe('a port already in use', () => {
  let busy: Server;
  let port: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    port = (busy.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((r) => busy.close(r));
  });

  it('the hub port: the demo names --port', async () => {
    const res = await cli(['demo', '--port', String(port), '--exit-after-setup'], { PATH: process.env.PATH });
    expect(res.code).toBe(1);
    expect(res.err).toBe(`error: port ${port} is already in use, so the hub cannot listen there; pick another with --port <port> (0 picks a free one)\n`);
  });

  it('DUOHUB_PORT: the message names both', async () => {
    const res = await cli(['demo', '--exit-after-setup'], { DUOHUB_PORT: String(port) });
    expect(res.code).toBe(1);
    expect(res.err).toContain('pick another with --port <port> or DUOHUB_PORT (0 picks a free one)');
  });

  it('the emulator port: the demo names --emulator-port', async () => {
    const res = await cli(['demo', '--port', '0', '--emulator-port', String(port), '--exit-after-setup'], {});
    expect(res.code).toBe(1);
    expect(res.err).toBe(`error: port ${port} is already in use, so the Duo emulator cannot listen there; pick another with --emulator-port <port> (0 picks a free one)\n`);
  });

  it('through the bin: one line, no stack', () => {
    const child = spawnSync(process.execPath, [bin, 'demo', '--port', String(port), '--exit-after-setup'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status).toBe(1);
    expect(child.stderr).toBe(`error: port ${port} is already in use, so the hub cannot listen there; pick another with --port <port> (0 picks a free one)\n`);
    expect(child.stderr).not.toMatch(/\n\s+at /);
  });

  it('duohub serve names --port too', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-serve-busy-'));
    try {
      const res = await cli(['serve', '--port', String(port)], { DUOHUB_DATA_DIR: dataDir, DUOHUB_LOG_LEVEL: 'silent' });
      expect(res.code).toBe(1);
      expect(res.err).toContain(`error: port ${port} is already in use, so the hub cannot listen there; pick another with --port <port> (0 picks a free one)\n`);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('bad port values name the flag', async () => {
    expect((await cli(['demo', '--emulator-port', 'abc'])).err).toBe('error: --emulator-port must be an integer between 0 and 65535 (got "abc")\n');
    expect((await cli(['demo', '--port', '70000'])).err).toBe('error: --port must be an integer between 0 and 65535 (got "70000")\n');
  });
});

describe('the demo sign-in link', () => {
  let summary: DemoSummary;
  let prose = '';
  let stop: () => void;
  let finished: Promise<unknown>;
  beforeAll(async () => {
    let out = '';
    let release!: () => void;
    const until = new Promise<void>((r) => (release = r));
    stop = release;
    finished = runDemo({ io: { out: (t) => void (out += t), err: () => {} }, env: {}, port: 0, json: true, until, webDist: null });
    for (let i = 0; i < 600 && !out.includes('"sign_in_url"'); i++) await new Promise((r) => setTimeout(r, 50));
    summary = JSON.parse(out);
    const printed = await cli(['demo', '--port', '0', '--exit-after-setup']);
    expect(printed.code, printed.err).toBe(0);
    prose = printed.out;
  }, 60_000);
  afterAll(async () => {
    stop?.();
    await finished;
  });

  it('is printed as the UI address with the token in the fragment', () => {
    expect(summary.sign_in_url).toMatch(new RegExp(`^${summary.hub_url.replace(/\./g, '\\.')}/#token=dhs_[A-Za-z0-9_-]{43}$`));
    expect(Date.parse(summary.sign_in_expires_at) - Date.now()).toBeGreaterThan(SIGN_IN_TTL_MS - 60_000);
    expect(prose).toMatch(/Open the UI \(signs you in; the link works once, for 15 minutes\):\n {4}http:\/\/127\.0\.0\.1:\d+\/#token=dhs_\S+\n/);
  });

  it('is exchanged once for a working admin token; a second exchange is refused', async () => {
    const signInToken = new URL(summary.sign_in_url).hash.slice('#token='.length);
    const first = await exchange(summary.hub_url, { sign_in_token: signInToken });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.body).toMatchObject({ token: expect.stringMatching(/^dh_/), token_id: expect.stringMatching(/^tok_/), scopes: ['read', 'operate', 'admin'], organization_ids: null });
    const current = await fetch(`${summary.hub_url}/api/tokens/current`, { headers: { authorization: `Bearer ${first.body.token}` } });
    expect(current.status).toBe(200);
    // The sign-in token itself is no API token.
    expect((await fetch(`${summary.hub_url}/api/tokens/current`, { headers: { authorization: `Bearer ${signInToken}` } })).status).toBe(401);

    const second = await exchange(summary.hub_url, { sign_in_token: signInToken });
    expect(second.status).toBe(401);
    expect(second.body).toEqual({ error: { code: 'unauthorized', message: 'This sign-in link is unknown, expired or already used; sign in with an API token instead.' } });
    // The token it gave stays valid, and is a token like any other (listed, revocable).
    const tokens = await fetch(`${summary.hub_url}/api/tokens`, { headers: { authorization: `Bearer ${summary.admin_token}` } }).then((r) => r.json() as Promise<any>);
    expect(tokens.items.find((t: { id: string }) => t.id === first.body.token_id)).toMatchObject({ name: 'demo sign-in link', revoked_at: null });
  });
});

describe('POST /api/sign-in/exchange', () => {
  let hub: TestHub;
  let clock = Date.parse('2026-12-01T12:00:00Z');
  beforeAll(async () => {
    hub = await startTestHub({ now: () => new Date(clock) });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('refuses an expired link', async () => {
    const { token, expires_at } = issueSignInToken(hub.hub);
    expect(expires_at).toBe('2026-12-01T12:15:00.000Z');
    clock += SIGN_IN_TTL_MS;
    const res = await exchange(hub.url, { sign_in_token: token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('lets exactly one of two racing requests win', async () => {
    const { token } = issueSignInToken(hub.hub, { scopes: ['read'] });
    const answers = await Promise.all([exchange(hub.url, { sign_in_token: token }), exchange(hub.url, { sign_in_token: token })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
    expect(answers.find((a) => a.status === 200)!.body.scopes).toEqual(['read']);
  });

  it('answers bad requests from the error registry, naming the field', async () => {
    const missing = await exchange(hub.url, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('validation_failed');
    expect(missing.body.error.details).toEqual([expect.objectContaining({ in: 'body', field: 'sign_in_token' })]);
    const extra = await exchange(hub.url, { sign_in_token: 'dhs_x', admin: true });
    expect(extra.body.error.details).toEqual([expect.objectContaining({ field: 'admin' })]);
    expect((await exchange(hub.url, '{not json')).body.error.code).toBe('malformed_body');
    expect((await exchange(hub.url, 'sign_in_token=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    const get = await fetch(`${hub.url}/api/sign-in/exchange`);
    expect(get.status).toBe(404);
    // Every other /api route still needs a bearer token.
    expect((await fetch(`${hub.url}/api/sign-in/other`, { method: 'POST' })).status).toBe(401);
  });

  it('records the token it creates in the audit log, by the system', async () => {
    const { token } = issueSignInToken(hub.hub, { name: 'audited link' });
    const res = await exchange(hub.url, { sign_in_token: token });
    expect(res.status).toBe(200);
    const audit = await hub.api('GET', `/api/audit?action=tokens.create`);
    expect(audit.body.items.find((e: { target_id: string }) => e.target_id === res.body.token_id)).toMatchObject({ actor: 'system', outcome: 'success' });
    // Neither token reaches the logs.
    expect(hub.logs.join('\n')).not.toContain(token);
    expect(hub.logs.join('\n')).not.toContain(res.body.token);
  });
});
