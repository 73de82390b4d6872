import { Writable } from 'node:stream';
import { buildOpenApi, DuoAccountsClient, DuoAdminClient, DuoAuthClient, DuoForbiddenError, endpoints } from '@duohub/sdk';
import { createEmulator, fail } from '@duohub/emulator';
import type { Account, EmulatorOptions, Integration } from '@duohub/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerProblems } from '../../../emulator/test/helpers/answer-problems.js';
import { userStanding } from '../../../emulator/src/auth/user-standing.js';
import type { AnyAction } from '../../src/actions/define-action.js';
import { integrationActions } from '../../src/actions/integrations/integrations-actions.js';
import { redactActionInput } from '../../src/actions/redact-action-input.js';
import { createLogger } from '../../src/log/create-logger.js';
import { SecretScrubber } from '../../src/log/secret-scrubber.js';
import { describeFamilyCatalog } from './describe-family-catalog.js';
import { ENDPOINT_MODES, useEndpointFixture } from './endpoint-fixture.js';
import { startHubFixture, type HubFixture } from './hub-fixture.js';
import { integrationContractCases } from './integrations-contract-cases.js';

/**
 * Issue 16, integrations ("applications"): each catalog action's contract (through the SDK in
 * process), the audit log never holding a revealed secret, then the endpoints themselves in
 * process and over a port: paging metadata, 40401, 40301 without "Grant applications", keys that
 * sign at once with exactly the permissions given, an Auth API application made in a child with
 * the parent's Accounts API keys, deletes that stop keys and leave administrative units; every
 * answer checked against the generated OpenAPI description.
 */

const actions: AnyAction[] = [...integrationActions];
const byId = new Map(actions.map((a) => [a.id, a]));
const doc = buildOpenApi(endpoints);
const UNKNOWN = 'DINOSUCHINTEGRATION0';

describeFamilyCatalog({
  cases: integrationContractCases,
  actions,
  family: /^integrations\./,
  coverage: {
    title: 'has a case for every action of the family, one action per documented endpoint',
    check() {
      expect(actions).toHaveLength(14);
      expect(actions.filter((a) => a.destructive).map((a) => a.id).sort()).toEqual([
        'integrations.delete',
        'integrations.rotate_oauth_client_secret',
        'integrations.rotate_oidc_client_secret',
        'integrations.update',
        'integrations.update_latest',
      ]);
      for (const id of ['integrations.get_secret_key', 'integrations.get_oauth_client_secret', 'integrations.get_oidc_client_secret']) {
        expect(byId.get(id)!.description).toMatch(/REVEALS/);
      }
    },
  },
});

describe('revealed secrets stay out of the audit log and the logs', () => {
  let h: HubFixture;
  beforeAll(async () => {
    h = await startHubFixture();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the audit entry of revealing a secret key records the read, never the key', async () => {
    const target = Object.values(h.fx.parent.integrations).find((i) => i.type === 'auth')!;
    const res = await h.api('POST', '/api/actions/integrations.get_secret_key/run', { integration_id: h.integrationId, input: { integration_key: target.integration_key } });
    expect(res.status).toBe(200);
    expect(res.body.output).toEqual({ secret_key: target.secret_key });
    const rows = await h.hub.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'actions.integrations.get_secret_key').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.outcome).toBe('success');
    expect(rows[0]!.inputs).toContain(target.integration_key);
    const all = JSON.stringify(await h.hub.store.db.selectFrom('audit_log').selectAll().execute());
    expect(all).not.toContain(target.secret_key);
  });

  it('the audit entry of resetting an OIDC client secret never holds the new secret', async () => {
    const made = await h.api('POST', '/api/actions/integrations.create/run', {
      integrationId: h.integrationId,
      input: { name: 'Audit OIDC', type: 'sso-oidc-generic', sso: { oidc_config: { redirect_uris: ['https://rp.example/cb'] } } },
    });
    expect(made.status).toBe(200);
    const rotated = await h.api('POST', '/api/actions/integrations.rotate_oidc_client_secret/run', { integration_id: h.integrationId, input: { integration_key: made.body.output.integration_key } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.output.client_secret).toHaveLength(40);
    const all = JSON.stringify(await h.hub.store.db.selectFrom('audit_log').selectAll().execute());
    expect(all).not.toContain(rotated.body.output.client_secret);
  });

  it('inputs and log lines drop secret_key and client_secret wherever they sit', () => {
    expect(redactActionInput({ sso: { oauth_config: { clients: [{ name: 'job', client_secret: 'shh' }] } }, secret_key: 'k' })).toEqual({
      sso: { oauth_config: { clients: [{ name: 'job', client_secret: '[redacted]' }] } },
      secret_key: '[redacted]',
    });
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logger = createLogger({ scrubber: new SecretScrubber(), destination: destination as never, level: 'info' });
    logger.info({ client_secret: 'C'.repeat(40), output: { client_secret: 'D'.repeat(40), secret_key: 'E'.repeat(40) } }, 'ran');
    logger.flush?.();
    const text = lines.join('');
    expect(text).toContain('ran');
    for (const secret of ['C', 'D', 'E']) expect(text).not.toContain(secret.repeat(40));
  });
});

