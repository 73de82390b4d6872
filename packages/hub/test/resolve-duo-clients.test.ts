import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PacerRegistry } from '../src/integrations/duo-connect-options.js';
import { resolveDuoClients } from '../src/integrations/resolve-duo-clients.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from './helpers/test-hub.js';

let emu: TestEmulator;
let hub: TestHub;
let integrationId: string;
let other: string;
const orgs: Record<string, string> = {};
let acmeId: string;
// The integrations point at the emulator with base_url, which only a hub allowing custom origins accepts.
const CUSTOM = { allowCustomOrigins: true };

beforeAll(async () => {
  emu = await startTestEmulator({ seed: 'demo' });
  hub = await startTestHub();
  const created = await hub.api('POST', '/api/integrations', {
    body: { name: 'resolve', base_url: emu.url, admin: emu.sets.admin, accounts: emu.sets.accounts, auth: emu.sets.auth },
  });
  integrationId = created.body.id;
  other = (await hub.api('POST', '/api/integrations', { body: { name: 'other', base_url: emu.url, accounts: emu.sets.accounts } })).body.id;
  const accounts = (await hub.api('GET', `/api/integrations/${integrationId}/accounts`)).body.items;
  acmeId = accounts.find((a: any) => a.name === 'Acme Corporation').account_id;
  const mk = async (name: string, body: Record<string, unknown>) => {
    const res = await hub.api('POST', '/api/organizations', { body: { name, ...body } });
    expect(res.status, res.text).toBe(201);
    orgs[name] = res.body.id;
  };
  await mk('Acme', { integration_id: integrationId, duo_account_id: acmeId });
  await mk('MSP itself', { integration_id: integrationId, duo_account_id: 'parent' });
  await mk('Unmapped', {});
  await mk('Elsewhere', { integration_id: other, duo_account_id: accounts.find((a: any) => a.name === 'Globex Industries').account_id });
});

afterAll(async () => {
  await hub?.close();
  await emu?.close();
});

describe('resolveDuoClients', () => {
  it('refuses a stored base URL when custom origins are not allowed (the default)', async () => {
    await expect(resolveDuoClients(hub.store, { integrationId })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('gives the parent clients for an integration alone', async () => {
    const r = await resolveDuoClients(hub.store, { integrationId }, CUSTOM);
    expect(r.integration.id).toBe(integrationId);
    expect(r.accountId).toBeUndefined();
    expect(r.integration.admin?.secret_key_hint).toMatch(/^…/);
    const summary = await r.admin!.info.summary();
    expect(summary.user_count).toBe(Object.keys(emu.emulator.state.accounts[emu.parentId]!.users).length);
    expect((await r.accounts!.list()).length).toBe(3);
    expect(await r.auth!.check()).toBeDefined();
  });

  it('scopes the Admin client to the child account an organization maps to', async () => {
    const r = await resolveDuoClients(hub.store, { integrationId, organizationId: orgs['Acme'] }, CUSTOM);
    expect(r.accountId).toBe(acmeId);
    expect(r.organization?.name).toBe('Acme');
    expect(r.auth).toBeUndefined();
    const users = (await r.admin!.request('GET', '/admin/v1/users', { limit: '5' })).response as Array<{ email: string }>;
    expect(users).toHaveLength(5);
    const childUsers = Object.values(emu.emulator.state.accounts[acmeId]!.users).map((u) => u.email);
    for (const u of users) expect(childUsers).toContain(u.email);
  });

  it('uses the parent Admin keys for an organization mapped to the parent', async () => {
    const r = await resolveDuoClients(hub.store, { integrationId, organizationId: orgs['MSP itself'] }, CUSTOM);
    expect(r.accountId).toBeUndefined();
    expect(r.auth).toBeDefined();
    const summary = await r.admin!.info.summary();
    expect(summary.user_count).toBe(Object.keys(emu.emulator.state.accounts[emu.parentId]!.users).length);
  });

  it('works in-process with the emulator fetch instead of a port', async () => {
    const r = await resolveDuoClients(hub.store, { integrationId, organizationId: orgs['Acme'] }, { ...CUSTOM, fetch: (req) => emu.emulator.fetch(req) });
    const users = (await r.admin!.request('GET', '/admin/v1/users', { limit: '1' })).response as unknown[];
    expect(users).toHaveLength(1);
  });

  it.each([
    ['an unmapped organization', () => ({ integrationId, organizationId: orgs['Unmapped']! }), 'conflict'],
    ['an organization mapped through another integration', () => ({ integrationId, organizationId: orgs['Elsewhere']! }), 'validation_failed'],
    ['an unknown integration', () => ({ integrationId: 'int_nope' }), 'not_found'],
    ['an unknown organization', () => ({ integrationId, organizationId: 'org_nope' }), 'not_found'],
  ])('refuses %s', async (_name, target, code) => {
    await expect(resolveDuoClients(hub.store, target(), CUSTOM)).rejects.toMatchObject({ code });
  });
});

describe('PacerRegistry', () => {
  it('shares one pacer per integration and Duo account until forgotten', () => {
    const registry = new PacerRegistry();
    const a = registry.get('int_1', 'parent');
    expect(registry.get('int_1', 'parent')).toBe(a);
    expect(registry.get('int_1', 'DA1')).not.toBe(a);
    expect(registry.get('int_2', 'parent')).not.toBe(a);
    registry.forget('int_1');
    expect(registry.get('int_1', 'parent')).not.toBe(a);
  });
});
