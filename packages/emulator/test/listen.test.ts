import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, defineRoute, ok, type ListeningServer } from '../src/index.js';
import { duoCall, parentKey } from './helpers/duo-call.js';

const emu = createEmulator({ unknownHosts: 'reject' });
let server: ListeningServer;
const admin = parentKey(emu, 'admin');

beforeAll(async () => {
  server = await emu.listen({ port: 0 });
});
afterAll(async () => {
  await emu.close();
});

/** Signed over the port; the Host header (127.0.0.1:port) is what gets signed, as python's client does. */
const overPort = (method: string, path: string, params: Record<string, string | number | boolean> = {}, sigVersion: 2 | 5 = 5) =>
  duoCall(fetch, { ...admin, api_hostname: '127.0.0.1' }, method, path, params, { baseUrl: server.url, sigVersion });

describe('over a real port', () => {
  it('listens on a free port and reports its URL', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('signed v5 JSON POST and GET round-trip', async () => {
    const created = await overPort('POST', '/admin/v1/users', { username: 'port-user', realname: 'P U' });
    expect(created.status).toBe(200);
    expect(created.headers.get('content-type')).toBe('application/json');
    const listed = await overPort('GET', '/admin/v1/users', { username: 'port-user' });
    expect(listed.body.response[0].realname).toBe('P U');
  });

  it('signed v2 form POST', async () => {
    const res = await overPort('POST', '/admin/v1/users', { username: 'form user' }, 2);
    expect(res.status).toBe(200);
    expect(res.body.response.username).toBe('form user');
  });

  it('a client signing its api_hostname while connecting to 127.0.0.1 is accepted', async () => {
    const res = await duoCall(fetch, admin, 'GET', '/admin/v1/settings', {}, { baseUrl: server.url });
    expect(res.status).toBe(200);
  });

  it('the Host header decides the account; an unknown hostname gets a plain-text 404 in reject mode', async () => {
    const raw = (host: string) =>
      new Promise<{ status: number; type: string | undefined }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: server.port, path: '/admin/v1/users', headers: { host } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] }));
        });
        req.on('error', reject);
        req.end();
      });
    expect(await raw('api-nothere.duosecurity.com')).toEqual({ status: 404, type: 'text/plain' });
    expect(await raw(`${emu.state.accounts[emu.state.parent_account_id]!.api_hostname}:${server.port}`)).toEqual({ status: 401, type: 'application/json' });
  });

  it('malformed JSON over the port -> 400/40002, and the server keeps serving', async () => {
    const bad = await duoCall(fetch, { ...admin, api_hostname: '127.0.0.1' }, 'POST', '/admin/v1/users', {}, {
      baseUrl: server.url,
      rawBody: '{"username"',
      contentType: 'application/json',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(40002);
    expect((await overPort('GET', '/admin/v1/users')).status).toBe(200);
  });

  it('a reset destroys the socket: the client sees a network error, not an answer', async () => {
    emu.use(defineRoute({ method: 'GET', pattern: '/admin/v1/flaky', api: 'admin', endpointClass: 'admin_get_one', handle: () => ok('never') }));
    emu.configure({ faults: [{ path: '/admin/v1/flaky', resetRate: 1 }] });
    await expect(overPort('GET', '/admin/v1/flaky')).rejects.toThrow(TypeError);
    emu.configure({ faults: [] });
    expect((await overPort('GET', '/admin/v1/flaky')).body.response).toBe('never');
    emu.resetHandlers();
  });

  it('an after-fault reset still runs the handler (an ambiguous failure)', async () => {
    emu.configure({ faults: [{ path: '/admin/v1/users', resetRate: 1, when: 'after' }] });
    await expect(overPort('POST', '/admin/v1/users', { username: 'ghost' })).rejects.toThrow();
    emu.configure({ faults: [] });
    const found = await overPort('GET', '/admin/v1/users', { username: 'ghost' });
    expect(found.body.response).toHaveLength(1);
  });

  it('keeps connections alive between requests', async () => {
    const sockets = new Set<unknown>();
    const get = () =>
      new Promise<void>((resolve, reject) => {
        const req = httpRequest(`${server.url}/__emulator/stats`, { agent }, (res) => {
          sockets.add(req.socket);
          res.resume();
          res.on('end', () => resolve());
        });
        req.on('error', reject);
        req.end();
      });
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    await get();
    await get();
    agent.destroy();
    expect(sockets.size).toBe(1);
  });

  it('serves the inspection surface', async () => {
    const res = await fetch(`${server.url}/__emulator/credentials`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { accounts: unknown[] }).accounts).toHaveLength(1);
  });

  it('close() frees the port', async () => {
    const other = createEmulator();
    const s = await other.listen({ port: 0 });
    await s.close();
    await expect(fetch(`${s.url}/__emulator/stats`)).rejects.toThrow();
  });
});
