import { signRequest } from '@duohub/sdk';
import { describe, expect, it } from 'vitest';
import { createEmulator, defineRoute, DuoFailure, fail, newIntegration, ok, wrapRoute, type Emulator } from '../src/index.js';
import { createRandom } from '../src/random.js';
import { bind, duoCall, parentKey } from './helpers/duo-call.js';
import { signed } from './helpers/sign.js';

/** An emulator with one child account that has its own Admin API integration. */
async function withChild() {
  const emu = createEmulator();
  const accounts = bind(emu, parentKey(emu, 'accounts'));
  const created = await accounts('POST', '/accounts/v1/account/create', { name: 'Child A' });
  const child = emu.state.accounts[created.body.response.account_id]!;
  const childAdmin = newIntegration('admin', 'Child Admin', createRandom(99));
  child.integrations[childAdmin.integration_key] = childAdmin;
  return { emu, child, childAdmin: { ...childAdmin, api_hostname: child.api_hostname } };
}

describe('routing', () => {
  const emu = createEmulator();
  const admin = bind(emu, parentKey(emu, 'admin'));

  it('unknown path -> 404/40401 in a Duo body', async () => {
    const res = await admin('GET', '/admin/v1/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ stat: 'FAIL', code: 40401, message: 'Resource not found' });
  });

  it('known path, wrong method -> 405/40501', async () => {
    const res = await admin('PUT', '/admin/v1/users');
    expect(res.status).toBe(405);
    expect(res.body).toMatchObject({ stat: 'FAIL', code: 40501, message: 'Method not allowed' });
  });

  it('an empty query (python v5 sends path?) routes like no query', async () => {
    const req = signed(parentKey(emu, 'admin'), 'GET', '/admin/v1/users');
    const res = await emu.fetch(new Request(req.url + '?', req));
    expect(res.status).toBe(200);
  });

  it('fetch also takes (url, init) like the global fetch', async () => {
    const req = signed(parentKey(emu, 'admin'), 'GET', '/admin/v1/users');
    const res = await emu.fetch(req.url, { headers: req.headers });
    expect(res.status).toBe(200);
  });
});

describe('credentials', () => {
  const emu = createEmulator();
  const admin = parentKey(emu, 'admin');

  it('no Authorization -> 401/40101', async () => {
    const res = await emu.fetch(new Request(`https://${admin.api_hostname}/admin/v1/users`));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ stat: 'FAIL', code: 40101, message: 'Missing request credentials' });
  });

  it('unknown integration key -> 401/40102', async () => {
    const res = await duoCall(emu, { ...admin, integration_key: 'DIUNKNOWNUNKNOWN0000' }, 'GET', '/admin/v1/users');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(40102);
  });

  it('wrong secret -> 401/40103, and the secret appears nowhere in the answer', async () => {
    const wrong = 'W'.repeat(40);
    const res = await duoCall(emu, { ...admin, secret_key: wrong }, 'GET', '/admin/v1/users');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ stat: 'FAIL', code: 40103, message: 'Invalid signature in request credentials' });
    expect(JSON.stringify(res.body)).not.toContain(admin.secret_key);
  });

  it('stale date -> 40103; a wider clockSkewSec accepts it', async () => {
    const old = new Date(Date.now() - 600_000);
    expect((await duoCall(emu, admin, 'GET', '/admin/v1/users', {}, { date: old })).body.code).toBe(40103);
    emu.configure({ clockSkewSec: 900 });
    expect((await duoCall(emu, admin, 'GET', '/admin/v1/users', {}, { date: old })).status).toBe(200);
    emu.configure({ clockSkewSec: 300 });
  });

  it('X-Duo-Date instead of Date', async () => {
    expect((await duoCall(emu, admin, 'GET', '/admin/v1/users', { limit: 1 }, { dateHeader: 'X-Duo-Date' })).status).toBe(200);
    expect((await duoCall(emu, admin, 'POST', '/admin/v1/users', { username: 'xd' }, { sigVersion: 2, dateHeader: 'X-Duo-Date' })).status).toBe(200);
  });

  it('SHA-1 v2 is accepted unless rejectSha1', async () => {
    const strict = createEmulator({ rejectSha1: true });
    const sha1 = { sigVersion: 2, digest: 'sha1' } as const;
    expect((await duoCall(emu, admin, 'GET', '/admin/v1/users', {}, sha1)).status).toBe(200);
    const res = await duoCall(strict, parentKey(strict, 'admin'), 'GET', '/admin/v1/users', {}, sha1);
    expect(res.body.code).toBe(40103);
    strict.configure({ rejectSha1: false });
    expect((await duoCall(strict, parentKey(strict, 'admin'), 'GET', '/admin/v1/users', {}, sha1)).status).toBe(200);
  });

  it('params in the query of a v5 POST (as the Postman collection sends them)', async () => {
    const res = await duoCall(emu, admin, 'POST', '/admin/v1/users', { username: 'postman' }, { bodyStyle: 'query' });
    expect(res.status).toBe(200);
    expect(res.body.response.username).toBe('postman');
  });

  it('params signed in the v2 line but sent as a JSON body -> 40103', async () => {
    const sig = signRequest({ method: 'POST', host: admin.api_hostname, path: '/admin/v1/users', params: { username: 'mixed' }, date: new Date(), ikey: admin.integration_key, skey: admin.secret_key, sigVersion: 2 });
    const res = await emu.fetch(
      new Request(`https://${admin.api_hostname}/admin/v1/users`, {
        method: 'POST',
        headers: { ...sig.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'mixed' }),
      }),
    );
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: number }).code).toBe(40103);
  });
});

