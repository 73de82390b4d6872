import { describe, expect, it } from 'vitest';
import {
  buildSignedRequest,
  canonicalizeParams,
  DuoAdminClient,
  DuoAuthClient,
  encodeForm,
  formatDuoDate,
  sha512Hex,
  stableJson,
} from '../../src/index.js';
import { CREDS, fakeDuo, ok } from '../support/fake-duo.js';

const date = new Date(Date.UTC(2026, 10, 22, 6, 0, 0));
const base = { host: CREDS.host, ikey: CREDS.ikey, skey: CREDS.skey, date };

describe('buildSignedRequest: where parameters travel', () => {
  it.each([
    // [name, method, sigVersion, params, expected target, expected body, content type, params line]
    ['v5 GET: query and params line', 'GET', 5, { limit: 2, username: 'a b' }, '/p?limit=2&username=a%20b', undefined, undefined, 'limit=2&username=a%20b'],
    ['v5 DELETE: query', 'DELETE', 5, { account_id: 'DA1' }, '/p?account_id=DA1', undefined, undefined, 'account_id=DA1'],
    ['v5 GET without params: bare path', 'GET', 5, {}, '/p', undefined, undefined, ''],
    ['v5 POST: sorted compact JSON, empty params line', 'POST', 5, { z: '1', a: true, n: 5 }, '/p', '{"a":true,"n":5,"z":"1"}', 'application/json', ''],
    ['v5 POST without params: {}', 'POST', 5, {}, '/p', '{}', 'application/json', ''],
    ['v5 PUT: JSON like POST', 'PUT', 5, { b: 'x' }, '/p', '{"b":"x"}', 'application/json', ''],
    ['v2 POST: form body signed in params line', 'POST', 2, { b: 'x y', a: '1' }, '/p', 'b=x%20y&a=1', 'application/x-www-form-urlencoded', 'a=1&b=x%20y'],
    ['v2 POST without params: empty form', 'POST', 2, {}, '/p', '', 'application/x-www-form-urlencoded', ''],
    ['v2 GET: query like v5', 'GET', 2, { k: "!'()*" }, '/p?k=%21%27%28%29%2A', undefined, undefined, 'k=%21%27%28%29%2A'],
  ] as const)('%s', (_name, method, sigVersion, params, target, body, contentType, paramsLine) => {
    const built = buildSignedRequest({ ...base, method, path: '/p', params, sigVersion });
    expect(built.target).toBe(target);
    expect(built.body).toBe(body);
    expect(built.headers['Content-Type']).toBe(contentType);
    const lines = built.canonical.split('\n');
    expect(lines[0]).toBe(formatDuoDate(date));
    expect(lines[1]).toBe(method);
    expect(lines[2]).toBe(CREDS.host);
    expect(lines[4]).toBe(paramsLine);
    if (sigVersion === 5) {
      expect(lines).toHaveLength(7);
      expect(lines[5]).toBe(sha512Hex(body ?? ''));
    } else {
      expect(lines).toHaveLength(5);
    }
    expect(built.headers['Date']).toBe(formatDuoDate(date));
    expect(built.headers['Authorization']).toMatch(/^Basic [A-Za-z0-9+/=]+$/);
  });

  it('keeps the caller order of repeated values on the wire but signs them sorted', () => {
    const built = buildSignedRequest({ ...base, method: 'GET', path: '/p', params: [['next_offset', '9'], ['next_offset', '10']], sigVersion: 5 });
    expect(built.target).toBe('/p?next_offset=9&next_offset=10');
    expect(built.canonical.split('\n')[4]).toBe('next_offset=10&next_offset=9');
  });

  it('groups repeated pair keys into a JSON array for v5 bodies', () => {
    expect(stableJson([['k', 'b'], ['k', 'a'], ['j', '1']])).toBe('{"j":"1","k":["b","a"]}');
  });

  it('serializes non-ASCII as raw UTF-8 and hashes those bytes', () => {
    const built = buildSignedRequest({ ...base, method: 'POST', path: '/p', params: { realname: 'Zoë 李' }, sigVersion: 5 });
    expect(built.body).toBe('{"realname":"Zoë 李"}');
    expect(built.canonical.split('\n')[5]).toBe(sha512Hex(Buffer.from('{"realname":"Zoë 李"}', 'utf8')));
  });

  it('drops undefined and null parameters everywhere', () => {
    const built = buildSignedRequest({ ...base, method: 'POST', path: '/p', params: { a: '1', b: undefined, c: null }, sigVersion: 5 });
    expect(built.body).toBe('{"a":"1"}');
    expect(stableJson({ a: undefined })).toBe('{}');
  });

  it('encodes form pairs as Duo canonicalizes them', () => {
    expect(encodeForm([['a b', 'c+d'], ['é', '~']])).toBe('a%20b=c%2Bd&%C3%A9=~');
    expect(encodeForm([['x', '1']])).toBe(canonicalizeParams({ x: '1' }));
  });
});

