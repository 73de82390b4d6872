import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, type Account } from '@duohub/emulator';
import { runCli } from '../../src/cli.js';
import { startMfaFixture, type MfaFixture } from './mfa-fixture.js';

/**
 * Issue 16: an organization's Auth API application is one click. The hub asks Duo (the emulator,
 * over a real port) to create it in the organization's own child account with the parent's
 * Accounts API keys, stores its keys sealed, and verify then pushes to that child's user only.
 */
let f: MfaFixture;
let integrationId: string;
let client: Account;
let clientOrg: string;
let otherOrg: string;
let limitedOther: string;

const api = (method: string, path: string, body?: unknown, token = f.hub.adminToken) =>
  f.hub.api(method, path, { token, ...(body === undefined ? {} : { body }) });
const authIntegrations = (account: Account) => Object.values(f.emu.emulator.state.accounts[account.account_id]!.integrations).filter((i) => i.type === 'auth');
const authCalls = (accountId: string) =>
  Object.entries(f.emu.emulator.stats().accountRequests[accountId] ?? {})
    .filter(([route]) => route.includes('/auth/v2/'))
    .reduce((n, [, count]) => n + count, 0);

function childAccount(name: string): Account {
  const account = newAccount(name, f.emu.parentId, Math.random);
  f.emu.emulator.state.accounts[account.account_id] = account;
  return account;
}

beforeAll(async () => {
  f = await startMfaFixture();
  client = childAccount('Client Co');
  const other = childAccount('Other Co');
  f.addUser('ann', { push: { outcome: 'approve', afterMs: 30 }, account: client.account_id });
  f.addUser('ann', { push: { outcome: 'approve', afterMs: 30 } });
  const created = await api('POST', '/api/integrations', { name: 'MSP', base_url: f.emu.url, admin: f.emu.sets.admin, accounts: f.emu.sets.accounts, auth: f.emu.sets.auth });
  expect(created.status, created.text).toBe(201);
  integrationId = created.body.id;
  const org = async (name: string, account: string) => (await api('POST', '/api/organizations', { name, integration_id: integrationId, duo_account_id: account })).body.id as string;
  clientOrg = await org('Client Co', client.account_id);
  otherOrg = await org('Other Co', other.account_id);
  limitedOther = (await api('POST', '/api/tokens', { name: 'other admin', scopes: ['admin'], organization_ids: [otherOrg] })).body.token;
});
afterAll(async () => {
  await f?.close();
});

describe("creating an organization's Auth API application", () => {
  it('creates it in the child account, stores its keys sealed, and never answers the secret', async () => {
    expect(authIntegrations(client)).toHaveLength(0);
    const parentApps = Object.keys(f.emu.emulator.state.accounts[f.emu.parentId]!.integrations).length;
    const res = await api('POST', `/api/organizations/${clientOrg}/auth-application`, {});
    expect(res.status, res.text).toBe(201);
    const [app] = authIntegrations(client);
    expect(app).toBeDefined();
    expect(app!.name).toBe('duohub Auth API (Client Co)');
    expect(res.body).toMatchObject({ integration_key: app!.integration_key, api_hostname: client.api_hostname });
    expect(res.body.organization.auth).toMatchObject({ api_host: client.api_hostname, integration_key: app!.integration_key });
    expect(res.text).not.toContain(app!.secret_key);
    // Nothing was created in the parent account.
    expect(Object.keys(f.emu.emulator.state.accounts[f.emu.parentId]!.integrations)).toHaveLength(parentApps);
    // Sealed at rest: the database holds no copy of the secret.
    const row = await f.hub.store.db.selectFrom('organizations').selectAll().where('id', '=', clientOrg).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(app!.secret_key);
    const audit = await api('GET', '/api/audit?limit=20');
    expect(JSON.stringify(audit.body)).not.toContain(app!.secret_key);
    expect(audit.body.items.map((i: { action: string }) => i.action)).toContain('organizations.create_auth_application');
  });

  it("verify then pushes with the new application to the child's user, and never to the parent", async () => {
    const parentCalls = authCalls(f.emu.parentId);
    const res = await api('POST', '/api/verify', { organization_id: clientOrg, username: 'ann' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'approved', verified: true });
    expect(Object.values(client.transactions).at(-1)!.integration_key).toBe(authIntegrations(client)[0]!.integration_key);
    expect(authCalls(f.emu.parentId)).toBe(parentCalls);
  });

  it('refuses to replace stored keys unless asked (409), and replaces them when asked', async () => {
    const refused = await api('POST', `/api/organizations/${clientOrg}/auth-application`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.reason).toBe('organization_auth_exists');
    expect(authIntegrations(client)).toHaveLength(1);
    const replaced = await api('POST', `/api/organizations/${clientOrg}/auth-application`, { replace: true, name: 'Second app' });
    expect(replaced.status, replaced.text).toBe(201);
    expect(authIntegrations(client).map((i) => i.name)).toContain('Second app');
    expect(replaced.body.organization.auth.integration_key).toBe(authIntegrations(client).find((i) => i.name === 'Second app')!.integration_key);
  });

  it("a token limited to another organization cannot create one here, and nothing reaches Duo", async () => {
    const before = authIntegrations(client).length;
    const res = await api('POST', `/api/organizations/${clientOrg}/auth-application`, {}, limitedOther);
    expect([403, 404]).toContain(res.status);
    expect(authIntegrations(client)).toHaveLength(before);
  });

  it('names a bad field', async () => {
    const res = await api('POST', `/api/organizations/${otherOrg}/auth-application`, { name: '', colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('`duohub orgs auth --create` does it from the command line', async () => {
    let out = '';
    let err = '';
    const code = await runCli(['node', 'duohub', 'orgs', 'auth', otherOrg, '--create', '--name', 'From the CLI', '--url', f.hub.url, '--token', f.hub.adminToken], {
      io: { out: (t) => void (out += t), err: (t) => void (err += t) },
      env: {},
    });
    expect(code, err).toBe(0);
    expect(out).toMatch(/Other Co: created Auth API application "From the CLI" \(DI[A-Z0-9]{18}\)/);
    const org = await api('GET', `/api/organizations/${otherOrg}`);
    expect(org.body.auth.integration_key).toMatch(/^DI/);
  });
});
