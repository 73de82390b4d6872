import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { DuoAdminClient, DuoAuthClient, DuoConnectionError, DuoTimeoutError, NodeTransport, type DuoClientOptions, type RetryInfo } from '../../src/index.js';
import { CREDS } from '../support/fake-duo.js';
import { sendOk, startProxy, startServer } from '../support/local-server.js';

const TLS = {
  cert: readFileSync(new URL('../fixtures/tls/cert.pem', import.meta.url), 'utf8'),
  key: readFileSync(new URL('../fixtures/tls/key.pem', import.meta.url), 'utf8'),
};

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

function client(options: Partial<DuoClientOptions>) {
  const admin = new DuoAdminClient({ ...CREDS, pacing: false, ...options });
  cleanup.push(() => admin.close());
  return admin;
}

async function server(handler: Parameters<typeof startServer>[0], tls?: typeof TLS) {
  const s = await startServer(handler, tls);
  cleanup.push(() => s.close());
  return s;
}

describe('node transport over a real port', () => {
  it.each([
    [undefined, ['b', 'a']],
    [1, ['a', 'b']],
  ])('with maxBodiesReading=%s, answers finish in the order %j', async (maxBodiesReading, order) => {
    // /a sends its headers and half its body, then holds the rest until /b has been answered in full.
    let finishA = () => {};
    const s = await server((seen, _req, res) => {
      const body = JSON.stringify({ stat: 'OK', response: { path: seen.path } });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
      if (seen.path.endsWith('/a')) {
        res.write(body.slice(0, 10));
        finishA = () => res.end(body.slice(10));
      } else {
        res.end(body);
        setTimeout(() => finishA(), 50);
      }
    });
    const admin = client({ baseUrl: s.url, ...(maxBodiesReading ? { maxBodiesReading } : {}) });
    const finished: string[] = [];
    const a = admin.request('GET', '/admin/v1/a').then(() => finished.push('a'));
    await new Promise((r) => setTimeout(r, 50));
    const b = admin.request('GET', '/admin/v1/b').then(() => finished.push('b'));
    await Promise.all([a, b]);
    // Gated to one body at a time, /b's complete answer waits paused until /a's body is read.
    expect(finished).toEqual(order);
  });

  it('tells when the answer begins to arrive (onResponse), before its body has', async () => {
    const s = await server((_seen, _req, res) => {
      const body = JSON.stringify({ stat: 'OK', response: {} });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
      res.write(body.slice(0, 5));
      setTimeout(() => res.end(body.slice(5)), 150);
    });
    const transport = new NodeTransport();
    cleanup.push(() => transport.close());
    let headersAt: number | undefined;
    let calls = 0;
    const answer = await transport.send({
      method: 'GET',
      url: `${s.url}/admin/v1/settings`,
      headers: {},
      body: undefined,
      timeoutMs: 5000,
      signal: undefined,
      describe: { method: 'GET', host: 'h', path: '/admin/v1/settings' },
      secrets: [],
      onResponse: () => {
        headersAt = performance.now();
        calls += 1;
      },
    });
    const bodyAt = performance.now();
    expect(answer.status).toBe(200);
    expect(calls).toBe(1);
    expect(bodyAt - headersAt!).toBeGreaterThanOrEqual(100);
  });

  it('a paused answer that waits for its turn does not time out meanwhile', async () => {
    let finishA = () => {};
    const s = await server((seen, _req, res) => {
      const body = JSON.stringify({ stat: 'OK', response: {} });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
      if (seen.path.endsWith('/a')) {
        res.write(body.slice(0, 5));
        finishA = () => res.end(body.slice(5));
      } else {
        res.end(body);
        setTimeout(() => finishA(), 400);
      }
    });
    const admin = client({ baseUrl: s.url, maxBodiesReading: 1, retry: false });
    const a = admin.request('GET', '/admin/v1/a', undefined, { timeoutMs: 2000 });
    await new Promise((r) => setTimeout(r, 20));
    const b = admin.request('GET', '/admin/v1/b', undefined, { timeoutMs: 300 });
    // /b's answer arrives at once but waits 400 ms for /a's body, past its 300 ms timeout: the wait is this
    // process's own, so /b's clock restarts at its turn.
    await expect(Promise.all([a, b])).resolves.toHaveLength(2);
  });

  it('reads bodies that arrive in pieces: JSON split inside a character, chunked JSON, and bytes', async () => {
    const json = Buffer.from(JSON.stringify({ stat: 'OK', response: { realname: 'Zoé Ångström', pad: 'x'.repeat(100_000) } }), 'utf8');
    const cut = json.indexOf(0xc3) + 1; // inside the two bytes of "é"
    const png = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 256));
    const later = () => new Promise((r) => setTimeout(r, 20));
    const s = await server(async (seen, _req, res) => {
      if (seen.path.endsWith('/logo')) {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) });
        res.write(png.subarray(0, 1000));
        await later();
        res.end(png.subarray(1000));
        return;
      }
      const chunked = seen.path.endsWith('/chunked');
      res.writeHead(200, { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': String(json.length) }) });
      res.write(json.subarray(0, cut));
      await later();
      res.end(json.subarray(cut));
    });
    const admin = client({ baseUrl: s.url });
    for (const path of ['/admin/v1/split', '/admin/v1/chunked']) {
      const res = await admin.request('GET', path);
      expect(res.response).toEqual({ realname: 'Zoé Ångström', pad: 'x'.repeat(100_000) });
    }
    const logo = await admin.request('GET', '/admin/v1/logo');
    expect(logo.contentType).toBe('image/png');
    expect(Buffer.compare(logo.response as Buffer, png)).toBe(0);
  });

  it('connects to baseUrl, sends Host: <duo host>, and the signature verifies there', async () => {
    const s = await server((seen, _req, res) => sendOk(res, { host: seen.host }));
    const admin = client({ baseUrl: s.url });
    const res = await admin.request('POST', '/admin/v1/users', { username: 'a' });
    expect(res.response).toEqual({ host: CREDS.host });
    expect(s.seen[0]!.signatureValid).toBe(true);
    expect(s.seen[0]!.headers['content-length']).toBe(String(Buffer.byteLength('{"username":"a"}')));
  });

  it('reuses one connection with keep-alive; opens one per request without it', async () => {
    const s = await server((_seen, _req, res) => sendOk(res, {}));
    const pooled = client({ baseUrl: s.url });
    for (let i = 0; i < 10; i++) await pooled.settings.get();
    expect(s.connections()).toBe(1);
    const fresh = client({ baseUrl: s.url, keepAlive: false });
    for (let i = 0; i < 10; i++) await fresh.settings.get();
    expect(s.connections()).toBe(11);
  });

  it.each([
    ['two Duo hosts', 2, ['api-aaaaaaaa.duosecurity.com', 'api-bbbbbbbb.duosecurity.com']],
    ['one Duo host', 1, ['api-aaaaaaaa.duosecurity.com', 'api-aaaaaaaa.duosecurity.com']],
  ])('through one custom origin, pools connections per Duo host (%s: %i at once, maxSockets 1)', async (_name, atOnce, hosts) => {
    // Each request is held until a second one arrives (or 150 ms pass): requests that draw on
    // separate pools are both in at once; two that share one socket can only come one after another.
    const held: Array<() => void> = [];
    let most = 0;
    const s = await server((seen, _req, res) => {
      const answer = () => sendOk(res, { host: seen.host });
      held.push(answer);
      most = Math.max(most, held.length);
      if (held.length === 2) held.splice(0).forEach((f) => f());
      else setTimeout(() => held.includes(answer) && held.splice(held.indexOf(answer), 1)[0]!(), 150);
    });
    const transport = new NodeTransport({ maxSockets: 1 });
    cleanup.push(() => transport.close());
    const answers = await Promise.all(hosts.map((host) => client({ host, baseUrl: s.url, transport }).settings.get()));
    expect(answers.map((a) => (a as unknown as { host: string }).host)).toEqual(hosts);
    expect(most).toBe(atOnce);
    expect(s.connections()).toBe(atOnce);
    expect(s.seen.every((r) => r.signatureValid)).toBe(true);
  });

  it('times out a request that gets no answer, after it was sent', async () => {
    const s = await server(() => {});
    const admin = client({ baseUrl: s.url, timeoutMs: 100, retry: false });
    const error = await admin.settings.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuoTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100, sent: true, request: { method: 'GET', host: CREDS.host, path: '/admin/v1/settings' } });
  });

  it('aborts with the signal reason', async () => {
    const s = await server(() => {});
    const admin = client({ baseUrl: s.url });
    const controller = new AbortController();
    const pending = admin.settings.get({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user cancelled')), 20);
    await expect(pending).rejects.toThrow('user cancelled');
  });

  it('retries a refused connection even for a create (nothing was sent)', async () => {
    const s = await server(() => {});
    const url = s.url;
    await s.close();
    const retries: RetryInfo[] = [];
    const admin = client({ baseUrl: url, retry: { maxAttempts: 3, sleep: async () => {} }, onRetry: (i) => retries.push(i) });
    const error = await admin.users.create({ username: 'a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuoConnectionError);
    expect(error).toMatchObject({ failure: 'refused', sent: false });
    expect(retries.map((r) => r.reason)).toEqual(['not_sent', 'not_sent']);
  });

  it('does not resend a create after a reset, but retries a read', async () => {
    const s = await server((_seen, req) => req.socket.destroy());
    const admin = client({ baseUrl: s.url, retry: { maxAttempts: 3, sleep: async () => {} } });
    const error = await admin.users.create({ username: 'a' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DuoConnectionError', failure: 'reset', sent: true });
    expect(s.seen).toHaveLength(1);
    await expect(admin.users.get('DU1')).rejects.toBeInstanceOf(DuoConnectionError);
    expect(s.seen).toHaveLength(4);
  });

  it('reports an answer cut off mid-body as a reset after sending', async () => {
    const s = await server((_seen, req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"stat":"OK","resp');
      setTimeout(() => req.socket.destroy(), 10);
    });
    const admin = client({ baseUrl: s.url, retry: false });
    await expect(admin.users.create({ username: 'a' })).rejects.toMatchObject({ name: 'DuoConnectionError', failure: 'reset', sent: true });
  });

  it('trusts a custom CA; without it the TLS failure is reported and not retried', async () => {
    const s = await server((seen, _req, res) => sendOk(res, { host: seen.host }), TLS);
    const trusted = client({ baseUrl: s.url, ca: TLS.cert });
    expect((await trusted.request('GET', '/auth/v2/check')).response).toEqual({ host: CREDS.host });
    const untrusted = client({ baseUrl: s.url, retry: { sleep: async () => {} } });
    const error = await untrusted.settings.get().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DuoConnectionError', failure: 'tls', sent: false });
    expect(s.seen).toHaveLength(1);
  });

  it('tunnels through a CONNECT proxy, reusing the tunnel, with proxy credentials kept out of errors', async () => {
    const s = await server((_seen, _req, res) => sendOk(res, {}));
    const proxy = await startProxy({ requireAuth: 'alice:s3cret-proxy' });
    cleanup.push(() => proxy.close());
    const admin = client({ baseUrl: s.url, proxy: `http://alice:s3cret-proxy@127.0.0.1:${proxy.port}` });
    for (let i = 0; i < 5; i++) await admin.settings.get();
    expect(proxy.tunnels).toEqual([`127.0.0.1:${s.port}`]);
    expect(s.seen.every((seen) => seen.signatureValid && seen.host === CREDS.host)).toBe(true);

    const denied = client({ baseUrl: s.url, proxy: `http://alice:wrong-pass@127.0.0.1:${proxy.port}`, retry: { sleep: async () => {} } });
    const error = await denied.settings.get().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DuoConnectionError', failure: 'proxy', sent: false });
    expect(inspect(error, { depth: 10 }) + JSON.stringify(error)).not.toContain('wrong-pass');
    expect(proxy.authHeaders).toHaveLength(2);
  });

  it('tunnels TLS through the proxy and verifies the target certificate', async () => {
    const s = await server((_seen, _req, res) => sendOk(res, { ok: true }), TLS);
    const proxy = await startProxy();
    cleanup.push(() => proxy.close());
    const auth = new DuoAuthClient({ ...CREDS, pacing: false, baseUrl: s.url, ca: TLS.cert, proxy: `http://127.0.0.1:${proxy.port}` });
    cleanup.push(() => auth.close());
    expect(await auth.check()).toEqual({ ok: true });
    await auth.check();
    expect(proxy.tunnels).toHaveLength(1);
  });
});
