import { describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipart } from '../src/pipeline/parse-multipart.js';
import { readParams } from '../src/pipeline/read-body.js';

const CT = 'multipart/form-data; boundary=XyZ';
const parse = (body: string | Uint8Array, contentType = CT) =>
  parseMultipart(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, contentType);
const part = (name: string, value: string, extra = '') =>
  `--XyZ\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n\r\n${value}\r\n`;

/** The bytes and Content-Type undici (Node's fetch) sends for a FormData. */
async function encode(form: FormData): Promise<{ body: Uint8Array; contentType: string }> {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { body: new Uint8Array(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

describe('boundaryOf', () => {
  it.each<[string, string | undefined]>([
    ['multipart/form-data; boundary=abc', 'abc'],
    ['multipart/form-data; charset=utf-8; Boundary="a b;c"', 'a b;c'],
    ['multipart/form-data;boundary=----WebKitFormBoundary7MA4YWxk', '----WebKitFormBoundary7MA4YWxk'],
    ['multipart/form-data', undefined],
    ['multipart/form-data; boundary=', undefined],
    ['multipart/form-data; boundary=""', undefined],
  ])('%s -> %s', (contentType, want) => {
    expect(boundaryOf(contentType)).toBe(want);
  });
});

describe('parseMultipart', () => {
  it.each<[string, string, Array<[string, string]>]>([
    ['one field', part('username', 'alice') + '--XyZ--\r\n', [['username', 'alice']]],
    ['fields in order, repeats kept', part('k', 'b') + part('k', 'a') + part('x', '1') + '--XyZ--', [['k', 'b'], ['k', 'a'], ['x', '1']]],
    ['empty value kept (alias1= clears an alias)', part('alias1', '') + '--XyZ--', [['alias1', '']]],
    ['UTF-8 values', part('realname', 'Zoë Ørsted 山田') + '--XyZ--', [['realname', 'Zoë Ørsted 山田']]],
    ['values keep inner line breaks and dashes', part('notes', 'a\r\n--XyZnot-a-boundary\r\nb') + '--XyZ--', [['notes', 'a\r\n--XyZnot-a-boundary\r\nb']]],
    ['a boundary mid-line is content', part('m', 'x --XyZ y') + '--XyZ--', [['m', 'x --XyZ y']]],
    ['preamble and epilogue are ignored', 'preamble text\r\n' + part('a', '1') + '--XyZ--\r\nepilogue', [['a', '1']]],
    ['file parts are not parameters', part('a', '1') + part('upload', 'bytes', '; filename="x.csv"') + '--XyZ--', [['a', '1']]],
    ['quoted name with an escaped quote', part('we\\"ird', 'v') + '--XyZ--', [['we"ird', 'v']]],
    ['part Content-Type header is allowed', '--XyZ\r\nContent-Disposition: form-data; name="a"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nv\r\n--XyZ--', [['a', 'v']]],
    ['bare LF line breaks', '--XyZ\nContent-Disposition: form-data; name="a"\n\n1\n--XyZ--\n', [['a', '1']]],
    ['padding after a boundary', '--XyZ  \r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XyZ--', [['a', '1']]],
    ['no parts', '--XyZ--\r\n', []],
  ])('%s', (_name, body, want) => {
    expect(parse(body)).toEqual({ ok: true, pairs: want });
  });

  it.each<[string, string, string, string]>([
    ['no boundary parameter', part('a', '1') + '--XyZ--', 'multipart/form-data', 'multipart/form-data without a boundary'],
    ['no boundary line', 'username=alice', CT, 'Malformed multipart body: no boundary line'],
    ['never closed', '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1', CT, 'Malformed multipart body: missing closing boundary'],
    ['headers never end', '--XyZ\r\nContent-Disposition: form-data; name="a"', CT, 'Malformed multipart body: part headers never end'],
    ['part without a name', '--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--', CT, 'Malformed multipart body: a part has no form-data name'],
    ['part without a disposition', '--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--', CT, 'Malformed multipart body: a part has no form-data name'],
    ['junk after a boundary', '--XyZ junk\r\n\r\n--XyZ--', CT, 'Malformed multipart body: boundary not followed by a line break'],
    ['a longer word is no boundary', '--XyZjunk\r\n\r\n', CT, 'Malformed multipart body: no boundary line'],
  ])('%s -> error', (_name, body, contentType, error) => {
    expect(parse(body, contentType)).toEqual({ ok: false, error });
  });

  it("reads undici's FormData encoding exactly as undici's own parser does", async () => {
    const form = new FormData();
    form.append('username', 'a b+c');
    form.append('realname', 'Zoë "Z" Ørsted');
    form.append('notes', 'line1\r\nline2\n--not a boundary');
    form.append('alias1', '');
    form.append('file', new Blob([new Uint8Array([0xff, 0x00, 0xfe])]), 'raw.bin');
    form.append('k', '2');
    form.append('k', '1');
    const { body, contentType } = await encode(form);
    const theirs = [...(await new Response(body, { headers: { 'content-type': contentType } }).formData())].filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    );
    expect(parseMultipart(body, contentType)).toEqual({ ok: true, pairs: theirs });
  });
});

describe('readParams with multipart/form-data', () => {
  it('text fields become form pairs, the query stays apart', async () => {
    const form = new FormData();
    form.append('username', 'multi');
    form.append('email', 'multi@example.com');
    const { body, contentType } = await encode(form);
    const raw = readParams(new URL('https://h/p?limit=5'), contentType, body);
    expect(raw.error).toBeUndefined();
    expect(raw.queryPairs).toEqual([['limit', '5']]);
    expect(raw.formPairs).toEqual([['username', 'multi'], ['email', 'multi@example.com']]);
  });

  it('a malformed body is 400/40002 with the reason', () => {
    const raw = readParams(new URL('https://h/p'), 'multipart/form-data', Buffer.from('x'));
    expect(raw.error).toMatchObject({ status: 400, code: 40002, message_detail: 'multipart/form-data without a boundary' });
  });
});