describe.each(ENDPOINT_MODES)('endpoints %s', (mode) => {
  let admin: DuoAdminClient;
  const { emu, parent, transport, answers } = useEndpointFixture(mode, () => {
    admin = adminFor(seeded('admin'));
  });
  const seeded = (type: Integration['type'], account: Account = parent()) => Object.values(account.integrations).find((i) => i.type === type && !i.wire_type)!;
  const keysOf = (host: string, ikey: string, skey: string) => ({ host, ikey, skey, retry: false as const, pacing: false as const, ...transport() });
  const adminFor = (i: { integration_key: string; secret_key: string }, host = parent().api_hostname) => new DuoAdminClient(keysOf(host, i.integration_key, i.secret_key));
  const authFor = (host: string, ikey: string, skey: string) => new DuoAuthClient(keysOf(host, ikey, skey));

  it('pages integrations with Duo metadata, v2 and v3, secrets masked', async () => {
    for (const n of [1, 2]) await admin.integrations.createV2({ name: `paging ${n}`, type: 'websdk' });
    const total = Object.keys(parent().integrations).length;
    const raw = await admin.request('GET', '/admin/v2/integrations', { limit: 2, offset: 1 });
    expect(raw.status).toBe(200);
    expect(raw.metadata).toMatchObject({ total_objects: total, prev_offset: 0, next_offset: 3 });
    const all = await admin.integrations.list({ pageSize: 2 }).toArray();
    expect(all.map((i) => i.integration_key)).toEqual(Object.keys(parent().integrations));
    expect(all.every((i) => /^\*+[A-Za-z0-9]{4}$/.test(i.secret_key!))).toBe(true);
    const latest = await admin.integrations.listLatest().toArray();
    expect(latest.every((i) => i.user_access === 'ALL_USERS')).toBe(true);
    expect(all[0]).not.toHaveProperty('user_access');
  });

  it('answers 404/40401 for unknown keys, other types and unknown clients; 200 for deleting an unknown key', async () => {
    for (const call of [
      () => admin.integrations.get(UNKNOWN),
      () => admin.integrations.getLatest(UNKNOWN),
      () => admin.integrations.getSecretKey(UNKNOWN),
      () => admin.integrations.update(UNKNOWN, { name: 'x' }),
      () => admin.integrations.getOidcClientSecret(seeded('auth').integration_key),
      () => admin.integrations.getOauthClientSecret(seeded('auth').integration_key, 'DCNOSUCHCLIENT000000'),
    ]) {
      await expect(call()).rejects.toMatchObject({ status: 404, code: 40401 });
    }
    await expect(admin.integrations.delete(UNKNOWN)).resolves.toBeUndefined();
  });

  it("answers 40301 for every family endpoint without \"Grant applications\"", async () => {
    const limited = await admin.integrations.create({
      name: 'no applications grant',
      type: 'adminapi',
      adminapi_read_resource: true,
      adminapi_write_resource: true,
      adminapi_settings: true,
      adminapi_info: true,
      adminapi_read_log: true,
      adminapi_admins: true,
    });
    const client = adminFor(limited);
    const ikey = seeded('auth').integration_key;
    for (const call of [
      () => client.integrations.list().toArray(),
      () => client.integrations.listLatest().toArray(),
      () => client.integrations.get(ikey),
      () => client.integrations.getLatest(ikey),
      () => client.integrations.create({ name: 'x', type: 'authapi' }),
      () => client.integrations.createV2({ name: 'x', type: 'authapi' }),
      () => client.integrations.createLegacy({ name: 'x', type: 'authapi' }),
      () => client.integrations.update(ikey, { notes: 'x' }),
      () => client.integrations.updateLatest(ikey, { notes: 'x' }),
      () => client.integrations.delete(ikey),
      () => client.integrations.getSecretKey(ikey),
      () => client.integrations.getOauthClientSecret(ikey, 'C'),
      () => client.integrations.rotateOauthClientSecret(ikey, 'C'),
      () => client.integrations.getOidcClientSecret(ikey),
      () => client.integrations.rotateOidcClientSecret(ikey),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuoForbiddenError);
      expect(error).toMatchObject({ status: 403, code: 40301 });
    }
    expect(parent().integrations[ikey]).toBeDefined();
    // The same key with the grant added reads them.
    await admin.integrations.update(limited.integration_key, { adminapi_integrations: true });
    expect((await client.integrations.get(ikey)).integration_key).toBe(ikey);
  });

  it('an Admin API application created with only read_resource signs at once: reads work, writes get 40301', async () => {
    const reader = await admin.integrations.create({ name: 'read only', type: 'adminapi', adminapi_read_resource: true });
    expect(reader.secret_key).toBe(parent().integrations[reader.integration_key]!.secret_key);
    expect(reader.api_hostname).toBe(parent().api_hostname);
    expect(reader).toMatchObject({ type: 'adminapi', adminapi_read_resource: 1, adminapi_write_resource: 0, adminapi_integrations: 0 });
    expect(parent().integrations[reader.integration_key]!.grants).toEqual({
      read_resource: true, write_resource: false, settings: false, info: false, read_log: false, admins: false, admins_read: false, integrations: false,
    });
    const client = adminFor(reader, reader.api_hostname);
    expect((await client.users.list({ limit: 3 }).toArray()).length).toBe(3);
    await expect(client.users.create({ username: 'reader-made-this' })).rejects.toMatchObject({ status: 403, code: 40301 });
    await expect(client.settings.get()).rejects.toMatchObject({ status: 403, code: 40301 });
  });

  it('an Auth API application created through the SDK answers check and preauth with its own keys at once', async () => {
    const app = await admin.integrations.create({ name: 'portal', type: 'authapi', notes: 'customer portal' });
    expect(app.secret_key).toHaveLength(40);
    const auth = authFor(app.api_hostname, app.integration_key, app.secret_key);
    expect(await auth.check()).toHaveProperty('time');
    const user = Object.values(parent().users).find((u) => userStanding(parent(), u, 'enroll').kind === 'auth')!;
    const pre = await auth.preauth({ username: user.username });
    expect(pre.result).toBe('auth');
    expect((await auth.preauth({ username: 'never-heard-of-them' })).result).toBe('enroll');
    // The Admin API refuses Auth API keys (wrong type).
    await expect(adminFor(app).users.list().toArray()).rejects.toMatchObject({ status: 403, code: 40301 });
  });

  it("creates an Auth API application in a child with the parent's Accounts API keys: it serves that child's users only", async () => {
    const child = Object.values(emu().state.accounts).find((a) => a.parent_id !== null)!;
    const accountsKey = seeded('accounts');
    const accounts = new DuoAccountsClient(keysOf(parent().api_hostname, accountsKey.integration_key, accountsKey.secret_key));
    const app = await accounts.child({ account_id: child.account_id, api_hostname: child.api_hostname }).integrations.create({ name: 'Org Auth API', type: 'authapi' });
    expect(app.api_hostname).toBe(child.api_hostname);
    expect(child.integrations[app.integration_key]).toMatchObject({ type: 'auth', wire_type: 'authapi' });
    expect(parent().integrations[app.integration_key]).toBeUndefined();
    const auth = authFor(app.api_hostname, app.integration_key, app.secret_key);
    const member = Object.values(child.users).find((u) => userStanding(child, u, 'enroll').kind === 'auth')!;
    const unenrolled = Object.values(child.users).find((u) => userStanding(child, u, 'enroll').kind === 'enroll');
    expect((await auth.preauth({ username: member.username })).result).toBe('auth');
    if (unenrolled) expect((await auth.preauth({ username: unenrolled.username })).result).toBe('enroll');
    const parentOnly = Object.values(parent().users).find((u) => !Object.values(child.users).some((c) => c.username === u.username))!;
    expect(userStanding(parent(), parentOnly, 'enroll').kind).not.toBe('enroll');
    expect((await auth.preauth({ username: parentOnly.username })).result).toBe('enroll');
    // The child's keys are unknown on the parent's host.
    await expect(authFor(parent().api_hostname, app.integration_key, app.secret_key).check()).rejects.toMatchObject({ status: 401 });
  });

  it('deleting an application stops its keys at once and removes it from administrative units', async () => {
    const app = await admin.integrations.create({ name: 'short lived', type: 'authapi' });
    const unitId = 'DLCASCADEUNIT0000000';
    (parent().administrative_units ??= {})[unitId] = {
      admin_unit_id: unitId,
      name: 'Cascade unit',
      description: '',
      restrict_by_groups: false,
      restrict_by_integrations: true,
      admin_ids: [],
      group_ids: [],
      integration_keys: [seeded('auth').integration_key, app.integration_key],
    };
    const auth = authFor(app.api_hostname, app.integration_key, app.secret_key);
    expect(await auth.check()).toHaveProperty('time');
    await admin.integrations.delete(app.integration_key);
    await expect(auth.check()).rejects.toMatchObject({ status: 401, code: 40102 });
    expect(parent().administrative_units![unitId]!.integration_keys).toEqual([seeded('auth').integration_key]);
    await expect(admin.integrations.get(app.integration_key)).rejects.toMatchObject({ status: 404 });
  });

  it('resets a secret key: the old key stops, the new one signs; the signing integration may not reset or delete itself', async () => {
    const app = await admin.integrations.create({ name: 'rotating', type: 'authapi' });
    const reset = await admin.integrations.resetSecretKey(app.integration_key);
    expect(reset.secret_key).not.toBe(app.secret_key);
    await expect(authFor(app.api_hostname, app.integration_key, app.secret_key).check()).rejects.toMatchObject({ status: 401 });
    expect(await authFor(app.api_hostname, app.integration_key, reset.secret_key).check()).toHaveProperty('time');
    const self = seeded('admin').integration_key;
    await expect(admin.integrations.resetSecretKey(self)).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'reset_secret_key' });
    await expect(admin.integrations.delete(self)).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'integration_key' });
    expect((await admin.integrations.get(self)).integration_key).toBe(self);
  });

  it("checks Duo's rules: required and typed fields (40001, 40002 naming the field)", async () => {
    const raw = (path: string, params: Record<string, unknown>) => admin.request('POST', path, params as never).catch((e: unknown) => e);
    const expectations: Array<[string, Record<string, unknown>, number, string]> = [
      ['/admin/v2/integrations', { type: 'authapi' }, 40001, 'name'],
      ['/admin/v2/integrations', { name: 'x' }, 40001, 'type'],
      ['/admin/v2/integrations', { name: 'x', type: 'sso-generic' }, 40001, 'sso'],
      ['/admin/v2/integrations', { name: 'x', type: 'sso-generic', sso: { oidc_config: {} } }, 40002, 'sso'],
      ['/admin/v2/integrations', { name: 'x', type: 'authapi', networks_for_api_access: '192.0.2.1' }, 40002, 'networks_for_api_access'],
      ['/admin/v2/integrations', { name: 'x', type: 'adminapi', networks_for_api_access: 'not-a-network' }, 40002, 'networks_for_api_access'],
      ['/admin/v2/integrations', { name: 'x', type: 'authapi', enroll_policy: 'sometimes' }, 40002, 'enroll_policy'],
      ['/admin/v2/integrations', { name: 'x', type: 'authapi', groups_allowed: Array.from({ length: 101 }, (_, n) => `DG${n}`) }, 40002, 'groups_allowed'],
      ['/admin/v3/integrations', { name: 'x', type: 'accountsapi' }, 40002, 'type'],
      ['/admin/v3/integrations', { name: 'x', type: 'authapi', trusted_device_days: 366 }, 40002, 'trusted_device_days'],
      [`/admin/v2/integrations/${seeded('auth').integration_key}`, { policy_key: 'PONOSUCHPOLICY000000' }, 40002, 'policy_key'],
      [`/admin/v2/integrations/${seeded('auth').integration_key}`, { name: '' }, 40002, 'name'],
    ];
    for (const [path, params, code, field] of expectations) {
      expect(await raw(path, params), `${path} ${JSON.stringify(params).slice(0, 60)}`).toMatchObject({ status: 400, code, messageDetail: field });
    }
    expect(Object.values(parent().integrations).filter((i) => i.name === 'x')).toEqual([]);
  });

  it('attaches and detaches a custom policy, which shows as policy_key', async () => {
    const app = await admin.integrations.create({ name: 'policy holder', type: 'authapi' });
    (parent().policies ??= {})['POCONTRACTPOLICY0000'] = { policy_key: 'POCONTRACTPOLICY0000', policy_name: 'Strict', is_global_policy: false, sections: {} };
    expect(await admin.integrations.update(app.integration_key, { policy_key: 'POCONTRACTPOLICY0000' })).toMatchObject({ policy_key: 'POCONTRACTPOLICY0000' });
    expect(parent().integrations[app.integration_key]!.policy_key).toBe('POCONTRACTPOLICY0000');
    expect(await admin.integrations.get(app.integration_key)).not.toHaveProperty('policy_key', undefined);
    const detached = await admin.integrations.update(app.integration_key, { policy_key: '' });
    expect(detached).not.toHaveProperty('policy_key');
    expect(parent().integrations[app.integration_key]!.policy_key).toBeUndefined();
  });

  it('issues, reveals and rotates OAuth client-credentials and OIDC client secrets', async () => {
    const oauth = await admin.integrations.createV2({
      name: 'machine clients',
      type: 'sso-oauth-client-credentials',
      sso: { oauth_config: { scopes: [{ name: 'read' }], clients: [{ name: 'job a' }, { name: 'job b' }] } },
    });
    const [a, b] = (oauth.sso as { oauth_config: { clients: Array<{ client_id: string; client_secret: string }> } }).oauth_config.clients;
    expect(a!.client_secret).toMatch(/^\*+/);
    const secretA = await admin.integrations.getOauthClientSecret(oauth.integration_key, a!.client_id);
    const secretB = await admin.integrations.getOauthClientSecret(oauth.integration_key, b!.client_id);
    expect(secretA).toHaveLength(40);
    const rotated = await admin.integrations.rotateOauthClientSecret(oauth.integration_key, a!.client_id);
    expect(rotated).not.toBe(secretA);
    expect(await admin.integrations.getOauthClientSecret(oauth.integration_key, a!.client_id)).toBe(rotated);
    expect(await admin.integrations.getOauthClientSecret(oauth.integration_key, b!.client_id)).toBe(secretB);
    const oidc = await admin.integrations.create({ name: 'rp', type: 'sso-oidc-generic', sso: { oidc_config: { redirect_uris: ['https://rp.example/cb'] } } });
    const first = await admin.integrations.getOidcClientSecret(oidc.integration_key);
    expect((oidc.sso as { idp_metadata: { client_id: string; client_secret: string } }).idp_metadata).toMatchObject({ client_id: oidc.integration_key, client_secret: `${'*'.repeat(36)}${first.slice(-4)}` });
    const second = await admin.integrations.rotateOidcClientSecret(oidc.integration_key);
    expect(second).not.toBe(first);
    expect(await admin.integrations.getOidcClientSecret(oidc.integration_key)).toBe(second);
    // A modify with a partial config keeps the rest and the issued secret.
    const changed = await admin.integrations.updateLatest(oidc.integration_key, { sso: { oidc_config: { scopes: { openid: true } } } });
    expect((changed.sso as { oidc_config: Record<string, unknown> }).oidc_config).toEqual({ redirect_uris: ['https://rp.example/cb'], scopes: { openid: true } });
    expect(await admin.integrations.getOidcClientSecret(oidc.integration_key)).toBe(second);
  });

  it('v2 and v3 take JSON bodies signed v5 even from a client that signs v2', async () => {
    const v2 = new DuoAdminClient({ ...keysOf(parent().api_hostname, seeded('admin').integration_key, seeded('admin').secret_key), sigVersion: 2 });
    const made = await v2.integrations.create({ name: 'from a v2 client', type: 'websdk', groups_allowed: Object.keys(parent().groups).slice(0, 2), user_access: 'PERMITTED_GROUPS' });
    expect(made).toMatchObject({ user_access: 'PERMITTED_GROUPS', groups_allowed: Object.keys(parent().groups).slice(0, 2) });
    const legacy = await v2.integrations.createLegacy({ name: 'legacy form', type: 'rdp', groups_allowed: Object.keys(parent().groups).slice(0, 1) });
    expect(legacy.groups_allowed).toEqual(Object.keys(parent().groups).slice(0, 1));
  });

  it('gave only answers that fit the OpenAPI description', () => {
    const mine = answers().filter((a) => a.endpoint.id.startsWith('integrations.'));
    expect(mine.length).toBeGreaterThan(20);
    expect(answers().flatMap((a) => answerProblems(doc, a))).toEqual([]);
  });
});

