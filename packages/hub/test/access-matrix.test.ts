import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopeSatisfies, type Scope } from '../src/access/scopes.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from './helpers/test-hub.js';

let emu: TestEmulator;
let hub: TestHub;
let integrationId: string;
let seq = 0;
const unique = (p: string) => `${p} ${++seq}`;

beforeAll(async () => {
  emu = await startTestEmulator();
  hub = await startTestHub();
  const res = await hub.api('POST', '/api/integrations', {
    body: { name: 'matrix', base_url: emu.url, admin: emu.sets.admin, accounts: emu.sets.accounts, auth: emu.sets.auth },
  });
  expect(res.status).toBe(201);
  integrationId = res.body.id;
});

afterAll(async () => {
  await hub?.close();
  await emu?.close();
});

interface Cell {
  own: string;
  other: string;
}

interface RouteCase {
  method: string;
  route: string;
  scope: Scope;
  /** Fleet-wide: tokens limited to organizations get 403 whatever their scope. */
  unlimitedOnly?: boolean;
  /** Targets an organization outside a limited token's list. */
  otherOrg?: boolean;
  ok: number;
  prepare(cell: Cell): Promise<{ path: string; body?: unknown }>;
}

const asAdmin = async (method: string, path: string, body?: unknown) => {
  const res = await hub.api(method, path, body === undefined ? {} : { body });
  if (res.status >= 300) throw new Error(`${method} ${path} -> ${res.status} ${res.text}`);
  return res.body;
};

