import { signRequest, type SigDigest, type SigVersion } from '@duohub/sdk';
import { describe, expect, it } from 'vitest';
import { parseDuoDate } from '../src/pipeline/parse-duo-date.js';
import { verifySignature, type SignatureInput } from '../src/pipeline/verify-signature.js';

const IKEY = 'DIWJ8X6AEYOR5OMC6TQ1';
const SKEY = 'Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep';
const HOST = 'api-xxxxxxxx.duosecurity.com';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const DATE = 'Sun, 22 Nov 2026 12:00:00 -0000';

interface Case {
  sigVersion: SigVersion;
  digest?: SigDigest;
  method?: string;
  query?: Array<[string, string]>;
  form?: Array<[string, string]>;
  body?: string;
  dateHeader?: 'Date' | 'X-Duo-Date';
  xDuo?: Record<string, string>;
}

/** Signs with the SDK and returns the verifier input a server would build from that request. */
function signedInput(c: Case, overrides: Partial<SignatureInput> = {}): SignatureInput {
  const method = c.method ?? 'POST';
  const params = c.sigVersion >= 4 ? (c.query ?? []) : [...(c.query ?? []), ...(c.form ?? [])];
  const sig = signRequest({
    method,
    host: HOST,
    path: '/admin/v1/users',
    params,
    body: c.body ?? '',
    xDuoHeaders: c.xDuo ?? {},
    date: DATE,
    ikey: IKEY,
    skey: SKEY,
    sigVersion: c.sigVersion,
    ...(c.digest ? { digest: c.digest } : {}),
    ...(c.dateHeader ? { dateHeader: c.dateHeader } : {}),
  });
  const xDuoHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(sig.headers)) if (k.toLowerCase().startsWith('x-duo-')) xDuoHeaders[k.toLowerCase()] = v;
  return {
    method,
    hosts: [HOST],
    path: '/admin/v1/users',
    authorization: sig.authorization,
    date: sig.headers['X-Duo-Date'] ?? sig.headers['Date'] ?? null,
    queryPairs: c.query ?? [],
    formPairs: c.form ?? [],
    body: Buffer.from(c.body ?? '', 'utf8'),
    xDuoHeaders,
    nowMs: NOW,
    clockSkewSec: 300,
    rejectSha1: false,
    secretFor: (ikey) => (ikey === IKEY ? SKEY : undefined),
    ...overrides,
  };
}

const codeOf = (input: SignatureInput) => {
  const verdict = verifySignature(input);
  return verdict.ok ? `ok v${verdict.sigVersion} ${verdict.digest}` : verdict.result.code;
};

describe('verifySignature accepts every version and digest', () => {
  it.each<[string, Case, string]>([
    ['v1 sha512', { sigVersion: 1, form: [['username', 'a b']] }, 'ok v1 sha512'],
    ['v1 sha1', { sigVersion: 1, digest: 'sha1', method: 'GET', query: [['limit', '5']] }, 'ok v1 sha1'],
    ['v2 sha1 form', { sigVersion: 2, digest: 'sha1', form: [['username', 'ann']] }, 'ok v2 sha1'],
    ['v2 sha512 query', { sigVersion: 2, method: 'GET', query: [['limit', '5'], ['offset', '0']] }, 'ok v2 sha512'],
    ['v2 query and form together', { sigVersion: 2, query: [['a', '1']], form: [['b', '2']] }, 'ok v2 sha512'],
    ['v2 X-Duo-Date', { sigVersion: 2, dateHeader: 'X-Duo-Date', form: [['x', 'y']] }, 'ok v2 sha512'],
    ['v4 json body', { sigVersion: 4, body: '{"username":"ann"}' }, 'ok v4 sha512'],
    ['v5 json body', { sigVersion: 5, body: '{"username":"ann"}' }, 'ok v5 sha512'],
    ['v5 GET query', { sigVersion: 5, method: 'GET', query: [['username', 'ann é']] }, 'ok v5 sha512'],
    ['v5 query on a POST, empty body', { sigVersion: 5, query: [['name', 'x']] }, 'ok v5 sha512'],
    ['v5 x-duo headers', { sigVersion: 5, body: '{}', xDuo: { 'X-Duo-Trace': 't1' } }, 'ok v5 sha512'],
    ['v5 X-Duo-Date joins the header hash', { sigVersion: 5, body: '{}', dateHeader: 'X-Duo-Date' }, 'ok v5 sha512'],
    ['repeated keys', { sigVersion: 2, method: 'GET', query: [['k', 'b'], ['k', 'a']] }, 'ok v2 sha512'],
    ['blank values', { sigVersion: 2, form: [['alias1', '']] }, 'ok v2 sha512'],
  ])('%s', (_name, c, expected) => {
    expect(codeOf(signedInput(c))).toBe(expected);
  });
});

