import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camelCaseNames, isCamelCase } from './support/camel-case-properties.js';
import { startTestHub, type TestHub } from './helpers/test-hub.js';

describe('camelCaseNames (the walker the casing test relies on)', () => {
  it.each<[string, boolean]>([
    ['dryRun', true],
    ['integrationId', true],
    ['mfa2Percent', true],
    ['dry_run', false],
    ['id', false],
    ['DA1234567890ABCDEFGH', false],
    ['$ref', false],
  ])('isCamelCase(%j) is %s', (name, camel) => expect(isCamelCase(name)).toBe(camel));

  it('finds names in parameters, bodies, responses, $refs, arrays, maps and combinators, and skips paths', () => {
    const doc = {
      components: { schemas: { Counts: { type: 'object', properties: { noMfa: { type: 'integer' }, factor_class: { type: 'object', additionalProperties: { type: 'object', properties: { deepKey: {} } } } } } } },
      paths: {
        '/api/a': {
          get: {
            parameters: [{ name: 'integrationId', in: 'query' }, { name: 'limit', in: 'query' }],
            responses: { 200: { content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Counts' } } } } } } } },
          },
          post: {
            requestBody: { content: { 'application/json': { schema: { anyOf: [{ type: 'object', properties: { dryRun: { type: 'boolean' } } }, { type: 'null' }] } } } },
            responses: {},
          },
        },
        '/v1/identity/mfa/method/duo': { post: { requestBody: { content: { 'application/json': { schema: { properties: { mfaMethod: {} } } } } }, responses: {} } },
      },
    };
    expect(camelCaseNames(doc, (p) => p.startsWith('/v1/')).sort()).toEqual(
      ['GET /api/a (200): deepKey', 'GET /api/a (200): noMfa', 'GET /api/a (query): integrationId', 'POST /api/a (request): dryRun'].sort(),
    );
  });
});

describe("the hub's OpenAPI document", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t?.close();
  });

  // The REST API is snake_case. The Vault-compatible API under /v1/ follows Vault's own casing and is
  // left out; Duo's API description is a separate document (packages/sdk/openapi) and not walked.
  it('has no camelCase property or parameter name in any hub route', async () => {
    const res = await t.api('GET', '/api/openapi.json', { token: null });
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths);
    // The walk covers the hub's own routes (a document without them would pass for nothing).
    expect(paths).toEqual(expect.arrayContaining(['/api/tokens', '/api/reports/mfa-coverage', '/api/actions/users.list/run']));
    expect(camelCaseNames(res.body, (p) => p.startsWith('/v1/'))).toEqual([]);
  });

  it('still takes the old camelCase run and coverage names for one release, marked deprecated', async () => {
    // int_nope is unknown: a renamed key reaches the handler (404), an unknown key would be a 400.
    const run = await t.api('POST', '/api/actions/users.list/run', { body: { integrationId: 'int_nope', dryRun: false, input: {} } });
    expect(run.status, run.text).toBe(404);
    expect(run.headers.get('deprecation')).toBe('true');
    expect(run.headers.get('warning')).toMatch(/integrationId is deprecated; use integration_id/);
    const coverage = await t.api('POST', '/api/reports/mfa-coverage/runs', { body: { integrationId: 'int_nope' } });
    expect(coverage.status, coverage.text).toBe(404);
    expect(coverage.headers.get('deprecation')).toBe('true');
    const trend = await t.api('GET', '/api/reports/mfa-coverage/trend?integrationId=int_nope');
    expect(trend.status, trend.text).toBe(200);
    expect(trend.body).toEqual({ integration_id: 'int_nope', points: [] });
    expect(trend.headers.get('deprecation')).toBe('true');

    const current = await t.api('POST', '/api/actions/users.list/run', { body: { integration_id: 'int_nope', input: {} } });
    expect(current.status).toBe(404);
    expect(current.headers.get('deprecation')).toBeNull();
    // Both names at once is refused rather than guessed, naming the old one.
    const both = await t.api('POST', '/api/actions/users.list/run', { body: { integration_id: 'int_nope', integrationId: 'int_other', input: {} } });
    expect(both.status).toBe(400);
    expect(both.body.error.details.map((d: { field: string }) => d.field)).toContain('integrationId');
  });
});