const routes: RouteCase[] = [
  { method: 'GET', route: '/api/integrations', scope: 'read', unlimitedOnly: true, ok: 200, prepare: async () => ({ path: '/api/integrations' }) },
  {
    method: 'POST',
    route: '/api/integrations',
    scope: 'admin',
    unlimitedOnly: true,
    ok: 201,
    prepare: async () => ({ path: '/api/integrations', body: { name: unique('int'), base_url: emu.url, auth: emu.sets.auth } }),
  },
  { method: 'GET', route: '/api/integrations/{id}', scope: 'read', unlimitedOnly: true, ok: 200, prepare: async () => ({ path: `/api/integrations/${integrationId}` }) },
  {
    method: 'PATCH',
    route: '/api/integrations/{id}',
    scope: 'admin',
    unlimitedOnly: true,
    ok: 200,
    prepare: async () => ({ path: `/api/integrations/${integrationId}`, body: { name: unique('matrix') } }),
  },
  {
    method: 'DELETE',
    route: '/api/integrations/{id}',
    scope: 'admin',
    unlimitedOnly: true,
    ok: 204,
    prepare: async () => {
      const created = await asAdmin('POST', '/api/integrations', { name: unique('doomed'), base_url: emu.url, auth: emu.sets.auth });
      return { path: `/api/integrations/${created.id}` };
    },
  },
  { method: 'POST', route: '/api/integrations/{id}/test', scope: 'admin', unlimitedOnly: true, ok: 200, prepare: async () => ({ path: `/api/integrations/${integrationId}/test` }) },
  { method: 'GET', route: '/api/integrations/{id}/accounts', scope: 'read', unlimitedOnly: true, ok: 200, prepare: async () => ({ path: `/api/integrations/${integrationId}/accounts` }) },
  {
    method: 'GET',
    route: '/api/integrations/{id}/mapping-suggestions',
    scope: 'read',
    unlimitedOnly: true,
    ok: 200,
    prepare: async () => ({ path: `/api/integrations/${integrationId}/mapping-suggestions` }),
  },
  {
    method: 'POST',
    route: '/api/integrations/{id}/mapping-suggestions/apply',
    scope: 'admin',
    unlimitedOnly: true,
    ok: 200,
    prepare: async () => ({ path: `/api/integrations/${integrationId}/mapping-suggestions/apply`, body: { threshold: 0.99 } }),
  },
  { method: 'GET', route: '/api/organizations', scope: 'read', ok: 200, prepare: async () => ({ path: '/api/organizations' }) },
  {
    method: 'POST',
    route: '/api/organizations',
    scope: 'admin',
    unlimitedOnly: true,
    ok: 201,
    prepare: async () => ({ path: '/api/organizations', body: { name: unique('new org') } }),
  },
  { method: 'GET', route: '/api/organizations/{id} (own)', scope: 'read', ok: 200, prepare: async (c) => ({ path: `/api/organizations/${c.own}` }) },
  { method: 'GET', route: '/api/organizations/{id} (other)', scope: 'read', otherOrg: true, ok: 200, prepare: async (c) => ({ path: `/api/organizations/${c.other}` }) },
  {
    method: 'PATCH',
    route: '/api/organizations/{id} (own)',
    scope: 'admin',
    ok: 200,
    prepare: async (c) => ({ path: `/api/organizations/${c.own}`, body: { email_domains: ['own.example'], duo_admin_api_directory_key: 'dirkey-0123456789' } }),
  },
  {
    // Names are unique fleet-wide: a limited token's refused rename would confirm another organization's name.
    method: 'PATCH',
    route: '/api/organizations/{id} (own, rename)',
    scope: 'admin',
    unlimitedOnly: true,
    ok: 200,
    prepare: async (c) => ({ path: `/api/organizations/${c.own}`, body: { name: unique('renamed') } }),
  },
  {
    method: 'PATCH',
    route: '/api/organizations/{id} (other)',
    scope: 'admin',
    otherOrg: true,
    ok: 200,
    prepare: async (c) => ({ path: `/api/organizations/${c.other}`, body: { name: unique('renamed') } }),
  },
  {
    method: 'PATCH',
    route: '/api/organizations/{id} (own, mapping)',
    scope: 'admin',
    unlimitedOnly: true,
    ok: 200,
    prepare: async (c) => ({ path: `/api/organizations/${c.own}`, body: { integration_id: integrationId, duo_account_id: 'parent' } }),
  },
  { method: 'DELETE', route: '/api/organizations/{id} (own)', scope: 'admin', ok: 204, prepare: async (c) => ({ path: `/api/organizations/${c.own}` }) },
  { method: 'DELETE', route: '/api/organizations/{id} (other)', scope: 'admin', otherOrg: true, ok: 204, prepare: async (c) => ({ path: `/api/organizations/${c.other}` }) },
  { method: 'GET', route: '/api/tokens/current', scope: 'read', ok: 200, prepare: async () => ({ path: '/api/tokens/current' }) },
  { method: 'GET', route: '/api/tokens', scope: 'admin', ok: 200, prepare: async () => ({ path: '/api/tokens' }) },
  {
    method: 'POST',
    route: '/api/tokens',
    scope: 'admin',
    ok: 201,
    prepare: async (c) => ({ path: '/api/tokens', body: { name: unique('minted'), scopes: ['read'], organization_ids: [c.own] } }),
  },
  {
    method: 'DELETE',
    route: '/api/tokens/{id}',
    scope: 'admin',
    ok: 200,
    prepare: async (c) => {
      const t = await asAdmin('POST', '/api/tokens', { name: unique('victim'), scopes: ['read'], organization_ids: [c.own] });
      return { path: `/api/tokens/${t.id}` };
    },
  },
  { method: 'GET', route: '/api/audit', scope: 'read', ok: 200, prepare: async () => ({ path: '/api/audit?limit=5' }) },
];

const kinds: Array<{ name: string; scopes: Scope[]; limited: boolean }> = [
  { name: 'read', scopes: ['read'], limited: false },
  { name: 'operate', scopes: ['operate'], limited: false },
  { name: 'admin', scopes: ['admin'], limited: false },
  { name: 'read, limited', scopes: ['read'], limited: true },
  { name: 'operate, limited', scopes: ['operate'], limited: true },
  { name: 'admin, limited', scopes: ['admin'], limited: true },
];

async function cellFor(kind: (typeof kinds)[number]): Promise<Cell & { token: string }> {
  const own = (await asAdmin('POST', '/api/organizations', { name: unique('own') })).id;
  const other = (await asAdmin('POST', '/api/organizations', { name: unique('other') })).id;
  const token = await asAdmin('POST', '/api/tokens', { name: unique(kind.name), scopes: kind.scopes, organization_ids: kind.limited ? [own] : null });
  return { own, other, token: token.token };
}