describe('client requests on the wire (fake fetch)', () => {
  it('v5 by default: query for GET, JSON for POST, signatures that verify, Duo host in the URL', async () => {
    const duo = fakeDuo(() => ok({}));
    const admin = new DuoAdminClient({ ...CREDS, fetch: duo.fetch });
    await admin.request('GET', '/admin/v1/users', { username: 'alice' });
    await admin.request('POST', '/admin/v1/users', { username: 'bob', realname: 'Bob B' });
    await admin.request('DELETE', '/admin/v1/users/DU1', { x: 'y' });
    const [get, post, del] = duo.seen;
    expect(get!.url.host).toBe(CREDS.host);
    expect(get!.query).toEqual([['username', 'alice']]);
    expect(get!.body).toBe('');
    expect(post!.query).toEqual([]);
    expect(post!.body).toBe('{"realname":"Bob B","username":"bob"}');
    expect(post!.headers.get('content-type')).toBe('application/json');
    expect(del!.query).toEqual([['x', 'y']]);
    expect(duo.seen.every((s) => s.signatureValid)).toBe(true);
    expect(get!.headers.get('user-agent')).toMatch(/^duohub-sdk\//);
  });

  it('the test verifier rejects a signature made with another secret', async () => {
    const duo = fakeDuo(() => ok({}), CREDS.skey.replace(/^./, 'Q'));
    await new DuoAdminClient({ ...CREDS, fetch: duo.fetch }).request('POST', '/admin/v1/users', { username: 'x' });
    expect(duo.seen[0]!.signatureValid).toBe(false);
  });

  it('v2 option: form-encoded POST signed in the params line', async () => {
    const duo = fakeDuo(() => ok({}));
    const admin = new DuoAdminClient({ ...CREDS, sigVersion: 2, fetch: duo.fetch });
    await admin.request('POST', '/admin/v1/users', { username: 'bob', status: 'active' });
    const [post] = duo.seen;
    expect(post!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(post!.form).toEqual([['username', 'bob'], ['status', 'active']]);
    expect(post!.signatureValid).toBe(true);
  });

  it('signs with the clock given in options', async () => {
    const duo = fakeDuo(() => ok({ time: 1 }));
    const auth = new DuoAuthClient({ ...CREDS, fetch: duo.fetch, now: () => Date.UTC(2012, 7, 21, 17, 29, 18) });
    await auth.check();
    expect(duo.seen[0]!.headers.get('date')).toBe('Tue, 21 Aug 2012 17:29:18 -0000');
  });

  it('returns status, response and metadata exactly as sent', async () => {
    const duo = fakeDuo(() => ok(['a', 'b'], { total_objects: 2 }));
    const admin = new DuoAdminClient({ ...CREDS, fetch: duo.fetch });
    const res = await admin.request('GET', '/admin/v1/users');
    expect(res).toEqual({ status: 200, response: ['a', 'b'], metadata: { total_objects: 2 } });
    const text = fakeDuo(() => ok(''));
    const res2 = await new DuoAdminClient({ ...CREDS, fetch: text.fetch }).request('DELETE', '/admin/v1/users/DU1');
    expect(res2).toEqual({ status: 200, response: '' });
  });

  it('returns non-JSON bodies as bytes with their content type', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const duo = fakeDuo(() => new Response(png, { status: 200, headers: { 'content-type': 'image/png' } }));
    const logo = await new DuoAuthClient({ ...CREDS, fetch: duo.fetch }).logo();
    expect(logo.contentType).toBe('image/png');
    expect([...logo.data]).toEqual([...png]);
  });
});
