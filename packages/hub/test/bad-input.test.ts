import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorRegistry } from '../src/errors/error-registry.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from './helpers/test-hub.js';

let emu: TestEmulator;
let hub: TestHub;
let integrationId: string;
let orgId: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  hub = await startTestHub();
  const res = await hub.api('POST', '/api/integrations', { body: { name: 'base', base_url: emu.url, auth: emu.sets.auth } });
  integrationId = res.body.id;
  orgId = (await hub.api('POST', '/api/organizations', { body: { name: 'Base Org' } })).body.id;
});

afterAll(async () => {
  await hub?.close();
  await emu?.close();
});

async function counts() {
  const db = hub.store.db;
  const n = async (t: 'integrations' | 'integration_credentials' | 'organizations' | 'api_tokens') =>
    (await db.selectFrom(t).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
  return [await n('integrations'), await n('integration_credentials'), await n('organizations'), await n('api_tokens')].map(Number);
}

type Case = [string, string, string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }, number, string, string?];

// Evaluated once at collection (names only, before the emulator exists) and again inside each test.
const set = () => ({ ...emu?.sets.auth });
const cases = (): Case[] => [
  ['malformed JSON', 'POST', '/api/integrations', { rawBody: '{"name": "x",', headers: { 'content-type': 'application/json' } }, 400, 'malformed_body'],
  ['a text body', 'POST', '/api/organizations', { rawBody: 'name=x', headers: { 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
  ['no body at all', 'POST', '/api/organizations', {}, 400, 'validation_failed', 'name'],
  ['an array instead of an object', 'POST', '/api/organizations', { body: [1, 2] }, 400, 'validation_failed', ''],
  ['a number for the name', 'POST', '/api/organizations', { body: { name: 123 } }, 400, 'validation_failed', 'name'],
  ['an empty name', 'POST', '/api/organizations', { body: { name: '   ' } }, 400, 'validation_failed', 'name'],
  ['an oversized name', 'POST', '/api/organizations', { body: { name: 'x'.repeat(201) } }, 400, 'validation_failed', 'name'],
  ['too many email domains', 'POST', '/api/organizations', { body: { name: 'd', email_domains: Array.from({ length: 51 }, (_, i) => `d${i}.example`) } }, 400, 'validation_failed', 'email_domains'],
  ['a bad email domain', 'POST', '/api/organizations', { body: { name: 'd', email_domains: ['not a domain'] } }, 400, 'validation_failed', 'email_domains.0'],
  ['an oversized directory key', 'POST', '/api/organizations', { body: { name: 'd', duo_admin_api_directory_key: 'k'.repeat(201) } }, 400, 'validation_failed', 'duo_admin_api_directory_key'],
  ['a malformed Duo account id', 'POST', '/api/organizations', { body: { name: 'd', integration_id: 'x', duo_account_id: 'acme' } }, 400, 'validation_failed', 'duo_account_id'],
  ['an unknown integration to map to', 'POST', '/api/organizations', { body: { name: 'd', integration_id: 'int_nope', duo_account_id: 'parent' } }, 400, 'validation_failed', 'integration_id'],
  ['an unknown field', 'POST', '/api/organizations', { body: { name: 'd', nmae: 'typo' } }, 400, 'validation_failed', 'nmae'],
  ['a __proto__ key', 'POST', '/api/organizations', { rawBody: '{"name":"p","__proto__":{"admin":true}}', headers: { 'content-type': 'application/json' } }, 400, 'validation_failed', '__proto__'],
  ['a wrong signature version', 'POST', '/api/integrations', { body: { name: 'i', sig_version: 3, auth: set() } }, 400, 'validation_failed', 'sig_version'],
  ['a credential set that is a string', 'POST', '/api/integrations', { body: { name: 'i', admin: 'keys' } }, 400, 'validation_failed', 'admin'],
  ['no credential set', 'POST', '/api/integrations', { body: { name: 'i' } }, 400, 'validation_failed', 'admin'],
  ['a short secret key', 'POST', '/api/integrations', { body: { name: 'i', auth: { ...set(), secret_key: 'short' } } }, 400, 'validation_failed', 'auth.secret_key'],
  ['a malformed integration key', 'POST', '/api/integrations', { body: { name: 'i', auth: { ...set(), integration_key: 'XX123' } } }, 400, 'validation_failed', 'auth.integration_key'],
  ['a host with a scheme', 'POST', '/api/integrations', { body: { name: 'i', auth: { ...set(), api_host: 'https://api-1.duosecurity.com' } } }, 400, 'validation_failed', 'auth.api_host'],
  ['a base URL with credentials', 'POST', '/api/integrations', { body: { name: 'i', base_url: 'http://u:p@127.0.0.1:1', auth: set() } }, 400, 'validation_failed', 'base_url'],
  ['a missing field in a set', 'POST', '/api/integrations', { body: { name: 'i', auth: { api_host: 'api-1.duosecurity.com', integration_key: 'DIAAAAAAAAAAAAAAAAAA' } } }, 400, 'validation_failed', 'auth.secret_key'],
  ['a duplicate integration name', 'POST', '/api/integrations', { body: { name: 'base', base_url: emu?.url, auth: set() } }, 409, 'conflict'],
  ['a partial new set on update', 'PATCH', '/api/integrations/{int}', { body: { admin: { integration_key: 'DIAAAAAAAAAAAAAAAAAA' } } }, 400, 'validation_failed', 'admin.api_host'],
  ['removing the last set', 'PATCH', '/api/integrations/{int}', { body: { auth: null } }, 400, 'validation_failed', 'admin'],
  ['an unknown scope', 'POST', '/api/tokens', { body: { name: 't', scopes: ['root'] } }, 400, 'validation_failed', 'scopes.0'],
  ['no scopes', 'POST', '/api/tokens', { body: { name: 't', scopes: [] } }, 400, 'validation_failed', 'scopes'],
  ['an unknown organization for a token', 'POST', '/api/tokens', { body: { name: 't', scopes: ['read'], organization_ids: ['org_nope'] } }, 400, 'validation_failed', 'organization_ids'],
  ['a threshold above 1', 'POST', '/api/integrations/{int}/mapping-suggestions/apply', { body: { threshold: 2 } }, 400, 'validation_failed', 'threshold'],
  ['a text threshold', 'POST', '/api/integrations/{int}/mapping-suggestions/apply', { body: { threshold: 'high' } }, 400, 'validation_failed', 'threshold'],
  ['a non-numeric audit limit', 'GET', '/api/audit?limit=lots', {}, 400, 'validation_failed', 'limit'],
  ['an audit limit of 0', 'GET', '/api/audit?limit=0', {}, 400, 'validation_failed', 'limit'],
  ['an unparseable since', 'GET', '/api/audit?since=yesterday', {}, 400, 'validation_failed', 'since'],
  ['an unknown outcome', 'GET', '/api/audit?outcome=maybe', {}, 400, 'validation_failed', 'outcome'],
  ['an unknown format', 'GET', '/api/audit?format=xml', {}, 400, 'validation_failed', 'format'],
  ['a bad force flag', 'POST', '/api/integrations?force=perhaps', { body: { name: 'f', auth: set() } }, 400, 'validation_failed', 'force'],
  ['an oversized path id', 'GET', `/api/integrations/${'x'.repeat(150)}`, {}, 400, 'validation_failed', 'id'],
  ['an unknown integration', 'GET', '/api/integrations/int_nope', {}, 404, 'not_found'],
  ['patching an unknown integration', 'PATCH', '/api/integrations/int_nope', { body: { name: 'x' } }, 404, 'not_found'],
  ['deleting an unknown integration', 'DELETE', '/api/integrations/int_nope', {}, 404, 'not_found'],
  ['testing an unknown integration', 'POST', '/api/integrations/int_nope/test', {}, 404, 'not_found'],
  ['accounts of an unknown integration', 'GET', '/api/integrations/int_nope/accounts', {}, 404, 'not_found'],
  ['suggestions of an unknown integration', 'GET', '/api/integrations/int_nope/mapping-suggestions', {}, 404, 'not_found'],
  ['an unknown organization', 'GET', '/api/organizations/org_nope', {}, 404, 'not_found'],
  ['patching an unknown organization', 'PATCH', '/api/organizations/org_nope', { body: { name: 'x' } }, 404, 'not_found'],
  ['deleting an unknown organization', 'DELETE', '/api/organizations/org_nope', {}, 404, 'not_found'],
  ['revoking an unknown token', 'DELETE', '/api/tokens/tok_nope', {}, 404, 'not_found'],
  ['an unknown route', 'GET', '/api/nothing-here', {}, 404, 'not_found'],
  ['a wrong method', 'PUT', '/api/integrations', { body: {} }, 404, 'not_found'],
  ['a duplicate organization name', 'POST', '/api/organizations', { body: { name: 'Base Org' } }, 409, 'conflict'],
];

describe('bad input gets a 4xx with a registry code and the field named, never a 500', () => {
  it.each(cases().map((c, i) => [c[0], i] as const))('%s', async (_name, i) => {
    const [, method, rawPath, options, status, code, field] = cases()[i]!;
    const path = rawPath.replace('{int}', integrationId).replace('{org}', orgId);
    const before = await counts();
    const res = await hub.api(method, path, options);
    expect(res.status, res.text.slice(0, 300)).toBe(status);
    if (status >= 400) {
      expect(Object.keys(errorRegistry)).toContain(res.body.error.code);
      expect(res.body.error.code).toBe(code);
      expect(res.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
      if (field !== undefined) {
        const fields = (res.body.error.details as Array<{ field: string }>).map((d) => d.field);
        expect(fields).toContain(field);
      }
      expect(await counts()).toEqual(before);
    }
  });
});

describe('oversized bodies', () => {
  it('a body over 1 MiB gets 413 payload_too_large and nothing is written', async () => {
    const before = await counts();
    const payload = JSON.stringify({ name: 'x'.repeat(1_100_000) });
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL('/api/organizations', hub.url);
      const req = request(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${hub.adminToken}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      // The server may close the connection while the upload is still running: expected after a 413.
      req.on('error', (error) => reject(error));
      req.end(payload);
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error.code).toBe('payload_too_large');
    expect(await counts()).toEqual(before);
  });

  it('a chunked body (no Content-Length) is counted as it is read: 413 past 1 MiB, accepted below', async () => {
    const before = await counts();
    const post = (payload: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(new URL('/api/organizations', hub.url), {
          method: 'POST',
          headers: { authorization: `Bearer ${hub.adminToken}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        // Several writes: the body arrives in chunks, as a streaming client sends it.
        for (let i = 0; i < payload.length; i += 256 * 1024) req.write(payload.slice(i, i + 256 * 1024));
        req.end();
      });
    const big = await post(JSON.stringify({ name: 'x'.repeat(1_100_000) }));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.code).toBe('payload_too_large');
    expect(await counts()).toEqual(before);
    const small = await post(JSON.stringify({ name: 'Chunked Co' }));
    expect(small.status).toBe(201);
  });
});

describe('unexpected failures', () => {
  it('become `internal`, are logged, and echo nothing', async () => {
    // Corrupt a sealed secret so opening it throws inside a handler.
    await hub.store.db.updateTable('integration_credentials').set({ secret_key: 'v1.AAAA' }).where('integration_id', '=', integrationId).execute();
    const res = await hub.api('GET', `/api/integrations/${integrationId}`);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: errorRegistry.internal.message } });
    await new Promise((r) => setTimeout(r, 20));
    const logged = hub.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'unhandled error');
    expect(logged.err.type).toBe('SecretBoxError');
    expect(logged.request_id).toBeTruthy();
    // The hub keeps serving.
    expect((await hub.api('GET', '/healthz', { token: null })).status).toBe(200);
  });
});