describe('emulator options for what Duo does not document', () => {
  const start = (options: EmulatorOptions) => {
    const emu = createEmulator({ seed: 'demo', rateLimits: false, ...options });
    const parent = emu.state.accounts[emu.state.parent_account_id]!;
    const key = Object.values(parent.integrations).find((i) => i.type === 'admin')!;
    const admin = new DuoAdminClient({ host: parent.api_hostname, ikey: key.integration_key, skey: key.secret_key, fetch: emu.fetch, retry: false, pacing: false });
    return { emu, parent, key, admin };
  };

  it('integrationSelfDelete: allow deletes the signing integration; its next request is refused', async () => {
    const { admin, key, parent } = start({ integrationSelfDelete: 'allow' });
    await admin.integrations.delete(key.integration_key);
    expect(parent.integrations[key.integration_key]).toBeUndefined();
    await expect(admin.integrations.list().toArray()).rejects.toMatchObject({ status: 401, code: 40102 });
  });

  it("SDK create: when reading the new application's secret fails, the error names the application Duo made", async () => {
    const { emu, admin, parent } = start({});
    emu.use({ method: 'GET', pattern: '/admin/v1/integrations/:integration_key/skey', api: 'admin', grant: 'integrations', endpointClass: 'admin_get_one', handle: () => fail(404, 40401, 'Resource not found') });
    const error = (await admin.integrations.create({ name: 'half made', type: 'authapi' }).catch((e: unknown) => e)) as Error;
    const made = Object.values(parent.integrations).find((i) => i.name === 'half made')!;
    expect(made).toBeDefined();
    expect(error.message).toContain(`integration ${made.integration_key} was created`);
    expect(error).toMatchObject({ status: 404 });
    expect(error.message).not.toContain(made.secret_key);
  });

  it('legacyIntegrationSecrets: shown reveals the key in v1 answers only', async () => {
    const { admin, parent } = start({ legacyIntegrationSecrets: 'shown' });
    const auth = Object.values(parent.integrations).find((i) => i.type === 'auth')!;
    const v1 = await admin.request('GET', `/admin/v1/integrations/${auth.integration_key}`);
    expect((v1.response as { secret_key: string }).secret_key).toBe(auth.secret_key);
    expect((await admin.integrations.get(auth.integration_key)).secret_key).not.toBe(auth.secret_key);
  });
});
