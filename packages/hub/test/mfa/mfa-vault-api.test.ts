import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMfaFixture, type MfaFixture } from './mfa-fixture.js';

let f: MfaFixture;
let readToken: string;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE = '/v1/identity/mfa/method/duo';

beforeAll(async () => {
  f = await startMfaFixture();
  readToken = (await f.hub.api('POST', '/api/tokens', { body: { name: 'reader', scopes: ['read'] } })).body.token;
});
afterAll(async () => {
  await f?.close();
});

function expectNoSecrets(text: string) {
  for (const secret of [f.emu.sets.auth.secret_key, f.emu.sets.auth.integration_key, f.emu.sets.admin.secret_key]) {
    expect(text).not.toContain(secret);
  }
}

describe('Vault-compatible Duo MFA methods, over real ports against the emulator', () => {
  let sampleId: string;

  it("accepts Vault's documented sample payload and reads it back in Vault's shape without secrets", async () => {
    // Vault's documented sample payload (its fields and forms), with the emulator's Auth API keys in
    // place of Vault's illustrative ones, plus base_url: the emulator's address (a hub extension).
    const payload = {
      mount_accessor: 'auth_userpass_1793464a',
      secret_key: f.emu.sets.auth.secret_key,
      integration_key: f.emu.sets.auth.integration_key,
      api_hostname: f.emu.sets.auth.api_host.toUpperCase(),
      push_info: 'from=loginapp&domain=example.com',
      use_passcode: false,
      username_format: '{{identity.entity.aliases.auth_userpass_1793464a.name}}',
    };
    const created = await f.vault('POST', BASE, { ...payload, base_url: f.emu.url });
    expect(created.status, created.text).toBe(200);
    expect(created.body.data.method_id).toMatch(UUID);
    expect(created.body).toMatchObject({ lease_id: '', renewable: false, lease_duration: 0, wrap_info: null, warnings: null, auth: null });
    sampleId = created.body.data.method_id;

    const read = await f.vault('GET', `${BASE}/${sampleId}`);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({
      id: sampleId,
      type: 'duo',
      namespace_id: 'root',
      mount_accessor: payload.mount_accessor,
      api_hostname: payload.api_hostname.toLowerCase(),
      pushinfo: payload.push_info,
      use_passcode: false,
      username_format: payload.username_format,
      integration_key_hint: `…${f.emu.sets.auth.integration_key.slice(-4)}`,
      secret_key_hint: `…${f.emu.sets.auth.secret_key.slice(-4)}`,
    });
    expect(read.body.data).not.toHaveProperty('secret_key');
    expect(read.body.data).not.toHaveProperty('integration_key');
    expectNoSecrets(read.text);
    expectNoSecrets(created.text);
    // The write is audited without the secret.
    const audit = await f.hub.api('GET', '/api/audit?action=mfa_methods.create');
    expect(audit.body.items[0]).toMatchObject({ outcome: 'success', target_id: sampleId });
    expect(audit.body.items[0].inputs.secret_key).toBe('[REDACTED]');
    expectNoSecrets(audit.text);
    expectNoSecrets(f.hub.logs.join('\n'));
  });

  it('lists with GET ?list=true and with the LIST verb over the port', async () => {
    const second = await f.vault('POST', BASE, f.methodBody({ method_name: 'second' }));
    expect(second.status, second.text).toBe(200);
    const listed = await f.vault('GET', `${BASE}?list=true`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.keys).toEqual(expect.arrayContaining([sampleId, second.body.data.method_id]));
    expect(listed.body.data.key_info[second.body.data.method_id]).toMatchObject({ method_name: 'second', type: 'duo' });
    expectNoSecrets(listed.text);

    const verb = await f.vault('LIST', BASE);
    expect(verb.status).toBe(200);
    expect(verb.body.data.keys).toEqual(listed.body.data.keys);

    const plainGet = await f.vault('GET', BASE);
    expect(plainGet.status).toBe(405);
    expect(plainGet.body.errors[0]).toMatch(/list=true/);
  });

  it('updates by merging (keys need not be pasted again) and creates with a given id', async () => {
    const updated = await f.vault('POST', `${BASE}/${sampleId}`, { push_info: 'ticket=none', use_passcode: 'true', method_name: 'renamed' });
    expect(updated.status, updated.text).toBe(200);
    const read = await f.vault('GET', `${BASE}/${sampleId}`);
    expect(read.body.data).toMatchObject({ pushinfo: 'ticket=none', use_passcode: true, method_name: 'renamed', secret_key_hint: `…${f.emu.sets.auth.secret_key.slice(-4)}` });

    const chosen = '3a0c4f0e-1b2c-4d5e-8f90-a1b2c3d4e5f6';
    const created = await f.vault('POST', `${BASE}/${chosen}`, f.methodBody());
    expect(created.status).toBe(200);
    expect(created.body.data.method_id).toBe(chosen);
    const bad = await f.vault('POST', `${BASE}/NOT-A-UUID`, f.methodBody());
    expect(bad.status).toBe(400);
    expect(bad.body.errors.join('\n')).toMatch(/id: must be a lower-case UUID/);
  });

  it('ignores unknown fields with a Vault-style warning', async () => {
    const res = await f.vault('POST', `${BASE}/${sampleId}`, { namespace: 'root', colour: 'blue' });
    expect(res.status).toBe(200);
    expect(res.body.warnings).toEqual(['Endpoint ignored these unrecognized parameters: [namespace colour]']);
  });

  it('accepts a JSON body sent as curl --data sends it (form content type)', async () => {
    const res = await f.hub.api('POST', `${BASE}/${sampleId}`, {
      token: null,
      rawBody: JSON.stringify({ push_info: 'via=curl' }),
      headers: { 'x-vault-token': f.hub.adminToken, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status, res.text).toBe(200);
    expect((await f.vault('GET', `${BASE}/${sampleId}`)).body.data.pushinfo).toBe('via=curl');
  });

  it("deletes; a deleted id reads as Vault's 404 and deleting it again succeeds, as in Vault", async () => {
    const created = await f.vault('POST', BASE, f.methodBody());
    const id = created.body.data.method_id;
    expect((await f.vault('DELETE', `${BASE}/${id}`)).status).toBe(204);
    const gone = await f.vault('GET', `${BASE}/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ errors: [] });
    expect(gone.headers.get('x-duohub-error-code')).toBe('not_found');
    expect((await f.vault('DELETE', `${BASE}/${id}`)).status).toBe(204);
  });

  it('takes X-Vault-Token or Bearer; read tokens read, only admin writes; no token is 403', async () => {
    expect((await f.vault('GET', `${BASE}/${sampleId}`, undefined, readToken)).status).toBe(200);
    const bearer = await f.hub.api('GET', `${BASE}/${sampleId}`, { token: readToken });
    expect(bearer.status).toBe(200);
    const write = await f.vault('POST', `${BASE}/${sampleId}`, { push_info: 'a=b' }, readToken);
    expect(write.status).toBe(403);
    expect(write.body.errors[0]).toMatch(/admin/);
    const none = await f.vault('GET', `${BASE}/${sampleId}`, undefined, null);
    expect(none.status).toBe(403);
    expect(none.body.errors[0]).toMatch(/permission denied/);
    const wrong = await f.vault('GET', `${BASE}/${sampleId}`, undefined, 'dh_not-a-token');
    expect(wrong.status).toBe(403);
    // Vault's body has no code; the header carries the hub's, so a UI can tell these apart.
    expect(none.headers.get('x-duohub-error-code')).toBe('unauthorized');
    expect(wrong.headers.get('x-duohub-error-code')).toBe('unauthorized');
    expect(write.headers.get('x-duohub-error-code')).toBe('forbidden');
    const audit = await f.hub.api('GET', '/api/audit?action=mfa_methods.write&outcome=denied');
    expect(audit.body.items.length).toBeGreaterThan(0);
  });

  it('a method may reference an organization instead of pasted keys', async () => {
    const integration = await f.hub.api('POST', '/api/integrations', { body: { name: 'emu', base_url: f.emu.url, admin: f.emu.sets.admin, auth: f.emu.sets.auth } });
    expect(integration.status, integration.text).toBe(201);
    const org = await f.hub.api('POST', '/api/organizations', { body: { name: 'Tenant A', integration_id: integration.body.id, duo_account_id: 'parent' } });
    expect(org.status, org.text).toBe(201);
    const res = await f.vault('POST', BASE, { organization_id: org.body.id, username_format: '{{identity.entity.name}}' });
    expect(res.status, res.text).toBe(200);
    const read = await f.vault('GET', `${BASE}/${res.body.data.method_id}`);
    expect(read.body.data).toMatchObject({ organization_id: org.body.id, api_hostname: '', integration_key_hint: null, secret_key_hint: null });
    const unknownOrg = await f.vault('POST', BASE, { organization_id: 'org_nope' });
    expect(unknownOrg.status).toBe(400);
    expect(unknownOrg.body.errors.join('\n')).toMatch(/organization_id: no organization/);
    expect(unknownOrg.headers.get('x-duohub-error-code')).toBe('validation_failed');
  });
});

describe('write-time validation (each answers in Vault shape and saves nothing)', () => {
  it.each<[string, () => Record<string, unknown>, number, RegExp]>([
    ['unbalanced braces', () => f.methodBody({ username_format: '{{identity.entity.name}' }), 400, /never closed|unbalanced/],
    ['unknown template path', () => f.methodBody({ username_format: '{{identity.entity.email}}' }), 400, /unknown path "identity.entity.email"/],
    ['legacy template syntax', () => f.methodBody({ username_template: '{{alias.name}}' }), 400, /write \{\{identity.entity.aliases/],
    ['template with a space', () => f.methodBody({ username_format: '{{identity.entity.name}} x' }), 400, /cannot contain spaces/],
    ['push_info with a raw space', () => f.methodBody({ push_info: 'from=New York' }), 400, /unencoded space/],
    ['push_info that is not pairs', () => f.methodBody({ push_info: 'ticket: 1234' }), 400, /has no "="/],
    ['wrong secret key', () => f.methodBody({ secret_key: 'x'.repeat(40) }), 422, /secret key is wrong/],
    ['unknown integration key', () => f.methodBody({ integration_key: 'DIXXXXXXXXXXXXXXXXXX' }), 422, /does not know this integration key/],
    ["Vault's illustrative key form (not DI...)", () => f.methodBody({ integration_key: 'BIACEUEAXI20BNWTEYXT' }), 400, /integration_key: must be DI followed by 18/],
    ['Admin API keys instead of Auth API keys', () => f.methodBody({ integration_key: f.emu.sets.admin.integration_key, secret_key: f.emu.sets.admin.secret_key }), 422, /different kind of Duo application/],
    ['unreachable host', () => f.methodBody({ base_url: 'http://127.0.0.1:9' }), 422, /Could not reach Duo/],
    ['missing keys', () => ({ api_hostname: 'api-12345678.duosecurity.com' }), 400, /integration_key: required/],
    ['keys and an organization', () => f.methodBody({ organization_id: 'org_x' }), 400, /either Duo keys .* or organization_id/],
    ['malformed secret key', () => f.methodBody({ secret_key: 'short' }), 400, /secret_key: must be 40 letters or digits/],
    ['template fields that disagree', () => f.methodBody({ username_format: '{{identity.entity.name}}', username_template: '{{identity.entity.id}}' }), 400, /same field/],
  ])('%s', async (_name, body, status, message) => {
    const before = (await f.vault('GET', `${BASE}?list=true`)).body?.data?.keys ?? [];
    const res = await f.vault('POST', BASE, body());
    expect(res.status, res.text).toBe(status);
    expect(Array.isArray(res.body.errors)).toBe(true);
    expect(res.body.errors.join('\n')).toMatch(message);
    expectNoSecrets(res.text);
    expect(res.headers.get('x-duohub-error-code')).toMatch(status === 422 ? /^mfa_keys_rejected$/ : /^(validation_failed|mfa_template_invalid|mfa_push_info_invalid)$/);
    const after = (await f.vault('GET', `${BASE}?list=true`)).body?.data?.keys ?? [];
    expect(after).toEqual(before);
  });

  it('a failed update leaves the stored method unchanged and is audited as a failure', async () => {
    const created = await f.vault('POST', BASE, f.methodBody({ push_info: 'keep=me' }));
    const id = created.body.data.method_id;
    const res = await f.vault('POST', `${BASE}/${id}`, { push_info: 'bad pair' });
    expect(res.status).toBe(400);
    expect((await f.vault('GET', `${BASE}/${id}`)).body.data.pushinfo).toBe('keep=me');
    const audit = await f.hub.api('GET', '/api/audit?action=mfa_methods.write&outcome=failure');
    expect(audit.body.items[0]).toMatchObject({ target_id: id, error_code: 'mfa_push_info_invalid' });
  });
});
