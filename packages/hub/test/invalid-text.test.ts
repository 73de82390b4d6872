import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLoneSurrogate, findMalformedQueryParam, hasLoneSurrogate, isMalformedPercentText } from '../src/errors/find-invalid-text.js';
import { createTempDatabase } from './helpers/temp-postgres.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from './helpers/test-hub.js';

describe('hasLoneSurrogate', () => {
  it.each([
    ['plain', false],
    ['emoji \u{1F600} pair', false],
    ['\ud800', true],
    ['\udc00', true],
    ['a\ud83dz', true],
    ['\ude00\ud83d', true],
    ['\ud83d\ude00\ud800', true],
    ['', false],
  ])('%j -> %s', (text, lone) => {
    expect(hasLoneSurrogate(text)).toBe(lone);
  });
});

describe('findLoneSurrogate', () => {
  it.each([
    [{ name: 'ok', list: ['a', 'b'], nested: { x: 1, y: null } }, undefined],
    ['\ud800', ''],
    [{ name: '\ud800' }, 'name'],
    [{ email_domains: ['ok.com', 'x\udc00.com'] }, 'email_domains.1'],
    [{ auth: { secret_key: 'ab\ud800' } }, 'auth.secret_key'],
    [{ input: { users: [{ username: '\ud800' }] } }, 'input.users.0.username'],
    [{ ['bad\ud800key']: 1 }, ''],
    [{ outer: { ['\udc00']: 'v' } }, 'outer'],
    [{ first: '\ud800', second: '\ud800' }, 'first'],
  ])('%j -> %j', (value, path) => {
    expect(findLoneSurrogate(value)).toBe(path);
  });
});

describe('isMalformedPercentText and findMalformedQueryParam', () => {
  it.each([
    ['plain', false],
    ['%41%42', false],
    ['caf%C3%A9', false],
    ['%F0%9F%98%80', false],
    ['%ED%A0%80', true],
    ['%C3', true],
    ['%FF', true],
    ['100%', false],
    ['%zz', false],
  ])('%j malformed: %s', (text, malformed) => {
    expect(isMalformedPercentText(text)).toBe(malformed);
  });

  it.each([
    ['', undefined],
    ['?a=1&b=caf%C3%A9', undefined],
    ['?action=%ED%A0%80', 'action'],
    ['?ok=1&since=x%ED%A0%80y', 'since'],
    ['?%ED%A0%80=1', '%ED%A0%80'],
    ['?my+field=%C3', 'my field'],
    ['?list', undefined],
  ])('%j -> %j', (search, name) => {
    expect(findMalformedQueryParam(search)).toBe(name);
  });
});

const backends = ['sqlite', ...(process.env.DATABASE_URL ? ['postgres'] : [])] as const;

describe.each(backends)('text that is not valid Unicode over a real port (%s)', (backend) => {
  let emu: TestEmulator;
  let t: TestHub;
  let pgDb: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  let orgId: string;
  let integrationId: string;

  beforeAll(async () => {
    emu = await startTestEmulator();
    if (backend === 'postgres') pgDb = await createTempDatabase(process.env.DATABASE_URL!);
    t = await startTestHub(pgDb ? { databaseUrl: pgDb.url } : {});
    orgId = (await t.api('POST', '/api/organizations', { body: { name: 'Valid Org' } })).body.id;
    const integration = await t.api('POST', '/api/integrations', { body: { name: 'base', base_url: emu.url, auth: emu.sets.auth } });
    expect(integration.status).toBe(201);
    integrationId = integration.body.id;
  });
  afterAll(async () => {
    await t?.close();
    await emu?.close();
    await pgDb?.drop();
  });

  const counts = async () => {
    const db = t.store.db;
    const n = async (table: 'organizations' | 'api_tokens' | 'integrations' | 'audit_log') =>
      Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { organizations: await n('organizations'), tokens: await n('api_tokens'), integrations: await n('integrations') };
  };

  const json = (raw: string) => ({ rawBody: raw, headers: { 'content-type': 'application/json' } });
  // Paths and bodies are functions: they need ids and keys that exist only once the hub is up.
  type Case = [string, string, () => string, () => Parameters<TestHub['api']>[2], string, string];
  const cases: Case[] = [
    ['an organization name', 'POST', () => '/api/organizations', () => ({ body: { name: '\ud800' } }), 'body', 'name'],
    ['an escaped surrogate in raw JSON', 'POST', () => '/api/organizations', () => json('{"name":"ok \\udc00"}'), 'body', 'name'],
    ['an email domain in a list', 'PATCH', () => `/api/organizations/${orgId}`, () => ({ body: { email_domains: ['ok.example', 'x\ud800.example'] } }), 'body', 'email_domains.1'],
    ['a key of the body', 'POST', () => '/api/organizations', () => json('{"name":"ok","\\ud800":1}'), 'body', ''],
    ['a token name', 'POST', () => '/api/tokens', () => ({ body: { name: 'ci \udfff', scopes: ['read'] } }), 'body', 'name'],
    ['a nested secret key', 'POST', () => '/api/integrations', () => ({ body: { name: 'i', auth: { ...emu.sets.auth, secret_key: 'x'.repeat(39) + '\ud800' } } }), 'body', 'auth.secret_key'],
    ['an action input', 'POST', () => '/api/actions/users.list/run', () => ({ body: { integration_id: integrationId, input: { username: '\ud800' } } }), 'body', 'input.username'],
    ['an audit filter', 'GET', () => '/api/audit?action=%ED%A0%80', () => ({}), 'query', 'action'],
    ['a report date', 'GET', () => '/api/reports/mfa-coverage?at=2026%ED%A0%80', () => ({}), 'query', 'at'],
    ['an organization id in the path', 'GET', () => '/api/organizations/org_%ED%A0%80', () => ({}), 'path', 'id'],
  ];

  it.each(cases)('%s: 400 naming the field, nothing stored', async (_name, method, p, options, location, field) => {
    const before = await counts();
    const res = await t.api(method, p(), options());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual([{ in: location, field, message: expect.any(String) }]);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await counts()).toEqual(before);
  });

  it('answers the Vault routes in Vault\'s error shape, naming the field', async () => {
    const write = await t.api('POST', '/v1/identity/mfa/method/duo', { body: { username_format: '{{identity.entity.name}}\ud800', organization_id: orgId } });
    expect(write.status).toBe(400);
    expect(write.headers.get('x-duohub-error-code')).toBe('validation_failed');
    expect(write.body.errors).toEqual([expect.any(String), expect.stringMatching(/^username_format: /)]);
    const list = await t.api('GET', '/v1/identity/mfa/method/duo?list=%ED%A0%80');
    expect(list.status).toBe(400);
    expect(list.body.errors[1]).toMatch(/^list: /);
    const read = await t.api('GET', '/v1/identity/mfa/method/duo/%ED%A0%80');
    expect(read.status).toBe(400);
    expect(read.body.errors[1]).toMatch(/^id: /);
  });

  it('still stores well-formed text beyond the BMP, and never logged an internal error', async () => {
    const ok = await t.api('POST', '/api/organizations', { body: { name: 'Smile \u{1F600} Inc' } });
    expect(ok.status).toBe(201);
    expect((await t.api('GET', `/api/organizations/${ok.body.id}`)).body.name).toBe('Smile \u{1F600} Inc');
    expect(t.logs.some((l) => l.includes('unhandled error'))).toBe(false);
  });
});
