import { describe, expect, it } from 'vitest';
import { buildFormInput, initialValues, splitList, type FormValues } from '../src/ui/form-input.js';
import { schemaFields, type JsonSchema } from '../src/ui/schema-fields.js';

const schema: JsonSchema = {
  type: 'object',
  required: ['user_id', 'factor'],
  properties: {
    user_id: { type: 'string', pattern: '^[A-Z0-9]{20}$', description: 'Duo user id' },
    name: { type: 'string', minLength: 2, maxLength: 5 },
    count: { type: 'integer', minimum: 1, maximum: 10 },
    ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    limit: { type: 'integer', minimum: 1, default: 100 },
    factor: { type: 'string', enum: ['push', 'sms'] },
    codes: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9]{4,8}$' }, minItems: 1, maxItems: 3 },
    keep: { type: 'boolean' },
    wait: { type: 'boolean', default: false },
    info: { type: 'object', additionalProperties: { type: 'string', maxLength: 5 } },
    params: { type: 'object', additionalProperties: {}, default: {} },
    email: { type: 'string', format: 'email', pattern: '^[^@]+@[^@]+$' },
    ip: { anyOf: [{ type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+\\.\\d+$', format: 'ipv4' }, { type: 'string', pattern: '^[0-9a-f:]+$', format: 'ipv6' }] },
    nested: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer', maximum: 3 } } },
  },
};
const fields = schemaFields(schema);
const ID = 'DU0123456789ABCDEFGH';
const base = (): FormValues => ({ ...initialValues(fields), user_id: ID, factor: 'push' });
const read = (changes: FormValues) => buildFormInput(fields, { ...base(), ...changes });

describe('initialValues', () => {
  it('shows defaults as typed text and leaves the rest empty', () => {
    expect(initialValues(fields)).toEqual({
      user_id: '', name: '', count: '', ratio: '', limit: '100', factor: '', codes: '', keep: '', wait: false, info: '', params: '', email: '', ip: '', 'nested.a': '', 'nested.b': '',
    });
  });
  it('formats list, key/value, JSON and tri-state defaults', () => {
    const f = schemaFields({
      type: 'object',
      properties: {
        l: { type: 'array', items: { type: 'string' }, default: ['a', 'b'] },
        kv: { type: 'object', additionalProperties: { type: 'string' }, default: { k: 'v' } },
        j: { type: 'object', additionalProperties: {}, default: { n: 1 } },
        t: { type: 'boolean', default: true },
      },
    });
    expect(initialValues(f)).toEqual({ l: 'a\nb', kv: 'k=v', j: '{\n  "n": 1\n}', t: true });
  });
});

describe('buildFormInput', () => {
  it('sends typed values and leaves out optional fields left empty', () => {
    expect(read({})).toEqual({ input: { user_id: ID, factor: 'push', limit: 100, wait: false }, issues: {} });
  });

  it('clearing a field with a default leaves it out (the hub applies the default)', () => {
    expect(read({ limit: '' }).input).not.toHaveProperty('limit');
  });

  const ok: Array<[string, FormValues, Record<string, unknown>]> = [
    ['integer', { count: ' 7 ' }, { count: 7 }],
    ['number', { ratio: '0.25' }, { ratio: 0.25 }],
    ['string trimmed', { name: '  abc ' }, { name: 'abc' }],
    ['list by lines', { codes: 'abcd\n\n efgh \n' }, { codes: ['abcd', 'efgh'] }],
    ['list by commas', { codes: 'abcd, efgh,ijkl' }, { codes: ['abcd', 'efgh', 'ijkl'] }],
    ['tri-state yes', { keep: 'true' }, { keep: true }],
    ['tri-state no', { keep: 'false' }, { keep: false }],
    ['checkbox', { wait: true }, { wait: true }],
    ['key=value lines', { info: 'Server = web1\nWhere=a=b' }, { info: { Server: 'web1', Where: 'a=b' } }],
    ['JSON object', { params: '{"limit": 5, "x": ["a"]}' }, { params: { limit: 5, x: ['a'] } }],
    ['email', { email: 'a@b.c' }, { email: 'a@b.c' }],
    ['either pattern of anyOf', { ip: 'fe80::1' }, { ip: 'fe80::1' }],
    ['nested object', { 'nested.a': 'x', 'nested.b': '2' }, { nested: { a: 'x', b: 2 } }],
  ];
  it.each(ok)('accepts %s', (_n, changes, expected) => {
    const r = read(changes);
    expect(r.issues).toEqual({});
    expect(r.input).toMatchObject(expected);
  });

  const bad: Array<[string, FormValues, string, string]> = [
    ['required text', { user_id: '  ' }, 'user_id', 'Required.'],
    ['required enum', { factor: '' }, 'factor', 'Choose a value.'],
    ['pattern names the description', { user_id: 'nope' }, 'user_id', 'Does not have the expected format (Duo user id): ^[A-Z0-9]{20}$.'],
    ['too short', { name: 'a' }, 'name', 'Must be at least 2 characters.'],
    ['too long', { name: 'abcdef' }, 'name', 'Must be at most 5 characters.'],
    ['not a whole number', { count: '2.5' }, 'count', 'Must be a whole number.'],
    ['not a number', { ratio: 'abc' }, 'ratio', 'Must be a number.'],
    ['below minimum', { count: '0' }, 'count', 'Must be at least 1.'],
    ['above maximum', { count: '11' }, 'count', 'Must be at most 10.'],
    ['exclusive minimum', { ratio: '0' }, 'ratio', 'Must be more than 0.'],
    ['exclusive maximum', { ratio: '1' }, 'ratio', 'Must be less than 1.'],
    ['enum value not allowed', { factor: 'call' }, 'factor', 'Must be one of: push, sms.'],
    ['too many list entries', { codes: 'aaaa,bbbb,cccc,dddd' }, 'codes', 'Give at most 3 entries.'],
    ['a bad list entry', { codes: 'abcd\nAB' }, 'codes', 'Entry 2 (AB): does not have the expected format: ^[a-z0-9]{4,8}$.'],
    ['a line without =', { info: 'just text' }, 'info', 'Line 1: write key=value.'],
    ['a key/value too long', { info: 'k=123456' }, 'info', 'Line 1: the value must be at most 5 characters.'],
    ['broken JSON', { params: '{nope' }, 'params', 'Must be valid JSON.'],
    ['JSON that is not an object', { params: '[1]' }, 'params', 'Must be a JSON object, e.g. {"key": "value"}.'],
    ['email format', { email: 'not-an-email' }, 'email', 'Must be an email address.'],
    ['anyOf matches neither', { ip: 'zz' }, 'ip', 'Must be an IPv4 or IPv6 address.'],
    ['nested field', { 'nested.b': '9' }, 'nested.b', 'Must be at most 3.'],
  ];
  it.each(bad)('rejects %s', (_n, changes, path, message) => {
    const r = read(changes);
    expect(r.issues).toEqual({ [path]: message });
    expect(r.input).not.toHaveProperty(path.split('.')[0] === 'nested' ? 'nested.b' : path);
  });

  it('reports every bad field at once', () => {
    expect(Object.keys(read({ user_id: '', factor: '', count: 'x' }).issues).sort()).toEqual(['count', 'factor', 'user_id']);
  });

  it('a required nested object is sent even when empty; its required children are checked', () => {
    const f = schemaFields({ type: 'object', required: ['o'], properties: { o: { type: 'object', required: ['a'], properties: { a: { type: 'string' } } } } });
    expect(buildFormInput(f, initialValues(f))).toEqual({ input: { o: {} }, issues: { 'o.a': 'Required.' } });
  });

  it('enum options keep their schema types', () => {
    const f = schemaFields({ type: 'object', properties: { n: { enum: [1, 2] } } });
    expect(buildFormInput(f, { n: '2' }).input).toEqual({ n: 2 });
  });
});

describe('splitList', () => {
  it.each([
    ['a,b', ['a', 'b']],
    ['a, b\nc', ['a, b', 'c']],
    [' ', []],
    ['x', ['x']],
  ])('%j', (text, expected) => expect(splitList(text)).toEqual(expected));
});
