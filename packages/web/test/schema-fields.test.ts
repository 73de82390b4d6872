import { describe, expect, it } from 'vitest';
import { catalog } from '../../hub/src/actions/catalog.js';
import { describeAction } from '../../hub/src/actions/describe-action.js';
import { fieldPaths, humanize, schemaFields, type FieldSpec, type JsonSchema } from '../src/ui/schema-fields.js';

const one = (prop: JsonSchema, required = false): FieldSpec =>
  schemaFields({ type: 'object', properties: { f: prop }, ...(required ? { required: ['f'] } : {}) })[0]!;

describe('schemaFields: one property', () => {
  const cases: Array<[string, JsonSchema, boolean, Partial<FieldSpec>]> = [
    ['string', { type: 'string', minLength: 1, maxLength: 64 }, true, { kind: 'text', required: true, minLength: 1, maxLength: 64, multiline: false }],
    ['long string is multiline', { type: 'string', maxLength: 1024 }, false, { kind: 'text', multiline: true }],
    ['pattern', { type: 'string', pattern: '^[A-Z0-9]{20}$', description: 'Duo user id' }, true, { kind: 'text', patterns: ['^[A-Z0-9]{20}$'], description: 'Duo user id' }],
    ['integer with default', { type: 'integer', minimum: 1, maximum: 10, default: 5 }, false, { kind: 'integer', minimum: 1, maximum: 10, default: 5 }],
    ['number', { type: 'number', minimum: 0 }, false, { kind: 'number', minimum: 0 }],
    ['required boolean is a checkbox', { type: 'boolean' }, true, { kind: 'boolean' }],
    ['boolean with default is a checkbox', { type: 'boolean', default: false }, false, { kind: 'boolean', default: false }],
    ['optional boolean without default is tri-state', { type: 'boolean' }, false, { kind: 'tristate' }],
    ['enum', { type: 'string', enum: ['GET', 'POST'] }, true, { kind: 'enum', options: ['GET', 'POST'] }],
    ['const', { const: 'x' }, false, { kind: 'enum', options: ['x'] }],
    ['nullable string', { anyOf: [{ type: 'string', maxLength: 5 }, { type: 'null' }], description: 'd' }, false, { kind: 'text', maxLength: 5, description: 'd' }],
    ['type list with null', { type: ['integer', 'null'] }, false, { kind: 'integer' }],
    ['anyOf of strings', { anyOf: [{ type: 'string', pattern: 'a' }, { type: 'string', pattern: 'b' }] }, false, { kind: 'text', patterns: ['a', 'b'] }],
    ['anyOf of mixed types', { anyOf: [{ type: 'string' }, { type: 'number' }] }, false, { kind: 'json' }],
    ['list of strings', { type: 'array', items: { type: 'string', pattern: '^x$' }, minItems: 1, maxItems: 3 }, false, { kind: 'list', minItems: 1, maxItems: 3 }],
    ['list of objects', { type: 'array', items: { type: 'object' } }, false, { kind: 'json' }],
    ['record of strings', { type: 'object', additionalProperties: { type: 'string', maxLength: 9 } }, false, { kind: 'keyvalue' }],
    ['record of anything', { type: 'object', additionalProperties: {} }, false, { kind: 'json', jsonObject: true }],
    ['no type', {}, false, { kind: 'json' }],
  ];
  it.each(cases)('%s', (_name, prop, required, expected) => {
    expect(one(prop, required)).toMatchObject({ path: 'f', name: 'f', ...expected });
  });

  it('list items carry their own checks', () => {
    expect(one({ type: 'array', items: { type: 'integer', maximum: 4 } }).item).toMatchObject({ kind: 'integer', maximum: 4 });
    expect(one({ type: 'array', items: { type: ['string', 'number', 'boolean'] } }).item).toMatchObject({ kind: 'text' });
    expect(one({ type: 'array', items: { type: 'string', pattern: '^x$' } }).item).toMatchObject({ kind: 'text', patterns: ['^x$'] });
  });

  it('nested objects become fieldsets with dotted paths', () => {
    const fields = schemaFields({
      type: 'object',
      required: ['outer'],
      properties: { outer: { type: 'object', required: ['a'], properties: { a: { type: 'string' }, b: { type: 'integer' } } }, c: { type: 'string' } },
    });
    expect(fields[0]).toMatchObject({ kind: 'object', path: 'outer', required: true });
    expect(fields[0]!.fields!.map((f) => [f.path, f.required])).toEqual([['outer.a', true], ['outer.b', false]]);
    expect(fieldPaths(fields)).toEqual(['outer', 'outer.a', 'outer.b', 'c']);
  });

  it('a schema without properties has no fields', () => {
    expect(schemaFields({ type: 'object', properties: {}, additionalProperties: false })).toEqual([]);
    expect(schemaFields({ type: 'string' })).toEqual([]);
  });
});

