import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { endpoints } from '../../src/endpoints/index.js';
import { shapeToJsonSchema } from '../../src/openapi/shape-to-json-schema.js';
import { buildOpenApi } from '../../src/openapi/build-openapi.js';
import { openApiJson } from '../../src/openapi/openapi-json.js';
import { t } from '../../src/endpoints/shape.js';
import { validateJsonSchema } from '../support/validate-json-schema.js';

const committed = readFileSync(new URL('../../openapi/duo-openapi.json', import.meta.url), 'utf8');

describe('the OpenAPI description of Duo', () => {
  it('is up to date with the declarations (regenerate: npm run openapi -w @duohub/sdk)', () => {
    expect(committed).toBe(openApiJson(endpoints));
  });

  it("describes every endpoint Duo documents but the logs (ENDPOINTS.md, kept as a fixture)", () => {
    const documented = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/duo-documented-endpoints.json', import.meta.url)), 'utf8')) as Array<{ method: string; path: string }>;
    const doc = JSON.parse(committed) as { paths: Record<string, Record<string, unknown>> };
    const described = new Set(Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path.replace(/\{[a-z_]+\}/g, ':id')}`)));
    const logs = (path: string) => /^\/admin\/v[12]\/logs\/|^\/admin\/v1\/trust_monitor\//.test(path);
    const missing = documented
      .filter((d) => !logs(d.path))
      .map((d) => `${d.method} ${d.path.replace(/:[a-z_]+/g, ':id')}`)
      .filter((k) => !described.has(k));
    expect(missing).toEqual([]);
  });

  it('has one operation per declaration, signed except ping', () => {
    const doc = buildOpenApi(endpoints);
    const ops = Object.values(doc.paths).flatMap((item) => Object.values(item)) as Array<{ operationId: string; security: unknown[] }>;
    expect(ops.map((o) => o.operationId).sort()).toEqual(endpoints.map((e) => e.id).sort());
    expect(ops.filter((o) => o.security.length === 0).map((o) => o.operationId)).toEqual(['auth.ping']);
  });
});

describe('shapeToJsonSchema', () => {
  it.each<[string, Parameters<typeof shapeToJsonSchema>[0], unknown]>([
    ['nullable scalar', t.integer({ nullable: true }), { type: ['integer', 'null'] }],
    ['nullable enum', t.enum(['a'], { nullable: true }), { type: ['string', 'null'], enum: ['a', null] }],
    ['object', t.object({ a: t.string() }, { required: ['a'], additionalProperties: false }), { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false }],
    ['map', t.object({}, { additionalProperties: t.string() }), { type: 'object', properties: {}, additionalProperties: { type: 'string' } }],
    ['anyOf', t.anyOf(t.string(), t.integer()), { anyOf: [{ type: 'string' }, { type: 'integer' }] }],
    ['any', t.any('x'), { description: 'x' }],
    ['param extras dropped', { type: 'boolean', encoding: 'digit', required: true } as never, { type: 'boolean' }],
  ])('%s', (_name, shape, schema) => {
    expect(shapeToJsonSchema(shape)).toEqual(schema);
  });
});

describe('validateJsonSchema (test support)', () => {
  const schema = { type: 'object', properties: { a: { type: ['integer', 'null'] }, b: { $ref: '#/defs/b' } }, required: ['a'], defs: { b: { enum: ['x'] } } };
  it.each<[unknown, number]>([
    [{ a: 1, b: 'x' }, 0],
    [{ a: null }, 0],
    [{ a: 1.5 }, 1],
    [{ b: 'x' }, 1],
    [{ a: 1, b: 'y' }, 1],
    ['nope', 1],
  ])('%j has %i problem(s)', (value, count) => {
    expect(validateJsonSchema(schema, value)).toHaveLength(count);
  });
});