describe('access matrix: every route x token kind', () => {
  const cases = routes.flatMap((r) => kinds.map((k) => [r.method, r.route, k.name, r, k] as const));

  it.each(cases)('%s %s as %s', async (_m, _r, _k, route, kind) => {
    const cell = await cellFor(kind);
    const { path, body } = await route.prepare(cell);
    const res = await hub.api(route.method, path, { token: cell.token, ...(body === undefined ? {} : { body }) });
    const allowed =
      scopeSatisfies(kind.scopes, route.scope) && !(kind.limited && route.unlimitedOnly) && !(kind.limited && route.otherOrg);
    if (allowed) {
      expect(res.status, res.text).toBe(route.ok);
    } else {
      expect(res.status, res.text).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });

  it.each(routes.map((r) => [r.method, r.route, r] as const))('%s %s without a token -> 401', async (_m, _r, route) => {
    const cell = { own: 'org_x', other: 'org_y' };
    const { path, body } = await route.prepare(cell).catch(() => ({ path: route.route.replace(/\{id\}.*$/, 'int_x'), body: undefined }));
    for (const token of [null, 'dh_not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaa']) {
      const res = await hub.api(route.method, path, { token, ...(body === undefined ? {} : { body }) });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });
});

describe('organization limits', () => {
  it('a limited token lists, reads and audits only its own organizations', async () => {
    const cell = await cellFor({ name: 'scoped reader', scopes: ['admin'], limited: true });
    await hub.api('PATCH', `/api/organizations/${cell.other}`, { body: { email_domains: ['other.example'] } });
    await hub.api('PATCH', `/api/organizations/${cell.own}`, { token: cell.token, body: { email_domains: ['own.example'] } });
    const list = await hub.api('GET', '/api/organizations', { token: cell.token });
    expect(list.body.items.map((o: any) => o.id)).toEqual([cell.own]);
    const audit = await hub.api('GET', '/api/audit?limit=1000', { token: cell.token });
    expect(audit.body.items.length).toBeGreaterThan(0);
    expect(audit.body.items.every((e: any) => e.organization_id === cell.own)).toBe(true);
    const byFilter = await hub.api('GET', `/api/audit?organization_id=${cell.other}`, { token: cell.token });
    expect(byFilter.body.items).toEqual([]);
    const tokens = await hub.api('GET', '/api/tokens', { token: cell.token });
    expect(tokens.body.items.every((t: any) => t.organization_ids?.every((id: string) => id === cell.own))).toBe(true);
  });

  it('GET /api/tokens/current names the caller, its expanded scopes and its organizations', async () => {
    const cell = await cellFor({ name: 'self-aware', scopes: ['operate'], limited: true });
    const res = await hub.api('GET', '/api/tokens/current', { token: cell.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'token', scopes: ['read', 'operate'], organization_ids: [cell.own] });
    expect(res.body.token_id).toMatch(/\S/);
    expect(res.text).not.toContain(cell.token);
  });

  it('a limited admin cannot mint an unlimited or wider token', async () => {
    const cell = await cellFor({ name: 'minter', scopes: ['admin'], limited: true });
    for (const body of [
      { name: 'wide', scopes: ['read'], organization_ids: null },
      { name: 'wide', scopes: ['read'], organization_ids: [cell.own, cell.other] },
    ]) {
      const res = await hub.api('POST', '/api/tokens', { token: cell.token, body });
      expect(res.status).toBe(403);
    }
    const reader = await cellFor({ name: 'reader-minter', scopes: ['read'], limited: false });
    const res = await hub.api('POST', '/api/tokens', { token: reader.token, body: { name: 'x', scopes: ['admin'] } });
    expect(res.status).toBe(403);
  });

  it('records refused writes as denied in the audit log', async () => {
    const reader = await cellFor({ name: 'denied writer', scopes: ['read'], limited: false });
    const res = await hub.api('POST', '/api/integrations', { token: reader.token, body: { name: 'nope', auth: emu.sets.auth } });
    expect(res.status).toBe(403);
    const audit = await hub.api('GET', '/api/audit?action=integrations.create&outcome=denied');
    expect(audit.body.items.length).toBeGreaterThan(0);
    expect(audit.body.items[0].token_id).toMatch(/^tok_/);
  });

  it('revoked tokens stop working at once', async () => {
    const cell = await cellFor({ name: 'revoked', scopes: ['read'], limited: false });
    expect((await hub.api('GET', '/api/organizations', { token: cell.token })).status).toBe(200);
    const tokens = await hub.api('GET', '/api/tokens');
    const id = tokens.body.items.find((t: any) => t.name.startsWith('revoked')).id;
    expect((await hub.api('DELETE', `/api/tokens/${id}`)).status).toBe(200);
    expect((await hub.api('GET', '/api/organizations', { token: cell.token })).status).toBe(401);
  });
});