describe('integration types and grants', () => {
  const emu = createEmulator();

  it('Auth API keys on an Admin route -> 403/40301 wrong integration type', async () => {
    const res = await duoCall(emu, parentKey(emu, 'auth'), 'GET', '/admin/v1/users');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      stat: 'FAIL',
      code: 40301,
      message: 'Access forbidden',
      message_detail: 'Wrong integration type for this API.',
    });
  });

  it('Admin keys on an Accounts route -> 403/40301', async () => {
    const res = await duoCall(emu, parentKey(emu, 'admin'), 'POST', '/accounts/v1/account/list');
    expect(res.status).toBe(403);
    expect(res.body.message_detail).toBe('Wrong integration type for this API.');
  });

  it('Admin keys on an Auth route -> 403/40301', async () => {
    emu.use(defineRoute({ method: 'GET', pattern: '/auth/v2/test-only', api: 'auth', endpointClass: 'auth', handle: () => ok('auth') }));
    const res = await duoCall(emu, parentKey(emu, 'admin'), 'GET', '/auth/v2/test-only');
    expect(res.body.code).toBe(40301);
    expect((await duoCall(emu, parentKey(emu, 'auth'), 'GET', '/auth/v2/test-only')).body.response).toBe('auth');
    emu.resetHandlers();
  });

  it('Accounts API keys on a parent Admin route without account_id -> 40301', async () => {
    const res = await duoCall(emu, parentKey(emu, 'accounts'), 'GET', '/admin/v1/users');
    expect(res.body.code).toBe(40301);
  });

  it('a missing grant -> 403/40301 naming the grant', async () => {
    const admin = parentKey(emu, 'admin');
    const integration = emu.state.accounts[emu.state.parent_account_id]!.integrations[admin.integration_key]!;
    integration.grants!.write_resource = false;
    integration.grants!.settings = false;
    const write = await duoCall(emu, admin, 'POST', '/admin/v1/users', { username: 'nope' });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe(40301);
    expect(write.body.message_detail).toContain('Grant write resource');
    expect((await duoCall(emu, admin, 'GET', '/admin/v1/settings')).body.message_detail).toContain('Grant settings');
    expect((await duoCall(emu, admin, 'GET', '/admin/v1/users')).status).toBe(200);
    expect(Object.keys(emu.state.accounts[emu.state.parent_account_id]!.users)).toHaveLength(0);
  });
});

describe('child accounts', () => {
  it('parent Accounts API keys reach a child with account_id, on the child host or the parent host', async () => {
    const { emu, child } = await withChild();
    const accountsKey = parentKey(emu, 'accounts');
    const onChildHost = { ...accountsKey, api_hostname: child.api_hostname };
    const created = await duoCall(emu, onChildHost, 'POST', '/admin/v1/users', { username: 'kid', account_id: child.account_id });
    expect(created.status).toBe(200);
    expect(Object.values(child.users).map((u) => u.username)).toEqual(['kid']);
    const listed = await duoCall(emu, accountsKey, 'GET', '/admin/v1/users', { account_id: child.account_id });
    expect(listed.body.response.map((u: { username: string }) => u.username)).toEqual(['kid']);
    const parent = emu.state.accounts[emu.state.parent_account_id]!;
    expect(Object.keys(parent.users)).toHaveLength(0);
  });

  it('v2 form POSTs carry account_id in the form', async () => {
    const { emu, child } = await withChild();
    const res = await duoCall(emu, parentKey(emu, 'accounts'), 'POST', '/admin/v1/users', { username: 'v2kid', account_id: child.account_id }, { sigVersion: 2 });
    expect(res.status).toBe(200);
    expect(Object.values(child.users)[0]?.username).toBe('v2kid');
  });

  it('a child Admin API key works on its own host', async () => {
    const { emu, child, childAdmin } = await withChild();
    const res = await duoCall(emu, childAdmin, 'POST', '/admin/v1/users', { username: 'own' });
    expect(res.status).toBe(200);
    expect(Object.values(child.users)[0]?.username).toBe('own');
  });

  it("one account's keys are unknown on another account's host -> 40102", async () => {
    const { emu, child, childAdmin } = await withChild();
    const parentHost = emu.state.accounts[emu.state.parent_account_id]!.api_hostname;
    expect((await duoCall(emu, { ...childAdmin, api_hostname: parentHost }, 'GET', '/admin/v1/users')).body.code).toBe(40102);
    const parentAdmin = parentKey(emu, 'admin');
    expect((await duoCall(emu, { ...parentAdmin, api_hostname: child.api_hostname }, 'GET', '/admin/v1/users')).body.code).toBe(40102);
  });

  it('account_id of an account that is not a child -> 403/40301', async () => {
    const { emu } = await withChild();
    const accountsKey = parentKey(emu, 'accounts');
    for (const accountId of [emu.state.parent_account_id, 'DA000000000000000000']) {
      const res = await duoCall(emu, accountsKey, 'GET', '/admin/v1/users', { account_id: accountId });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe(40301);
    }
  });

  it('an Admin key may not name another account with account_id', async () => {
    const { emu, child } = await withChild();
    const res = await duoCall(emu, parentKey(emu, 'admin'), 'GET', '/admin/v1/users', { account_id: child.account_id });
    expect(res.body.code).toBe(40301);
  });
});

