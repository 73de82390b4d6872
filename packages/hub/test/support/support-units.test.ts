import { describe, expect, it } from 'vitest';
import { actionIdOf } from './action-sample-inputs.js';
import { applyBodyMutation, bodyMutations, EXTRA_KEY, nested, schemaAt } from './body-mutations.js';
import { expectedAccess, type DeclaredAccess, type TokenKind } from './expected-access.js';
import { findLeakedMarkers } from './find-leaked-markers.js';
import { conformsTo, jsonTypeOf, resolveSchema, type JsonSchema } from './json-schema.js';
import { namesField, vaultNamesField } from './names-field.js';
import { accessOf, fillPath, listOperations } from './openapi-operations.js';
import { acceptsRepeats, coerceParam, paramMutations } from './param-mutations.js';
import { sampleFromSchema } from './sample-from-schema.js';
import { seededRandom } from './seeded-random.js';

const doc: JsonSchema = {
  components: { schemas: { Id: { type: 'string', pattern: '^[A-Z0-9]{20}$' } } },
  paths: {
    '/api/things/{id}': {
      patch: {
        description: 'Change a thing.\n\nRequires the `admin` scope and a token not limited to organizations.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 5 } }],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
      },
      get: { 'x-duohub-access': { scope: 'read', organization_limited: 'allowed' }, parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10 } }] },
    },
  },
};
doc.components.schemas.Thing = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'owner'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 4 },
    owner: { $ref: '#/components/schemas/Id' },
    kind: { type: 'string', enum: ['a', 'b'] },
    size: { type: 'integer', minimum: 0, maximum: 9 },
    mail: { type: 'string', format: 'email' },
    flag: { anyOf: [{ type: 'boolean' }, { type: 'null' }] },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
    nested: { type: 'object', properties: { deep: { type: 'number' } }, additionalProperties: false },
  },
};
const thing = { $ref: '#/components/schemas/Thing' };

describe('seededRandom', () => {
  it('is deterministic per seed and stays in range', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 50 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(8).next()).not.toBe(xs[0]);
    const r = seededRandom(1);
    expect(Array.from({ length: 100 }, () => r.int(3)).every((n) => n >= 0 && n < 3)).toBe(true);
    expect(() => r.pick([])).toThrow();
  });
});

describe('conformsTo', () => {
  it.each<[string, JsonSchema, unknown, boolean]>([
    ['a valid object', thing, { name: 'ab', owner: 'A'.repeat(20) }, true],
    ['a missing required key', thing, { name: 'ab' }, false],
    ['an unknown key on a closed object', thing, { name: 'ab', owner: 'A'.repeat(20), [EXTRA_KEY]: 1 }, false],
    ['too long', thing, { name: 'abcde', owner: 'A'.repeat(20) }, false],
    ['pattern through a $ref', thing, { name: 'ab', owner: 'lower' }, false],
    ['a bad enum', thing, { name: 'ab', owner: 'A'.repeat(20), kind: 'c' }, false],
    ['out of range', thing, { name: 'ab', owner: 'A'.repeat(20), size: 10 }, false],
    ['an unsafe integer', { type: 'integer' }, 2 ** 64, false],
    ['a bad email', thing, { name: 'ab', owner: 'A'.repeat(20), mail: 'nope' }, false],
    ['null where a union allows it', thing, { name: 'ab', owner: 'A'.repeat(20), flag: null }, true],
    ['a string where the union has none', thing, { name: 'ab', owner: 'A'.repeat(20), flag: 'yes' }, false],
    ['too many items', thing, { name: 'ab', owner: 'A'.repeat(20), tags: ['a', 'b', 'c'] }, false],
    ['an integer for a number', { type: 'number' }, 3, true],
    ['no schema accepts anything', {}, [[[]]], true],
  ])('%s', (_name, schema, value, expected) => {
    expect(conformsTo(schema, value, doc)).toBe(expected);
  });

  it('resolves refs and types values', () => {
    expect(resolveSchema({ $ref: '#/components/schemas/Id' }, doc).pattern).toBe('^[A-Z0-9]{20}$');
    expect([null, [], 1, 1.5, 'x', {}, true].map(jsonTypeOf)).toEqual(['null', 'array', 'integer', 'number', 'string', 'object', 'boolean']);
  });
});

