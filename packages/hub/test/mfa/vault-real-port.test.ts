import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMfaFixture, type MfaFixture } from './mfa-fixture.js';

// Everything here goes through the served hub's port, the way Vault's clients reach it; nothing is
// called in process (an in-process test once hid that Node's parser refuses LIST).
const run = promisify(execFile);
const BASE = '/v1/identity/mfa/method/duo';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Debian's interpreter: the python3 first on PATH here is a separate build that cannot see apt packages.
const PYTHON = process.env['DUOHUB_PYTHON'] ?? '/usr/bin/python3';
const hvacProbe = spawnSync(PYTHON, ['-c', 'import hvac'], { encoding: 'utf8' });
const hvacMissing = hvacProbe.status === 0 ? undefined : `python3-hvac is not importable by ${PYTHON}; install it with: apt-get install -y python3-hvac (scripts/setup-test.sh does)`;

let f: MfaFixture;
let dir: string;

beforeAll(async () => {
  f = await startMfaFixture();
  dir = await mkdtemp(path.join(tmpdir(), 'duohub-vault-'));
});
afterAll(async () => {
  await f?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** curl as Vault's documentation writes it; `-w` appends the status and how many connections this transfer opened. */
async function curl(args: string[]): Promise<Array<{ status: number; connects: number; body: any }>> {
  const marker = '\n@@duohub@@';
  const { stdout } = await run('curl', ['--silent', '--show-error', '--header', `X-Vault-Token: ${f.hub.adminToken}`, ...args], { maxBuffer: 1 << 20 });
  return stdout
    .split(marker)
    .slice(0, -1)
    .map((chunk) => {
      const lines = chunk.split('\n');
      const meta = lines.pop()!;
      const text = lines.join('\n');
      const [status, connects] = meta.split(' ').map(Number);
      return { status: status!, connects: connects!, body: text ? JSON.parse(text) : null };
    });
}
const W = ['--write-out', '\n%{http_code} %{num_connects}\n@@duohub@@'];

async function clearMethods(): Promise<void> {
  const listed = await f.vault('GET', `${BASE}?list=true`);
  for (const id of listed.body?.data?.keys ?? []) expect((await f.vault('DELETE', `${BASE}/${id}`)).status).toBe(204);
}

describe("Vault's documented curl requests against the served hub", () => {
  it('create, read, update, LIST and delete, exactly as the docs send them', async () => {
    await clearMethods();
    const payload = path.join(dir, 'payload.json');
    await writeFile(payload, JSON.stringify({ ...f.methodBody(), username_format: '{{identity.entity.name}}', push_info: 'from=loginapp', use_passcode: 'false' }));
    const [created] = await curl([...W, '--request', 'POST', '--data', `@${payload}`, `${f.hub.url}${BASE}`]);
    expect(created!.status).toBe(200);
    expect(created!.body.data.method_id).toMatch(UUID);
    const id = created!.body.data.method_id as string;

    const [read] = await curl([...W, '--request', 'GET', `${f.hub.url}${BASE}/${id}`]);
    expect(read!.status).toBe(200);
    expect(read!.body.data).toMatchObject({ id, type: 'duo', pushinfo: 'from=loginapp', use_passcode: false });

    const update = path.join(dir, 'update.json');
    await writeFile(update, JSON.stringify({ push_info: 'from=vault', use_passcode: 'True' }));
    const [updated] = await curl([...W, '--request', 'POST', '--data', `@${update}`, `${f.hub.url}${BASE}/${id}`]);
    expect(updated!.status).toBe(200);

    const [listed] = await curl([...W, '--request', 'LIST', `${f.hub.url}${BASE}`]);
    expect(listed!.status).toBe(200);
    expect(listed!.body.data.keys).toEqual([id]);
    expect(listed!.body.data.key_info[id]).toMatchObject({ pushinfo: 'from=vault', use_passcode: true });
    expect(JSON.stringify(listed!.body)).not.toContain(f.emu.sets.auth.secret_key);

    const [deleted] = await curl([...W, '--request', 'DELETE', `${f.hub.url}${BASE}/${id}`]);
    expect(deleted!.status).toBe(204);
    // An empty LIST is Vault's 404 with an empty error list; so is a read of an id that is gone.
    const [empty] = await curl([...W, '--request', 'LIST', `${f.hub.url}${BASE}`]);
    expect(empty).toMatchObject({ status: 404, body: { errors: [] } });
    const [gone] = await curl([...W, '--request', 'GET', `${f.hub.url}${BASE}/${id}`]);
    expect(gone).toMatchObject({ status: 404, body: { errors: [] } });
  });

  it('keeps one connection alive while LIST alternates with GET, POST and DELETE', async () => {
    await clearMethods();
    const payload = path.join(dir, 'keepalive.json');
    await writeFile(payload, JSON.stringify(f.methodBody({ method_name: 'kept-alive' })));
    const url = `${f.hub.url}${BASE}`;
    const answers = await curl([
      ...W, '--request', 'LIST', url,
      '--next', ...W, '--header', `X-Vault-Token: ${f.hub.adminToken}`, '--request', 'POST', '--data', `@${payload}`, url,
      '--next', ...W, '--header', `X-Vault-Token: ${f.hub.adminToken}`, '--request', 'LIST', url,
      '--next', ...W, '--header', `X-Vault-Token: ${f.hub.adminToken}`, '--request', 'GET', `${url}?list=True`,
      '--next', ...W, '--header', `X-Vault-Token: ${f.hub.adminToken}`, '--request', 'LIST', url,
    ]);
    expect(answers.map((a) => a.status)).toEqual([404, 200, 200, 200, 200]);
    // curl opened one connection for the first transfer and reused it for the other four.
    expect(answers.map((a) => a.connects)).toEqual([1, 0, 0, 0, 0]);
    const id = answers[1]!.body.data.method_id;
    expect(answers[2]!.body.data.keys).toEqual([id]);
    expect(answers[3]!.body.data.keys).toEqual([id]);
  });
});

describe('LIST through a keep-alive agent and on a raw socket', () => {
  it('Node http.Agent: one socket carries GET, LIST, POST, LIST, DELETE, LIST', async () => {
    await clearMethods();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const call = (method: string, p: string, body?: unknown) =>
      new Promise<{ status: number; body: any; reused: boolean; port: number }>((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const req = http.request(`${f.hub.url}${p}`, {
          method,
          agent,
          headers: { 'x-vault-token': f.hub.adminToken, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
        });
        req.on('response', (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null, reused: req.reusedSocket, port: req.socket!.localPort! }));
        });
        req.on('error', reject);
        req.end(payload);
      });
    try {
      const first = await call('GET', `${BASE}?list=t`);
      expect(first.status).toBe(404);
      const list1 = await call('LIST', BASE);
      const created = await call('POST', BASE, f.methodBody({ method_name: 'agent' }));
      const list2 = await call('LIST', BASE);
      const removed = await call('DELETE', `${BASE}/${created.body.data.method_id}`);
      const list3 = await call('LIST', BASE);
      expect([list1.status, created.status, list2.status, removed.status, list3.status]).toEqual([404, 200, 200, 204, 404]);
      expect(list2.body.data.keys).toEqual([created.body.data.method_id]);
      for (const a of [list1, created, list2, removed, list3]) {
        expect(a.reused).toBe(true);
        expect(a.port).toBe(first.port);
      }
    } finally {
      agent.destroy();
    }
  });

  it('answers pipelined requests in order around a LIST, and LIST after a body on the same socket', async () => {
    await clearMethods();
    const created = await f.vault('POST', BASE, f.methodBody({ method_name: 'pipelined' }));
    const id = created.body.data.method_id;
    const host = new URL(f.hub.url).host;
    const token = f.hub.adminToken;
    const update = JSON.stringify({ push_info: 'a=b' });
    const text = await rawExchange(
      `GET ${BASE}/${id} HTTP/1.1\r\nHost: ${host}\r\nX-Vault-Token: ${token}\r\n\r\n` +
        `LIST ${BASE} HTTP/1.1\r\nHost: ${host}\r\nX-Vault-Token: ${token}\r\n\r\n` +
        `POST ${BASE}/${id} HTTP/1.1\r\nHost: ${host}\r\nX-Vault-Token: ${token}\r\nContent-Type: application/json\r\nContent-Length: ${update.length}\r\n\r\n${update}` +
        `LIST ${BASE} HTTP/1.1\r\nHost: ${host}\r\nX-Vault-Token: ${token}\r\nConnection: close\r\n\r\n`,
    );
    // Answers follow each other directly (a body ends without a newline).
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(text.match(/"keys":\["[^"]+"\]/g)).toEqual([`"keys":["${id}"]`, `"keys":["${id}"]`]);
  });

  it("does not loosen parsing: other unknown methods, LIST with a chunked body, LISTEN and a folded header get Node's 400 and a closed connection", async () => {
    const host = new URL(f.hub.url).host;
    for (const request of [
      `FOO ${BASE} HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
      `LISTEN ${BASE} HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
      `LIST ${BASE} HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      `LIST ${BASE} HTTP/1.1\r\nHost: ${host}\r\nX-Vault-Token: a\r\n  folded\r\n\r\n`,
      `LIST ${BASE} HTTP/1.1\r\n\r\n`,
      `LIST ${BASE} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab`,
      `LIST ${BASE}  HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
    ]) {
      const text = await rawExchange(request);
      expect(text, request).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(text, request).toMatch(/\r\nConnection: close\r\n/i);
    }
  });

  it('a LIST whose head arrives in pieces is still answered', async () => {
    const host = new URL(f.hub.url).host;
    const pieces = [`LIS`, `T ${BASE} HTTP/1.1\r\nHo`, `st: ${host}\r\nX-Vault-Token: ${f.hub.adminToken}\r\nConnection: close\r\n`, `\r\n`];
    const text = await rawExchange(pieces);
    expect(text).toMatch(/^HTTP\/1\.1 (200|404) /);
    expect(text).toMatch(/application\/json/);
  });
});

describe("Vault's parameter conventions and answers", () => {
  it.each(['1', 't', 'T', 'TRUE', 'true', 'True'])('?list=%s lists', async (spelling) => {
    const res = await f.vault('GET', `${BASE}?list=${spelling}`);
    expect([200, 404]).toContain(res.status);
    expect(res.body.errors ?? res.body.data.keys).toBeDefined();
  });

  it.each(['0', 'f', 'F', 'FALSE', 'false', 'False'])('?list=%s reads the collection, which Vault does not support (405)', async (spelling) => {
    expect((await f.vault('GET', `${BASE}?list=${spelling}`)).status).toBe(405);
  });

  it.each(['yes', 'tRUE', ' true', '2'])('?list=%s is a 400 naming list', async (spelling) => {
    const res = await f.vault('GET', `${BASE}?list=${encodeURIComponent(spelling)}`);
    expect(res.status).toBe(400);
    expect(res.body.errors.join('\n')).toMatch(/^list: /m);
    expect(res.headers.get('x-duohub-error-code')).toBe('validation_failed');
  });

  it('booleans in bodies take every ParseBool spelling, numbers, and an empty string; integers take strings', async () => {
    const created = await f.vault('POST', BASE, f.methodBody({ method_name: 'spellings' }));
    const id = created.body.data.method_id;
    for (const [value, expected] of [['T', true], ['F', false], ['TRUE', true], [1, true], [0, false], ['', false], [true, true]] as const) {
      const res = await f.vault('POST', `${BASE}/${id}`, { use_passcode: value });
      expect(res.status, `${JSON.stringify(value)}: ${res.text}`).toBe(200);
      expect((await f.vault('GET', `${BASE}/${id}`)).body.data.use_passcode).toBe(expected);
    }
    const bad = await f.vault('POST', `${BASE}/${id}`, { use_passcode: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.join('\n')).toMatch(/use_passcode: /);

    expect((await f.vault('POST', `${BASE}/${id}`, { push_limit: '5', cooldown_seconds: '60' })).status).toBe(200);
    expect((await f.vault('GET', `${BASE}/${id}`)).body.data).toMatchObject({ push_limit: 5, cooldown_seconds: 60 });
    const notInt = await f.vault('POST', `${BASE}/${id}`, { push_limit: '5.5' });
    expect(notInt.status).toBe(400);
    expect(notInt.body.errors.join('\n')).toMatch(/push_limit: /);
    expect((await f.vault('DELETE', `${BASE}/${id}`)).status).toBe(204);
  });

  it('a bad, unknown or missing token is 403 "permission denied", word for word, on every verb', async () => {
    const host = new URL(f.hub.url).host;
    for (const token of [null, 'dh_unknown', 'not even a token']) {
      for (const [method, p] of [['GET', `${BASE}?list=true`], ['POST', BASE], ['DELETE', `${BASE}/3a0c4f0e-1b2c-4d5e-8f90-a1b2c3d4e5f6`]] as const) {
        const res = await f.vault(method, p, method === 'POST' ? {} : undefined, token);
        expect(res.status).toBe(403);
        expect(res.body).toEqual({ errors: ['permission denied'] });
      }
      const listed = await rawExchange(`LIST ${BASE} HTTP/1.1\r\nHost: ${host}\r\n${token ? `X-Vault-Token: ${token}\r\n` : ''}Connection: close\r\n\r\n`);
      expect(listed).toMatch(/^HTTP\/1\.1 403 /);
      expect(listed).toContain('{"errors":["permission denied"]}');
    }
  });

  it('the LIST verb has the access of GET ?list=true: read scope, and no token limited to organizations', async () => {
    const host = new URL(f.hub.url).host;
    const org = await f.hub.api('POST', '/api/organizations', { body: { name: 'List Access Org' } });
    const token = async (body: Record<string, unknown>) => (await f.hub.api('POST', '/api/tokens', { body: { name: 'list access', ...body } })).body.token as string;
    const reader = await token({ scopes: ['read'] });
    const limited = await token({ scopes: ['admin'], organization_ids: [org.body.id] });
    const list = (t: string) => rawExchange(`LIST ${BASE} HTTP/1.1\r\nHost: ${host}\r\nX-Vault-Token: ${t}\r\nConnection: close\r\n\r\n`);
    expect(await list(reader)).toMatch(/^HTTP\/1\.1 (200|404) /);
    const refused = await list(limited);
    expect(refused).toMatch(/^HTTP\/1\.1 403 /);
    expect(refused).toMatch(/x-duohub-error-code: forbidden/i);
  });

  it('an unknown id reads as 404 with no errors; deleting one is a 204, as in Vault; a malformed body is a 400', async () => {
    const unknown = '3a0c4f0e-1b2c-4d5e-8f90-a1b2c3d4e5f6';
    expect(await f.vault('GET', `${BASE}/${unknown}`)).toMatchObject({ status: 404, body: { errors: [] } });
    expect((await f.vault('DELETE', `${BASE}/${unknown}`)).status).toBe(204);
    const audit = await f.hub.api('GET', `/api/audit?action=mfa_methods.delete`);
    expect(audit.body.items.find((i: any) => i.target_id === unknown)).toMatchObject({ outcome: 'success', inputs: { found: false } });

    const malformed = await f.hub.api('POST', BASE, { token: null, rawBody: '{"push_info": "a=b",', headers: { 'x-vault-token': f.hub.adminToken, 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ errors: [expect.stringMatching(/^failed to parse JSON input: /)] });
    expect(malformed.headers.get('x-duohub-error-code')).toBe('malformed_body');
  });
});

describe.skipIf(Boolean(hvacMissing))("Vault's Python client (Debian's python3-hvac) against the served hub", () => {
  it.runIf(Boolean(process.env['CI']))('python3-hvac is installed in CI', () => {
    expect(hvacMissing).toBeUndefined();
  });

  it('write, list (GET ?list=True, the LIST verb, strict HTTP), read, update and delete', async () => {
    await clearMethods();
    const script = `
import json, os, sys, hvac
url, token, body = os.environ['HUB_URL'], os.environ['HUB_TOKEN'], json.loads(os.environ['METHOD_BODY'])
client = hvac.Client(url=url, token=token)
out = {}
out['empty_list'] = client.list('identity/mfa/method/duo')
created = client.write('identity/mfa/method/duo', **body)
mid = created['data']['method_id']
out['method_id'] = mid
out['list'] = client.list('identity/mfa/method/duo')['data']['keys']
out['list_verb'] = client.adapter.list('/v1/identity/mfa/method/duo')['data']['keys']
strict = hvac.Client(url=url, token=token, strict_http=True)
out['list_strict'] = strict.adapter.list('/v1/identity/mfa/method/duo')['data']['keys']
out['read'] = client.read('identity/mfa/method/duo/' + mid)['data']
client.write('identity/mfa/method/duo/' + mid, push_info='from=hvac', use_passcode=True)
out['updated'] = client.read('identity/mfa/method/duo/' + mid)['data']
client.delete('identity/mfa/method/duo/' + mid)
out['after_delete'] = client.read('identity/mfa/method/duo/' + mid)
try:
    hvac.Client(url=url, token='dh_wrong').list('identity/mfa/method/duo')
    out['forbidden'] = None
except hvac.exceptions.Forbidden as e:
    out['forbidden'] = e.errors
print(json.dumps(out))
`;
    const body = f.methodBody({ method_name: 'from-hvac', username_format: '{{identity.entity.name}}' });
    const { stdout } = await run(PYTHON, ['-c', script], {
      env: { PATH: process.env.PATH, HUB_URL: f.hub.url, HUB_TOKEN: f.hub.adminToken, METHOD_BODY: JSON.stringify(body) },
    });
    const out = JSON.parse(stdout);
    expect(out.empty_list).toBeNull();
    expect(out.method_id).toMatch(UUID);
    for (const keys of [out.list, out.list_verb, out.list_strict]) expect(keys).toEqual([out.method_id]);
    expect(out.read).toMatchObject({ id: out.method_id, method_name: 'from-hvac', type: 'duo' });
    expect(out.read).not.toHaveProperty('secret_key');
    expect(out.updated).toMatchObject({ pushinfo: 'from=hvac', use_passcode: true });
    expect(out.after_delete).toBeNull();
    expect(out.forbidden).toEqual(['permission denied']);
  });
});

/** Writes `request` (or pieces of it, a little apart) on a fresh socket and returns all it gets back until the server closes. */
function rawExchange(request: string | string[]): Promise<string> {
  const { hostname, port } = new URL(f.hub.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => (text += d));
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no close after ${JSON.stringify(request).slice(0, 80)}: ${text.slice(0, 200)}`)));
    const pieces = typeof request === 'string' ? [request] : request;
    let i = 0;
    const next = () => {
      const piece = pieces[i++];
      if (piece === undefined) return;
      socket.write(piece);
      setTimeout(next, 30);
    };
    socket.on('connect', next);
  });
}
