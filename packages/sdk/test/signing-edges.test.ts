import { describe, expect, it } from 'vitest';
import {
  canonicalizeParams,
  canonicalizeXDuoHeaders,
  formatDuoDate,
  percentEncode,
  sha512Hex,
  signRequest,
} from '../src/index.js';

describe('percentEncode', () => {
  it.each([
    ['plain', 'abc-_.~XYZ019', 'abc-_.~XYZ019'],
    ['space is %20', 'a b', 'a%20b'],
    ['sub-delims Duo escapes', "!'()*", '%21%27%28%29%2A'],
    ['plus and slash', '+/', '%2B%2F'],
    ['utf-8 bytes, uppercase hex', 'é', '%C3%A9'],
    ['tab and newline', '\t\n', '%09%0A'],
  ])('%s', (_name, input, expected) => {
    expect(percentEncode(input)).toBe(expected);
  });
});

describe('canonicalizeParams inputs', () => {
  it.each([
    ['object and pair list agree', { b: '2', a: '1' }, [['a', '1'], ['b', '2']] as const],
    ['booleans and numbers', { t: true, f: false, n: 5 }, [['f', 'false'], ['n', '5'], ['t', 'true']] as const],
    ['arrays repeat the key, values sorted', { k: ['b', 'a'] }, [['k', 'a'], ['k', 'b']] as const],
    ['undefined and null are dropped', { a: '1', b: undefined, c: null }, [['a', '1']] as const],
    ['blank values are kept', { alias1: '' }, [['alias1', '']] as const],
  ])('%s', (_name, object, pairs) => {
    expect(canonicalizeParams(object)).toBe(canonicalizeParams(pairs));
  });

  it('rejects non-finite numbers', () => {
    expect(() => canonicalizeParams({ n: Number.NaN })).toThrow(/finite/);
  });
});

describe('formatDuoDate', () => {
  it.each([
    [Date.UTC(2012, 7, 21, 17, 29, 18), 'Tue, 21 Aug 2012 17:29:18 -0000'],
    [Date.UTC(2026, 0, 1, 0, 0, 0), 'Thu, 01 Jan 2026 00:00:00 -0000'],
    [Date.UTC(2024, 1, 29, 9, 5, 7), 'Thu, 29 Feb 2024 09:05:07 -0000'],
  ])('%s', (ms, expected) => {
    expect(formatDuoDate(new Date(ms))).toBe(expected);
  });
});

describe('signRequest options', () => {
  const base = {
    method: 'GET',
    host: 'api-abc.duosecurity.com',
    path: '/admin/v1/users',
    params: { limit: 10 },
    date: 'Tue, 21 Aug 2012 17:29:18 -0000',
    ikey: 'DIWJ8X6AEYOR5OMC6TQ1',
    skey: 'Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep',
  };

  it('refuses SHA-1 for v5', () => {
    expect(() => signRequest({ ...base, sigVersion: 5, digest: 'sha1' })).toThrow(/SHA1/);
  });

  it('sends the date as Date by default', () => {
    const signed = signRequest({ ...base, sigVersion: 5 });
    expect(signed.headers['Date']).toBe(base.date);
    expect(signed.headers['X-Duo-Date']).toBeUndefined();
    expect(signed.canonical.split('\n')[6]).toBe(sha512Hex(''));
  });

  it('hashes X-Duo-Date into the v5 header line when the date travels there', () => {
    const signed = signRequest({ ...base, sigVersion: 5, dateHeader: 'X-Duo-Date' });
    expect(signed.headers['X-Duo-Date']).toBe(base.date);
    expect(signed.headers['Date']).toBeUndefined();
    expect(signed.canonical.split('\n')[6]).toBe(canonicalizeXDuoHeaders({ 'x-duo-date': base.date }));
  });

  it('v1 has no date line and no date header', () => {
    const signed = signRequest({ ...base, sigVersion: 1 });
    expect(signed.canonical).toBe('GET\napi-abc.duosecurity.com\n/admin/v1/users\nlimit=10');
    expect(signed.headers['Date']).toBeUndefined();
  });

  it('a different secret gives a different signature over the same canonical string', () => {
    const a = signRequest({ ...base, sigVersion: 2 });
    const b = signRequest({ ...base, sigVersion: 2, skey: base.skey.replace('Z', 'Y') });
    expect(a.canonical).toBe(b.canonical);
    expect(a.signature).not.toBe(b.signature);
    expect(a.signature).toMatch(/^[0-9a-f]{128}$/);
  });

  it('rejects duplicate or foreign x-duo headers', () => {
    expect(() => canonicalizeXDuoHeaders({ 'X-Duo-A': '1', 'x-duo-a': '2' })).toThrow(/twice/);
    expect(() => canonicalizeXDuoHeaders({ 'X-Other': '1' })).toThrow(/x-duo-/);
  });
});