describe('verifySignature rejects tampering with 40103', () => {
  const v5: Case = { sigVersion: 5, query: [['limit', '5']], body: '{"username":"ann"}' };
  const v2: Case = { sigVersion: 2, form: [['username', 'ann']] };
  it.each<[string, SignatureInput]>([
    ['v5 param changed', signedInput(v5, { queryPairs: [['limit', '6']] })],
    ['v5 param added', signedInput(v5, { queryPairs: [['limit', '5'], ['x', '1']] })],
    ['v5 body changed', signedInput(v5, { body: Buffer.from('{"username":"bob"}') })],
    ['v5 body re-serialized', signedInput(v5, { body: Buffer.from('{"username": "ann"}') })],
    ['v5 x-duo header added', signedInput(v5, { xDuoHeaders: { 'x-duo-extra': '1' } })],
    ['v2 form value changed', signedInput(v2, { formPairs: [['username', 'bob']] })],
    ['v2 date changed', signedInput(v2, { date: 'Sun, 22 Nov 2026 12:00:01 -0000' })],
    ['v2 date missing', signedInput(v2, { date: null })],
    ['v2 method changed', signedInput(v2, { method: 'PUT' })],
    ['v2 path changed', signedInput(v2, { path: '/admin/v1/Users' })],
    ['v2 other host', signedInput(v2, { hosts: ['api-other.duosecurity.com'] })],
    ['v2 date outside the skew window', signedInput(v2, { nowMs: NOW + 301_000 })],
    ['v2 date ahead of the skew window', signedInput(v2, { nowMs: NOW - 301_000 })],
    ['sha1 when rejected', signedInput({ ...v2, digest: 'sha1' }, { rejectSha1: true })],
    ['v1 sha1 when rejected', signedInput({ sigVersion: 1, digest: 'sha1' }, { rejectSha1: true })],
  ])('%s', (_name, input) => {
    expect(codeOf(input)).toBe(40103);
  });
});

describe('verifySignature edges', () => {
  const base = signedInput({ sigVersion: 2, form: [['a', '1']] });
  it('inside the skew window is accepted at both ends', () => {
    expect(codeOf({ ...base, nowMs: NOW + 300_000 })).toBe('ok v2 sha512');
    expect(codeOf({ ...base, nowMs: NOW - 300_000 })).toBe('ok v2 sha512');
    expect(codeOf({ ...base, nowMs: NOW + 900_000, clockSkewSec: 900 })).toBe('ok v2 sha512');
  });

  it('host casing does not matter (the canonical host is lower-cased)', () => {
    const sig = signRequest({ method: 'POST', host: HOST.toUpperCase(), path: '/admin/v1/users', params: [['a', '1']], date: DATE, ikey: IKEY, skey: SKEY, sigVersion: 2 });
    expect(codeOf({ ...base, authorization: sig.authorization })).toBe('ok v2 sha512');
  });

  it('uppercase hex in the signature is accepted', () => {
    const decoded = Buffer.from(base.authorization!.slice(6), 'base64').toString();
    const upper = 'Basic ' + Buffer.from(decoded.toUpperCase().replace(IKEY.toUpperCase(), IKEY)).toString('base64');
    expect(codeOf({ ...base, authorization: upper })).toBe('ok v2 sha512');
  });

  it('tries each candidate host and reports the one that matched', () => {
    const verdict = verifySignature({ ...base, hosts: ['127.0.0.1', HOST] });
    expect(verdict.ok && verdict.host).toBe(HOST);
  });

  it('dateless v1 still verifies when a stale Date header is present', () => {
    const v1 = signedInput({ sigVersion: 1, form: [['a', '1']] }, { date: 'Mon, 01 Jan 2001 00:00:00 GMT' });
    expect(codeOf(v1)).toBe('ok v1 sha512');
  });

  it.each<[string, string | null, number]>([
    ['missing header', null, 40101],
    ['not Basic', 'Bearer abc', 40101],
    ['no colon', 'Basic ' + Buffer.from('DIXXXX').toString('base64'), 40101],
    ['empty signature', 'Basic ' + Buffer.from(`${IKEY}:`).toString('base64'), 40101],
    ['unknown ikey', 'Basic ' + Buffer.from(`DIUNKNOWN:${'a'.repeat(128)}`).toString('base64'), 40102],
    ['signature of a wrong length', 'Basic ' + Buffer.from(`${IKEY}:abcd`).toString('base64'), 40103],
    ['non-hex signature', 'Basic ' + Buffer.from(`${IKEY}:${'z'.repeat(128)}`).toString('base64'), 40103],
    ['wrong secret', signRequest({ method: 'POST', host: HOST, path: '/admin/v1/users', params: [['a', '1']], date: DATE, ikey: IKEY, skey: 'x'.repeat(40), sigVersion: 2 }).authorization, 40103],
  ])('%s -> %s', (_name, authorization, code) => {
    expect(codeOf({ ...base, authorization })).toBe(code);
  });
});

describe('parseDuoDate', () => {
  const at = Date.UTC(2012, 7, 21, 17, 29, 18);
  it.each<[string, number | undefined]>([
    ['Tue, 21 Aug 2012 17:29:18 -0000', at],
    ['Tue, 21 Aug 2012 17:29:18 +0000', at],
    ['Tue, 21 Aug 2012 17:29:18 GMT', at],
    ['Tue, 21 Aug 2012 12:29:18 -0500', at],
    ['Tue, 21 Aug 2012 19:59:18 +0230', at],
    ['21 Aug 2012 17:29:18 UT', at],
    ['Tue, 21 Aug 2012 10:29:18 PDT', at],
    ['tue, 21 aug 2012 17:29:18 gmt', at],
    ['Tue, 21 Aug 2012 17:29 GMT', at - 18_000],
    ['Tue, 31 Feb 2012 17:29:18 GMT', undefined],
    ['Tue, 21 Aout 2012 17:29:18 GMT', undefined],
    ['Dienstag, 21 Aug 2012 17:29:18 GMT', undefined],
    ['2012-08-21T17:29:18Z', undefined],
    ['Tue, 21 Aug 2012 17:29:18', undefined],
    ['Tue, 21 Aug 2012 25:29:18 GMT', undefined],
    ['', undefined],
  ])('%s', (text, expected) => {
    expect(parseDuoDate(text)).toBe(expected);
  });
});