describe('hosts', () => {
  it('IPs and localhost reach the parent (the signed host is the Host header)', async () => {
    const emu = createEmulator({ unknownHosts: 'reject' });
    const admin = parentKey(emu, 'admin');
    const res = await duoCall(emu, { ...admin, api_hostname: '127.0.0.1' }, 'GET', '/admin/v1/users');
    expect(res.status).toBe(200);
    const local = await duoCall(emu, { ...admin, api_hostname: 'localhost' }, 'GET', '/admin/v1/users');
    expect(local.status).toBe(200);
  });

  it('reject mode: an unknown hostname gets a plain-text 404, not a Duo envelope', async () => {
    const emu = createEmulator({ unknownHosts: 'reject' });
    const res = await duoCall(emu, { ...parentKey(emu, 'admin'), api_hostname: 'api-wrong.duosecurity.com' }, 'GET', '/admin/v1/users');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(typeof res.body).toBe('string');
  });

  it('default mode: an unknown hostname is served from the default account', async () => {
    const emu = createEmulator();
    const res = await duoCall(emu, { ...parentKey(emu, 'admin'), api_hostname: 'duo.example.test' }, 'GET', '/admin/v1/users');
    expect(res.status).toBe(200);
  });

  it('a client that signs its api_hostname but connects to 127.0.0.1 is accepted', async () => {
    const emu = createEmulator();
    const admin = parentKey(emu, 'admin');
    const res = await duoCall(emu, admin, 'GET', '/admin/v1/users', {}, { baseUrl: 'http://127.0.0.1:9' });
    expect(res.status).toBe(200);
  });
});

describe('handler failures', () => {
  it('a thrown DuoFailure becomes its answer; any other exception a generic 500/50001, and serving goes on', async () => {
    const seen: unknown[] = [];
    const emu = createEmulator({ onError: (e) => seen.push(e) });
    emu.use(
      defineRoute({ method: 'GET', pattern: '/admin/v1/boom', api: 'admin', endpointClass: 'admin_get_one', handle: () => { throw new Error('secret internals at /srv/x.ts:1'); } }),
      defineRoute({ method: 'GET', pattern: '/admin/v1/duo-fail', api: 'admin', endpointClass: 'admin_get_one', handle: () => { throw new DuoFailure(fail(400, 40002, 'Invalid request parameters', 'x') as never); } }),
    );
    const admin = bind(emu, parentKey(emu, 'admin'));
    const boom = await admin('GET', '/admin/v1/boom');
    expect(boom.status).toBe(500);
    expect(boom.body).toEqual({ stat: 'FAIL', code: 50001, message: 'Unknown internal server error' });
    expect(JSON.stringify(boom.body)).not.toContain('internals');
    expect(seen).toHaveLength(1);
    expect((await admin('GET', '/admin/v1/duo-fail')).body).toMatchObject({ code: 40002, message_detail: 'x' });
    expect((await admin('GET', '/admin/v1/users')).status).toBe(200);
    expect(emu.stats().internalErrors).toBe(1);
  });

  it('malformed JSON -> 400/40002 with detail; a wrong content type too', async () => {
    const emu = createEmulator();
    const admin = parentKey(emu, 'admin');
    const bad = await duoCall(emu, admin, 'POST', '/admin/v1/users', {}, { rawBody: '{"username":', contentType: 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ stat: 'FAIL', code: 40002, message: 'Invalid request parameters', message_detail: 'Malformed JSON body' });
    const text = await duoCall(emu, admin, 'POST', '/admin/v1/users', {}, { rawBody: 'username=x', contentType: 'text/plain' });
    expect(text.status).toBe(400);
    expect(text.body.code).toBe(40002);
  });
});

