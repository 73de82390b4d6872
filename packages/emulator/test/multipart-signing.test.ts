import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { signRequest, type SigDigest } from '@duohub/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import { parentKey } from './helpers/duo-call.js';

const run = promisify(execFile);

/** The bytes and Content-Type undici (Node's fetch) sends for a FormData. */
async function encode(form: FormData): Promise<{ body: Uint8Array; contentType: string }> {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { body: new Uint8Array(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

function formOf(fields: Array<[string, string]>, file?: Uint8Array): FormData {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  if (file) form.append('attachment', new Blob([file]), 'raw.bin');
  return form;
}

interface Keys {
  integration_key: string;
  secret_key: string;
  api_hostname: string;
}

/** Headers for a multipart POST: v2 signs the decoded fields, v5 hashes the body bytes as sent. */
function sign(keys: Keys, host: string, path: string, v: 2 | 5, fields: Array<[string, string]>, body: Uint8Array, digest: SigDigest = 'sha512') {
  return signRequest({
    method: 'POST',
    host,
    path,
    params: v === 2 ? fields : [],
    ...(v === 5 ? { body } : {}),
    date: new Date(),
    ikey: keys.integration_key,
    skey: keys.secret_key,
    sigVersion: v,
    digest,
  }).headers;
}

const FIELDS: Array<[string, string]> = [
  ['username', 'multi.part'],
  ['realname', 'Zoë "Z" Ørsted + co'],
  ['notes', 'line one\r\nline two'],
];

describe('multipart/form-data bodies signed v2 and v5, in process', () => {
  let emu: Emulator;
  let admin: Keys;
  beforeEach(() => {
    emu = createEmulator();
    admin = parentKey(emu, 'admin');
  });

  async function post(v: 2 | 5, opts: { signFields?: Array<[string, string]>; signBody?: Uint8Array; file?: Uint8Array } = {}) {
    const { body, contentType } = await encode(formOf(FIELDS, opts.file));
    const headers = sign(admin, admin.api_hostname, '/admin/v1/users', v, opts.signFields ?? FIELDS, opts.signBody ?? body);
    const res = await emu.fetch(
      new Request(`https://${admin.api_hostname}/admin/v1/users`, { method: 'POST', headers: { ...headers, 'content-type': contentType }, body }),
    );
    return { status: res.status, body: (await res.json()) as any };
  }

  it.each([2, 5] as const)('v%i: the fields are the parameters', async (v) => {
    const res = await post(v);
    expect(res.status).toBe(200);
    expect(res.body.response).toMatchObject({ username: 'multi.part', realname: 'Zoë "Z" Ørsted + co', notes: 'line one\r\nline two' });
  });

  it('v5 hashes the raw bytes, so a binary file part does not break the signature', async () => {
    const res = await post(5, { file: new Uint8Array([0xff, 0xfe, 0x00, 0x80]) });
    expect(res.status).toBe(200);
    expect(res.body.response.username).toBe('multi.part');
  });

  it('v2 that leaves the fields out of the params line is refused (Duo signs POST parameters however they travel)', async () => {
    const res = await post(2, { signFields: [] });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(40103);
  });

  it('v5 over different bytes (another boundary) is refused', async () => {
    const other = await encode(formOf(FIELDS));
    const res = await post(5, { signBody: other.body });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(40103);
  });

  it('Auth API v2 HMAC-SHA1, as Duo’s Auth tooling signs, reads preauth fields from form-data', async () => {
    const auth = parentKey(emu, 'auth');
    const fields: Array<[string, string]> = [['username', 'nobody.here']];
    const { body, contentType } = await encode(formOf(fields));
    const headers = sign(auth, auth.api_hostname, '/auth/v2/preauth', 2, fields, body, 'sha1');
    const res = await emu.fetch(
      new Request(`https://${auth.api_hostname}/auth/v2/preauth`, { method: 'POST', headers: { ...headers, 'content-type': contentType }, body }),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).response.result).toBe('enroll');
  });
});

describe('multipart/form-data over a real port with curl', () => {
  let emu: Emulator;
  let url: string;
  let dir: string;
  beforeAll(async () => {
    emu = createEmulator();
    url = (await emu.listen({ port: 0 })).url;
    dir = mkdtempSync(join(tmpdir(), 'duohub-multipart-'));
  });
  afterAll(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const curl = async (args: string[]) => {
    const { stdout } = await run('curl', ['-sS', '--max-time', '20', '-w', '\n%{http_code}', ...args]);
    const cut = stdout.lastIndexOf('\n');
    return { status: Number(stdout.slice(cut + 1)), body: JSON.parse(stdout.slice(0, cut)) };
  };
  const headerArgs = (headers: Record<string, string>) => Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);

  it('v2: curl -F builds the body, the signature covers the decoded fields', async () => {
    const admin = parentKey(emu, 'admin');
    const fields: Array<[string, string]> = [['username', 'curl.v2'], ['realname', 'Zoë Ørsted']];
    const host = new URL(url).hostname;
    const headers = sign(admin, host, '/admin/v1/users', 2, fields, new Uint8Array());
    const res = await curl([...headerArgs(headers), ...fields.flatMap(([k, v]) => ['--form-string', `${k}=${v}`]), `${url}/admin/v1/users`]);
    expect(res.status).toBe(200);
    expect(res.body.response).toMatchObject({ username: 'curl.v2', realname: 'Zoë Ørsted' });
  });

  it('v5: curl sends the exact multipart bytes that were hashed', async () => {
    const admin = parentKey(emu, 'admin');
    const fields: Array<[string, string]> = [['username', 'curl.v5'], ['email', 'curl.v5@example.com']];
    const { body, contentType } = await encode(formOf(fields, new Uint8Array([0xff, 0x00])));
    const file = join(dir, 'body.bin');
    writeFileSync(file, body);
    const host = new URL(url).hostname;
    const headers = sign(admin, host, '/admin/v1/users', 5, fields, body);
    const res = await curl([...headerArgs({ ...headers, 'Content-Type': contentType }), '--data-binary', `@${file}`, `${url}/admin/v1/users`]);
    expect(res.status).toBe(200);
    expect(res.body.response).toMatchObject({ username: 'curl.v5', email: 'curl.v5@example.com' });
  });
});
