import { describe, expect, it } from 'vitest';
import { createParams } from '../src/pipeline/create-params.js';
import { readParams } from '../src/pipeline/read-body.js';
import { parseBool } from '../src/params/read-param.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');
const read = (query: string, contentType: string | null, body: string) =>
  readParams(new URL(`https://h/p${query}`), contentType, bytes(body));

describe('readParams', () => {
  it.each<[string, string, string | null, string, Array<[string, string]>, Array<[string, string]>]>([
    ['query only', '?limit=5&offset=0', null, '', [['limit', '5'], ['offset', '0']], []],
    ['plus and %20 both decode to a space', '?a=x+y&b=x%20y', null, '', [['a', 'x y'], ['b', 'x y']], []],
    ['repeated keys keep every value in order', '?k=b&k=a', null, '', [['k', 'b'], ['k', 'a']], []],
    ['blank values are kept', '?alias1=&x', null, '', [['alias1', ''], ['x', '']], []],
    ['python v5 empty query (path?)', '?', null, '', [], []],
    ['form body', '', 'application/x-www-form-urlencoded', 'username=a+b&realname=%C3%A9', [], [['username', 'a b'], ['realname', 'é']]],
    ['form with charset', '', 'application/x-www-form-urlencoded; charset=utf-8', 'a=1', [], [['a', '1']]],
    ['empty body with JSON type is no params', '', 'application/json', '', [], []],
    ['empty body without a type is fine', '', null, '', [], []],
  ])('%s', (_name, query, type, body, wantQuery, wantForm) => {
    const raw = read(query, type, body);
    expect(raw.error).toBeUndefined();
    expect(raw.queryPairs).toEqual(wantQuery);
    expect(raw.formPairs).toEqual(wantForm);
  });

  it.each<[string, string | null, string, string]>([
    ['bad JSON', 'application/json', '{"a":', 'Malformed JSON body'],
    ['JSON array', 'application/json', '[1,2]', 'JSON body must be an object'],
    ['JSON string', 'application/json', '"x"', 'JSON body must be an object'],
    ['text/plain', 'text/plain', 'a=1', 'Unsupported Content-Type text/plain; use application/x-www-form-urlencoded, multipart/form-data or application/json'],
    ['body without a type', null, 'a=1', 'Missing Content-Type for request body'],
  ])('%s -> 400/40002', (_name, type, body, detail) => {
    expect(read('', type, body).error).toEqual({
      kind: 'fail',
      status: 400,
      code: 40002,
      message: 'Invalid request parameters',
      message_detail: detail,
    });
  });

  it('JSON body parses to an object', () => {
    expect(read('', 'application/json; charset=utf-8', '{"preserve_existing":true,"count":3}').json).toEqual({
      preserve_existing: true,
      count: 3,
    });
  });
});

describe('createParams', () => {
  const params = createParams(
    [
      ['limit', '5'],
      ['k', 'b'],
      ['k', 'a'],
      ['blank', ''],
    ],
    { preserve_existing: true, count: 3, list: ['x', 'y'], nothing: null, nested: { a: 1 }, account_id: 'DA1' },
    new Set(['account_id']),
  );

  it.each<[string, string | undefined]>([
    ['limit', '5'],
    ['k', 'b'],
    ['blank', ''],
    ['preserve_existing', 'true'],
    ['count', '3'],
    ['list', 'x'],
    ['nested', '{"a":1}'],
    ['nothing', undefined],
    ['account_id', undefined],
    ['absent', undefined],
  ])('get(%s)', (name, value) => {
    expect(params.get(name)).toBe(value);
  });

  it('getAll keeps repeats; arrays repeat the key', () => {
    expect(params.getAll('k')).toEqual(['b', 'a']);
    expect(params.getAll('list')).toEqual(['x', 'y']);
    expect(params.getAll('absent')).toEqual([]);
  });

  it('has, keys and raw JSON values', () => {
    expect(params.has('blank')).toBe(true);
    expect(params.has('nothing')).toBe(false);
    expect(params.has('account_id')).toBe(false);
    expect(params.keys()).toEqual(['limit', 'k', 'blank', 'preserve_existing', 'count', 'list', 'nested']);
    expect(params.json('preserve_existing')).toBe(true);
    expect(params.json('list')).toEqual(['x', 'y']);
    expect(params.json('limit')).toBeUndefined();
  });
});

describe('parseBool', () => {
  it.each<[string, boolean | undefined]>([
    ['1', true],
    ['0', false],
    ['true', true],
    ['False', false],
    [' TRUE ', true],
    ['yes', undefined],
    ['', undefined],
    ['2', undefined],
  ])('%j', (text, want) => {
    expect(parseBool(text)).toBe(want);
  });
});