describe('humanize', () => {
  it.each([
    ['user_id', 'User ID'],
    ['valid_secs', 'Valid seconds'],
    ['preserve_existing', 'Preserve existing'],
    ['ipaddr', 'IP address'],
    ['txid', 'Transaction ID'],
    ['sms_batch', 'SMS batch'],
  ])('%s -> %s', (name, label) => expect(humanize(name)).toBe(label));
});

describe('the real catalog', () => {
  const described = catalog.map(describeAction);
  const byId = new Map(described.map((d) => [d.id, schemaFields(d.input as JsonSchema)]));
  const field = (id: string, name: string) => byId.get(id)!.find((f) => f.name === name)!;

  it('gives every action a form; only free-form parameter maps fall back to JSON', () => {
    const json = described.flatMap((d) => byId.get(d.id)!.filter((f) => f.kind === 'json').map((f) => `${d.id}.${f.name}`));
    // Free-form parameter maps, lists of whole objects (bulk users, bulk operations, group policy
    // bindings), and Duo's policy sections (a map of sections Duo grows over time) are typed as JSON.
    expect(json.sort()).toEqual([
      'accounts.call.params',
      'admin.call.params',
      'auth.call.params',
      'bulk.run.operations',
      'policies.bulk_update.sections',
      'policies.create.apply_to_groups_in_apps',
      'policies.create.sections',
      'policies.update.apply_to_groups_in_apps',
      'policies.update.sections',
      'users.bulk_create.users',
    ]);
    for (const d of described) {
      const required = (d.input as JsonSchema).required ?? [];
      expect(byId.get(d.id)!.filter((f) => f.required).map((f) => f.name)).toEqual(required);
    }
  });

  it('reads the shapes the page relies on', () => {
    expect(field('users.list', 'limit')).toMatchObject({ kind: 'integer', default: 100, minimum: 1, maximum: 10000, required: false });
    // One of user_id, username, email or user names the user, so none of them alone is required.
    expect(field('users.delete', 'user_id')).toMatchObject({ kind: 'text', required: false, patterns: ['^[A-Z0-9]{20}$'] });
    expect(field('users.delete', 'user')).toMatchObject({ kind: 'text', required: false });
    expect(field('bypass_codes.create_for_user', 'codes')).toMatchObject({ kind: 'list', maxItems: 10, item: { patterns: ['^[A-Za-z0-9]{4,32}$'] } });
    expect(field('bypass_codes.create_for_user', 'preserve_existing').kind).toBe('tristate');
    expect(field('settings.update', 'fraud_email_enabled').kind).toBe('tristate');
    expect(field('auth.send', 'async')).toMatchObject({ kind: 'boolean', default: false });
    expect(field('auth.send', 'factor')).toMatchObject({ kind: 'enum', required: true });
    expect(field('auth.send', 'ipaddr')).toMatchObject({ kind: 'text', format: 'ipv4 or ipv6' });
    expect(field('auth.send', 'ipaddr').patterns).toHaveLength(2);
    expect(field('auth.send', 'pushinfo')).toMatchObject({ kind: 'keyvalue', item: { maxLength: 512 } });
    expect(field('admin.call', 'params')).toMatchObject({ kind: 'json', jsonObject: true });
    expect(field('users.create', 'notes')).toMatchObject({ kind: 'text', multiline: true });
  });
});