describe('overrides and reset', () => {
  it('use() overrides a built-in route until resetHandlers()', async () => {
    const emu: Emulator = createEmulator();
    const admin = bind(emu, parentKey(emu, 'admin'));
    emu.use(defineRoute({ method: 'GET', pattern: '/admin/v1/users', api: 'admin', endpointClass: 'admin_get_page', handle: () => fail(503, 50301, 'Service unavailable') }));
    expect((await admin('GET', '/admin/v1/users')).status).toBe(503);
    emu.resetHandlers();
    expect((await admin('GET', '/admin/v1/users')).status).toBe(200);
  });

  it('wrapRoute() keeps a built-in route and runs code around its handler', async () => {
    const emu: Emulator = createEmulator({ seed: 'demo' });
    const admin = bind(emu, parentKey(emu, 'admin'));
    const before = await admin('GET', '/admin/v1/users', { limit: '5' });
    const seen: string[] = [];
    emu.use(
      wrapRoute('GET', '/admin/v1/users', async (ctx, next) => {
        seen.push(ctx.params.get('offset') ?? '0');
        if (ctx.params.get('offset') === '5') return fail(403, 40301, 'Access forbidden');
        return next();
      }),
    );
    // The built-in answer is unchanged when the wrapper passes through, and its grant still applies.
    expect(await admin('GET', '/admin/v1/users', { limit: '5' })).toEqual(before);
    expect((await admin('GET', '/admin/v1/users', { limit: '5', offset: '5' })).status).toBe(403);
    expect(seen).toEqual(['0', '5']);
    expect(() => wrapRoute('GET', '/admin/v1/nope', (_ctx, next) => next())).toThrow(/no built-in route/);
  });

  it('reset() restores the seed, ids and counters', async () => {
    const emu = createEmulator();
    const admin = bind(emu, parentKey(emu, 'admin'));
    const first = await admin('POST', '/admin/v1/users', { username: 'a' });
    expect(emu.stats().executions['users.create']).toBe(1);
    const stateRef = emu.state;
    emu.reset();
    expect(emu.state).toBe(stateRef);
    expect(Object.keys(emu.state.accounts[emu.state.parent_account_id]!.users)).toHaveLength(0);
    expect(emu.stats()).toEqual({ requests: {}, accountRequests: {}, executions: {}, executionLog: [], internalErrors: 0 });
    const again = await admin('POST', '/admin/v1/users', { username: 'a' });
    expect(again.body.response.user_id).toBe(first.body.response.user_id);
  });

  it('exportState/importState round-trip, deep-copied', async () => {
    const emu = createEmulator();
    const admin = bind(emu, parentKey(emu, 'admin'));
    await admin('POST', '/admin/v1/users', { username: 'keep' });
    const saved = emu.exportState();
    await admin('POST', '/admin/v1/users', { username: 'drop' });
    emu.importState(saved);
    const names = (await admin('GET', '/admin/v1/users')).body.response.map((u: { username: string }) => u.username);
    expect(names).toEqual(['keep']);
    saved.accounts = {};
    expect(Object.keys(emu.state.accounts)).toHaveLength(1);
    expect(() => emu.importState({ parent_account_id: 'x', accounts: {} })).toThrow(TypeError);
  });

  it('a given seed state is deep-cloned and becomes the reset point', async () => {
    const base = createEmulator().exportState();
    const emu = createEmulator({ seed: base });
    expect(emu.credentials()).toEqual(createEmulator({ seed: base }).credentials());
    emu.state.accounts[base.parent_account_id]!.name = 'changed';
    expect(base.accounts[base.parent_account_id]!.name).toBe('Parent Account');
    emu.reset();
    expect(emu.state.accounts[base.parent_account_id]!.name).toBe('Parent Account');
  });
});

describe('stats', () => {
  it('counts requests by route and status and executions of non-idempotent operations', async () => {
    const emu = createEmulator();
    const admin = bind(emu, parentKey(emu, 'admin'));
    await admin('GET', '/admin/v1/users');
    await admin('GET', '/admin/v1/users');
    await admin('POST', '/admin/v1/users', { username: 'one' });
    await admin('POST', '/admin/v1/users', { username: 'one' });
    await admin('GET', '/admin/v1/missing');
    const stats = emu.stats();
    expect(stats.requests).toEqual({
      'GET /admin/v1/users': { '200': 2 },
      'POST /admin/v1/users': { '200': 1, '400': 1 },
      unmatched: { '404': 1 },
    });
    expect(stats.executions).toEqual({ 'users.create': 1 });
    expect(stats.executionLog[0]).toMatchObject({ operation: 'users.create', detail: { username: 'one' } });
  });
});