describe('sampleFromSchema', () => {
  it.each<[string, JsonSchema, unknown]>([
    ['required keys only, patterns honoured', thing, { name: 'samp', owner: 'A'.repeat(20) }],
    ['an example wins', { type: 'string', example: 'ex' }, 'ex'],
    ['an enum takes its first value', { type: 'string', enum: ['x', 'y'] }, 'x'],
    ['a union takes its first non-null branch', { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 3 }] }, 3],
    ['a format', { type: 'string', format: 'email' }, 'sample@example.com'],
    ['a minimum length', { type: 'string', minLength: 8 }, 'samplexx'],
    ['an array of at least one', { type: 'array', items: { type: 'boolean' } }, [false]],
    ['a Duo account id', { type: 'string', pattern: '^(parent|DA[A-Z0-9]{18})$' }, 'DA' + 'A'.repeat(18)],
  ])('%s', (_name, schema, expected) => {
    const value = sampleFromSchema(schema, doc);
    expect(value).toEqual(expected);
    expect(conformsTo(schema, value, doc)).toBe(true);
  });

  it('takes known values, also for optional properties', () => {
    expect(sampleFromSchema(thing, doc, (p) => ({ owner: 'B'.repeat(20), size: 4 })[p])).toEqual({ name: 'samp', owner: 'B'.repeat(20), size: 4 });
  });
});

describe('bodyMutations and applyBodyMutation', () => {
  const base = sampleFromSchema(thing, doc);
  const mutations = bodyMutations(thing, doc, seededRandom(3));
  const fill = (path: string[]) => sampleFromSchema(schemaAt(thing, doc, path), doc);

  it.each<[string, string, boolean]>([
    ['wrong_type', 'name', false],
    ['too_long', 'name', false],
    ['too_short', 'name', false],
    ['bad_format', 'owner', false],
    ['bad_enum', 'kind', false],
    ['out_of_range', 'size', false],
    ['huge_number', 'size', false],
    ['missing', 'owner', false],
    ['extra_field', EXTRA_KEY, false],
    ['too_long', 'tags', false],
    ['wrong_type', 'nested.deep', false],
    ['extra_field', `nested.${EXTRA_KEY}`, false],
    ['null', 'flag', true],
    ['lone_surrogate', 'name', true],
  ])('%s of %s leaves the body valid: %s', (kind, field, stillValid) => {
    const m = mutations.find((x) => x.kind === kind && x.path.join('.') === field);
    expect(m, `${kind} ${field}`).toBeDefined();
    const mutated = applyBodyMutation(base, m!, fill);
    expect(conformsTo(thing, mutated, doc)).toBe(stillValid);
    expect(base).toEqual({ name: 'samp', owner: 'A'.repeat(20) });
  });

  it('replaces the body itself and nests without recursion', () => {
    expect(mutations.filter((m) => m.path.length === 0).map((m) => m.kind)).toEqual(['array_instead_of_object', 'wrong_type', 'deep_nesting', 'empty_object']);
    expect(applyBodyMutation(base, { kind: 'empty_object', path: [], value: {} }, fill)).toEqual({});
    expect(JSON.stringify(nested(3))).toBe('[[[0]]]');
    expect(applyBodyMutation(base, { kind: 'null', path: ['nested', 'deep'], value: null }, fill)).toEqual({ ...(base as object), nested: { deep: null } });
  });
});

describe('paramMutations', () => {
  const ops = listOperations(doc);
  it.each<[JsonSchema, boolean]>([
    [{ type: 'string' }, false],
    [{ type: 'integer' }, false],
    [{ type: 'array', items: { type: 'string' } }, true],
    [{ anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }, true],
    [{ anyOf: [{ type: 'string' }, { type: 'integer' }] }, false],
  ])('a parameter of %j may repeat: %s', (schema, repeats) => {
    expect(acceptsRepeats(schema, doc)).toBe(repeats);
  });
  it('coerces numeric query text as the hub does', () => {
    expect(coerceParam({ type: 'integer' }, '5')).toBe(5);
    expect(coerceParam({ type: 'integer' }, 'abc')).toBe('abc');
    expect(coerceParam({ type: 'string' }, '5')).toBe('5');
  });
  it.each<[string, string, boolean]>([
    ['GET /api/things/{id}', 'query.wrong_type', true],
    ['GET /api/things/{id}', 'query.out_of_range', true],
    ['GET /api/things/{id}', 'query.huge_number', true],
    ['GET /api/things/{id}', 'query.repeated', true],
    ['GET /api/things/{id}', 'query.lone_surrogate', true],
    ['PATCH /api/things/{id}', 'path.too_long', true],
    ['PATCH /api/things/{id}', 'path.lone_surrogate', false],
  ])('%s %s violates: %s', (key, kind, violates) => {
    const op = ops.find((o) => o.key === key)!;
    const found = paramMutations(op.parameters, doc, seededRandom(1)).filter((m) => `${m.in}.${m.kind}` === kind);
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((m) => m.violates === violates)).toBe(true);
  });
});

