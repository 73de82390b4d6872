import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorConnectTo } from '../src/demo/emulator-connect-to.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from './helpers/test-hub.js';

const VAULT = '/v1/identity/mfa/method/duo';
const MARKER = 'INTERNAL-ONLY-7f3a';

type Mode = 'html200' | 'html404' | 'text401' | 'json200' | 'json500' | 'reset' | 'hang';

/** A small server that is not Duo: answers in the current mode and counts what reaches it. */
async function startForeignServer() {
  const state = { mode: 'html200' as Mode, hits: 0 };
  const server: Server = createServer((req, res) => {
    state.hits += 1;
    req.resume();
    switch (state.mode) {
      case 'html200':
        return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><h1>${MARKER}</h1></html>`);
      case 'html404':
        return void res.writeHead(404, { 'content-type': 'text/html' }).end(`<p>${MARKER} not found</p>`);
      case 'text401':
        return void res.writeHead(401, 'Go Away ' + MARKER, { 'content-type': 'text/plain' }).end(MARKER);
      case 'json200':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ secret: MARKER, time: 1 }));
      case 'json500':
        return void res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: MARKER, message: MARKER }));
      case 'reset':
        return void req.socket.destroy();
      case 'hang':
        return; // never answers: the hub's timeout fires
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    state,
    url,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A URL on which nothing listens (connection refused). */
async function closedUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const fieldsOf = (body: any): string[] => (body?.error?.details ?? []).map((d: { field: string }) => d.field);

let emu: TestEmulator;
let foreign: Awaited<ReturnType<typeof startForeignServer>>;
let refused: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  foreign = await startForeignServer();
  refused = await closedUrl();
});
afterAll(async () => {
  await foreign?.close();
  await emu?.close();
});

const BAD_HOSTS = [
  '127.0.0.1',
  'localhost',
  '[::1]',
  '::1',
  '169.254.169.254',
  '10.0.0.1',
  '192.168.1.10',
  '172.16.0.1',
  'metadata.google.internal',
  'intranet.example.com',
  'api-1a2b3c4d.duosecurity.com.evil.example',
];
const BAD_BASE_URLS = [
  'http://127.0.0.1:1',
  'http://localhost:8080',
  'http://[::1]:8080',
  'http://169.254.169.254',
  'http://10.0.0.1',
  'http://192.168.1.10:8443',
  'https://172.16.0.1',
  'http://intranet.example.com',
  'https://api-1a2b3c4d.duosecurity.com',
];
const OTHER_SCHEMES = ['ftp://127.0.0.1', 'file:///etc/passwd', 'gopher://127.0.0.1:70/_x', 'ws://127.0.0.1:1'];

describe('with custom Duo origins disabled (the default)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ duo: { allowCustomOrigins: false } });
  });
  afterAll(() => hub?.close());

  const nothingSaved = async () => {
    const listed = (await hub.api('GET', '/api/integrations')).body;
    expect(listed.items ?? listed).toHaveLength(0);
    expect((await hub.api('GET', `${VAULT}?list=true`)).status).toBe(404);
  };

  it.each(BAD_HOSTS)('refuses %s as an integration api_host', async (host) => {
    const before = foreign.state.hits;
    const res = await hub.api('POST', '/api/integrations', { body: { name: `h ${host}`, auth: { ...emu.sets.auth, api_host: host } } });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(fieldsOf(res.body)).toContain('auth.api_host');
    expect(foreign.state.hits).toBe(before);
    await nothingSaved();
  });

  it.each(BAD_HOSTS)('refuses %s as a Vault method api_hostname', async (host) => {
    const res = await hub.api('POST', VAULT, {
      token: null,
      headers: { 'x-vault-token': hub.adminToken },
      body: { api_hostname: host, integration_key: emu.sets.auth.integration_key, secret_key: emu.sets.auth.secret_key },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.errors.join('\n')).toMatch(/^api_hostname: /m);
    await nothingSaved();
  });

  it.each([...BAD_BASE_URLS, 'the local foreign server'])('refuses base_url %s on create and Vault writes', async (given) => {
    const url = given.startsWith('the ') ? foreign.url : given;
    const before = foreign.state.hits;
    const created = await hub.api('POST', '/api/integrations?force=true', { body: { name: 'b', base_url: url, auth: emu.sets.auth } });
    expect(created.status, created.text).toBe(400);
    expect(fieldsOf(created.body)).toEqual(['base_url']);
    const vault = await hub.api('POST', VAULT, {
      token: null,
      headers: { 'x-vault-token': hub.adminToken },
      body: { api_hostname: emu.sets.auth.api_host, integration_key: emu.sets.auth.integration_key, secret_key: emu.sets.auth.secret_key, base_url: url },
    });
    expect(vault.status, vault.text).toBe(400);
    expect(vault.body.errors.join('\n')).toMatch(/^base_url: .*DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS/m);
    expect(foreign.state.hits).toBe(before);
    await nothingSaved();
  });

  it.each(OTHER_SCHEMES)('refuses the scheme of %s as a field error, not a 502', async (url) => {
    const created = await hub.api('POST', '/api/integrations?force=true', { body: { name: 's', base_url: url, auth: emu.sets.auth } });
    expect(created.status, created.text).toBe(400);
    expect(fieldsOf(created.body)).toEqual(['base_url']);
    await nothingSaved();
  });

  it('accepts a Duo host without a base URL and refuses a later base_url patch', async () => {
    // Nothing answers for the real Duo host here; force saves it so the patch can be tried.
    const created = await hub.api('POST', '/api/integrations?force=true', {
      body: { name: 'duo only', auth: { ...emu.sets.auth, api_host: 'api-00000000.duofederal.com' } },
    });
    expect(created.status, created.text).toBe(201);
    const patched = await hub.api('PATCH', `/api/integrations/${created.body.id}`, { body: { base_url: foreign.url } });
    expect(patched.status).toBe(400);
    expect(fieldsOf(patched.body)).toEqual(['base_url']);
    const hostPatch = await hub.api('PATCH', `/api/integrations/${created.body.id}`, { body: { auth: { api_host: '10.1.2.3' } } });
    expect(hostPatch.status).toBe(400);
    expect(fieldsOf(hostPatch.body)).toEqual(['auth.api_host']);
    expect((await hub.api('GET', `/api/integrations/${created.body.id}`)).body.base_url).toBeNull();
    await hub.api('DELETE', `/api/integrations/${created.body.id}`);
  });
});

describe('with custom Duo origins enabled', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ duo: { allowCustomOrigins: true, checkTimeoutMs: 400, timeoutMs: 400 } });
  });
  afterAll(() => hub?.close());

  const vaultWrite = (baseUrl: string) =>
    hub.api('POST', VAULT, {
      token: null,
      headers: { 'x-vault-token': hub.adminToken },
      body: { api_hostname: emu.sets.auth.api_host, integration_key: emu.sets.auth.integration_key, secret_key: emu.sets.auth.secret_key, base_url: baseUrl },
    });

  it.each(OTHER_SCHEMES)('still refuses the scheme of %s as a field error, also on the Vault route', async (url) => {
    const created = await hub.api('POST', '/api/integrations', { body: { name: 's', base_url: url, auth: emu.sets.auth } });
    expect(created.status).toBe(400);
    expect(fieldsOf(created.body)).toEqual(['base_url']);
    const vault = await vaultWrite(url);
    expect(vault.status, vault.text).toBe(400);
    expect(vault.body.errors.join('\n')).toMatch(/^base_url: must use http or https/m);
  });

  it.each(['http://u:p@127.0.0.1:1', 'http://127.0.0.1:1/prefix', 'http://127.0.0.1:1/?q=1', 'http://127.0.0.1:1/#f'])('refuses %s (only bare origins)', async (url) => {
    const created = await hub.api('POST', '/api/integrations', { body: { name: 'o', base_url: url, auth: emu.sets.auth } });
    expect(created.status).toBe(400);
    expect(fieldsOf(created.body)).toEqual(['base_url']);
  });

  it.each(['html200', 'html404', 'text401', 'json200', 'json500'] as Mode[])('never reflects a foreign %s answer in checks, errors, actions or audit', async (mode) => {
    foreign.state.mode = mode;
    const checked = await hub.api('POST', '/api/integrations', { body: { name: `f ${mode}`, base_url: foreign.url, auth: emu.sets.auth, accounts: emu.sets.accounts } });
    expect(checked.status, checked.text).toBe(422);
    expect(checked.body.error.details.sets.every((s: { ok: boolean }) => !s.ok)).toBe(true);
    expect(checked.text).not.toContain(MARKER);
    expect(checked.text).not.toMatch(/HTTP \d{3}|text\/html|Go Away/);

    const forced = await hub.api('POST', '/api/integrations?force=true', { body: { name: `f ${mode}`, base_url: foreign.url, auth: emu.sets.auth, accounts: emu.sets.accounts } });
    expect(forced.status).toBe(201);
    const accounts = await hub.api('GET', `/api/integrations/${forced.body.id}/accounts`);
    expect(accounts.status).toBe(502);
    expect(accounts.body.error).toEqual({ code: 'duo_error', message: "The answer was not Duo's: check the API hostname (and base URL, if set)." });
    const run = await hub.api('POST', '/api/actions/auth.call/run', {
      body: { integration_id: forced.body.id, input: { method: 'GET', path: '/auth/v2/check', params: {} } },
    });
    expect(run.status, run.text).toBe(502);
    expect(run.text).not.toContain(MARKER);
    const vault = await vaultWrite(foreign.url);
    expect(vault.status).toBe(422);
    expect(vault.text).not.toContain(MARKER);
    const audit = await hub.api('GET', '/api/audit?limit=200');
    expect(audit.text).not.toContain(MARKER);
    await hub.api('DELETE', `/api/integrations/${forced.body.id}`);
  });

  it('says the same about refused, reset and timed-out connections', async () => {
    const answers: string[] = [];
    for (const target of ['refused', 'reset', 'hang'] as const) {
      if (target !== 'refused') foreign.state.mode = target;
      const url = target === 'refused' ? refused : foreign.url;
      const checked = await hub.api('POST', '/api/integrations', { body: { name: `c ${target}`, base_url: url, auth: emu.sets.auth } });
      expect(checked.status).toBe(422);
      const forced = await hub.api('POST', '/api/integrations?force=true', { body: { name: `c ${target}`, base_url: url, accounts: emu.sets.accounts } });
      const listed = await hub.api('GET', `/api/integrations/${forced.body.id}/accounts`);
      const vault = await vaultWrite(url);
      await hub.api('DELETE', `/api/integrations/${forced.body.id}`);
      const set = checked.body.error.details.sets[0];
      answers.push(JSON.stringify([checked.body.error.message, set.status, set.message, listed.status, listed.body, vault.status, vault.body]));
    }
    expect(answers[0]).toMatch(/Could not reach Duo/);
    expect(answers[0]).not.toMatch(/ECONN|ETIMEDOUT|refused|reset|timed? ?out|did not answer in time/i);
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toBe(answers[0]);
  });

  it('stops calls to a stored custom target once the setting is turned off', async () => {
    foreign.state.mode = 'html200';
    const forced = await hub.api('POST', '/api/integrations?force=true', { body: { name: 'later off', base_url: foreign.url, accounts: emu.sets.accounts } });
    expect(forced.status).toBe(201);
    hub.hub.duo.allowCustomOrigins = false;
    try {
      const before = foreign.state.hits;
      const listed = await hub.api('GET', `/api/integrations/${forced.body.id}/accounts`);
      expect(listed.status).toBe(409);
      expect(listed.body.error.message).toMatch(/DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS/);
      const tested = await hub.api('POST', `/api/integrations/${forced.body.id}/test`);
      expect(tested.status).toBe(400);
      expect(fieldsOf(tested.body)).toEqual(['base_url']);
      expect(foreign.state.hits).toBe(before);
      // The way out: drop the base URL (the Duo host alone is allowed).
      const cleared = await hub.api('PATCH', `/api/integrations/${forced.body.id}?force=true`, { body: { base_url: null } });
      expect(cleared.status, cleared.text).toBe(200);
    } finally {
      hub.hub.duo.allowCustomOrigins = true;
    }
  });
});

describe('demo routing: pasted emulator keys work without a base URL', () => {
  let demoEmu: TestEmulator;
  let hub: TestHub;
  beforeAll(async () => {
    demoEmu = await startTestEmulator({ seed: 'demo' });
    // As `duohub demo` wires it: every emulator hostname connects to the emulator; nothing else is custom.
    hub = await startTestHub({ duo: { allowCustomOrigins: false, connectTo: emulatorConnectTo(() => demoEmu.emulator.credentials(), demoEmu.url) } });
  });
  afterAll(async () => {
    await hub?.close();
    await demoEmu?.close();
  });

  it('creates Vault methods from pasted parent and child Auth API keys (their key check passes)', async () => {
    const { accounts } = demoEmu.emulator.credentials();
    const parent = accounts.find((a) => a.parent_id === null)!;
    const child = accounts.find((a) => a.parent_id === parent.account_id && a.integrations.some((i) => i.type === 'auth'))!;
    for (const account of [parent, child]) {
      const auth = account.integrations.find((i) => i.type === 'auth')!;
      const res = await hub.api('POST', VAULT, {
        token: null,
        headers: { 'x-vault-token': hub.adminToken },
        body: { method_name: `m ${account.account_id}`, api_hostname: auth.api_hostname, integration_key: auth.integration_key, secret_key: auth.secret_key },
      });
      expect(res.status, res.text).toBe(200);
      expect(res.text).not.toMatch(/does not resolve|Could not reach/);
      const read = await hub.api('GET', `${VAULT}/${res.body.data.method_id}`, { token: null, headers: { 'x-vault-token': hub.adminToken } });
      expect(read.body.data).toMatchObject({ api_hostname: auth.api_hostname, base_url: null });
    }
  });

  it('creates an integration from pasted parent keys and passes every check', async () => {
    const res = await hub.api('POST', '/api/integrations', { body: { name: 'demo parent', ...demoEmu.sets } });
    expect(res.status, res.text).toBe(201);
    expect(res.body.base_url).toBeNull();
    expect(res.body.last_check.sets.map((s: { status: string }) => s.status)).toEqual(['ok', 'ok', 'ok']);
  });
});