describe('namesField', () => {
  const d = (field: string, where = 'body') => [{ in: where, field, message: 'x' }];
  it.each<[unknown, string, string, boolean]>([
    [d('name'), 'body', 'name', true],
    [d('name', 'query'), 'body', 'name', false],
    [d('input.user_id'), 'body', 'input', true],
    [d('input'), 'body', 'input.user_id', true],
    [d(''), 'body', 'input.user_id', false],
    [d('other'), 'body', 'name', false],
    [d('anything'), 'body', '', true],
    [{ duo_code: 40002 }, 'body', 'name', false],
  ])('%j names %s %s: %s', (details, where, field, expected) => {
    expect(namesField(details, where, field)).toBe(expected);
  });
  it('reads Vault error lines', () => {
    expect(vaultNamesField(['invalid request', 'push_limit: Too big'], 'push_limit')).toBe(true);
    expect(vaultNamesField(['invalid request'], 'push_limit')).toBe(false);
    expect(vaultNamesField('nope', 'x')).toBe(false);
  });
});

describe('findLeakedMarkers', () => {
  it('finds markers case-insensitively and refuses short ones', () => {
    expect(findLeakedMarkers('{"name":"GLOBEX Industries"}', ['Globex', 'org_B1'])).toEqual(['Globex']);
    expect(findLeakedMarkers('nothing here', ['Globex'])).toEqual([]);
    expect(() => findLeakedMarkers('x', ['ab'])).toThrow(/too short/);
  });
});

describe('expectedAccess', () => {
  const adminFleet: DeclaredAccess = { scope: 'admin', organization_limited: 'denied' };
  const readOrg: DeclaredAccess = { scope: 'read', organization_limited: 'allowed' };
  const k = (scope: TokenKind['scope'], limited = false): TokenKind => ({ name: 'k', credential: 'valid', scope, limited });
  it.each<[string, DeclaredAccess, TokenKind, 'own' | 'other' | 'fleet', object, string]>([
    ['no token', readOrg, { name: 'none', credential: 'none' }, 'own', {}, 'unauthorized'],
    ['revoked', readOrg, { name: 'revoked', credential: 'revoked' }, 'own', {}, 'unauthorized'],
    ['lower scope', adminFleet, k('operate'), 'fleet', {}, 'forbidden'],
    ['higher scope', readOrg, k('admin'), 'other', {}, 'allowed'],
    ['limited on a fleet route', adminFleet, k('admin', true), 'fleet', {}, 'forbidden'],
    ['limited on its own organization', readOrg, k('read', true), 'own', {}, 'allowed'],
    ['limited on another organization', readOrg, k('read', true), 'other', {}, 'forbidden'],
    ['limited, other filtered', readOrg, k('read', true), 'other', { otherIsFiltered: true }, 'allowed'],
    ['limited, refused beyond the declaration', readOrg, k('read', true), 'own', { limitedForbidden: true }, 'forbidden'],
  ])('%s', (_name, access, kind, target, options, expected) => {
    expect(expectedAccess(access, kind, target, options)).toBe(expected);
  });
});

describe('listOperations', () => {
  it('lists operations with parameters, body and access (extension first, else the description)', () => {
    const ops = listOperations(doc);
    expect(ops.map((o) => o.key)).toEqual(['GET /api/things/{id}', 'PATCH /api/things/{id}']);
    expect(accessOf(ops[0]!)).toEqual({ scope: 'read', organization_limited: 'allowed' });
    expect(accessOf(ops[1]!)).toEqual({ scope: 'admin', organization_limited: 'denied' });
    expect(ops[1]!.body).toEqual(thing);
    expect(fillPath('/api/things/{id}', { id: 'a/b' })).toBe('/api/things/a%2Fb');
    expect(() => fillPath('/api/things/{id}', {})).toThrow();
    expect(actionIdOf('/api/actions/users.list/run')).toBe('users.list');
    expect(actionIdOf('/api/actions/{id}/run')).toBeUndefined();
  });
});
