import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canAccessOrganization, requireScope, type Actor } from '../src/access/actor.js';
import { generateApiToken, hashApiToken, parseBearer } from '../src/access/api-token.js';
import { expandScopes, scopeSatisfies } from '../src/access/scopes.js';
import { redactInputs } from '../src/audit/redact-inputs.js';
import { csvField } from '../src/audit/query-audit.js';
import { HubConfigError, loadConfig } from '../src/config/load-config.js';
import { loadMasterKey } from '../src/config/load-master-key.js';
import { maskSecret } from '../src/crypto/mask-secret.js';
import { SecretBox, SecretBoxError } from '../src/crypto/secret-box.js';
import { SecretScrubber } from '../src/log/secret-scrubber.js';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));
  const secret = 'Zx9SECRETsecretSECRETsecretSECRETsecret0';
  const cred = { table: 'integration_credentials', column: 'secret_key', rowKey: ['int_1', 'admin'] };

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.seal(secret, cred);
    expect(sealed.startsWith(`v2.${box.keys.currentId}.`)).toBe(true);
    expect(sealed).not.toContain(secret);
    expect(Buffer.from(sealed.split('.')[2]!, 'base64url').includes(Buffer.from(secret))).toBe(false);
    expect(box.open(sealed, cred)).toBe(secret);
  });

  it('uses a fresh nonce per value', () => {
    expect(box.seal(secret, cred)).not.toBe(box.seal(secret, cred));
  });

  it.each([
    ['another column (AAD)', (s: string) => s, { ...cred, table: 'organizations', column: 'duo_admin_api_directory_key' }, box],
    ['another row (AAD)', (s: string) => s, { ...cred, rowKey: ['int_1', 'auth'] }, box],
    ['another key', (s: string) => s, cred, new SecretBox(randomBytes(32))],
    ['a flipped byte', (s: string) => s.slice(0, 30) + (s[30] === 'A' ? 'B' : 'A') + s.slice(31), cred, box],
    ['truncation', (s: string) => s.slice(0, 25), cred, box],
    ['an unknown version', (s: string) => 'v9' + s.slice(2), cred, box],
  ])('refuses %s, even right after the genuine value was opened (and remembered)', (_name, mutate, target, opener) => {
    const sealed = box.seal(secret, cred);
    expect(box.open(sealed, cred)).toBe(secret);
    let error: unknown;
    try {
      opener.open(mutate(sealed), target);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SecretBoxError);
    expect(String(error)).not.toContain(secret);
  });

  it('opens values again alike, past the bound of those it remembers', () => {
    const values = Array.from({ length: 300 }, (_, i) => `secret-number-${i}-${'x'.repeat(20)}`);
    const sealed = values.map((v, i) => box.seal(v, { ...cred, rowKey: [`int_${i}`, 'admin'] }));
    for (let round = 0; round < 2; round++) {
      sealed.forEach((s, i) => expect(box.open(s, { ...cred, rowKey: [`int_${i}`, 'admin'] })).toBe(values[i]));
    }
  });

  it('tells its observer about every plaintext it handles', () => {
    const seen: string[] = [];
    const observed = new SecretBox(randomBytes(32), (v) => seen.push(v));
    observed.open(observed.seal('abc-secret-value', cred), cred);
    expect(seen).toEqual(['abc-secret-value', 'abc-secret-value']);
  });
});

describe('maskSecret', () => {
  it.each([
    ['Zx9SECRETsecretSECRETsecretSECRETsecret0', '…ret0'],
    ['1234567890abc', '…0abc'],
    ['123456789012', '****'],
    ['', '****'],
  ])('%s -> %s', (input, hint) => expect(maskSecret(input)).toBe(hint));
});

describe('SecretScrubber', () => {
  it('replaces known values, credential headers and hub tokens', () => {
    const s = new SecretScrubber();
    s.add('Zx9SECRETsecretSECRETsecretSECRETsecret0');
    s.add('short');
    const token = generateApiToken();
    const line = `skey=Zx9SECRETsecretSECRETsecretSECRETsecret0 auth="Basic RElYWFg6YWJjZGVm" bearer=Bearer ${token} raw=${token} short`;
    const out = s.scrub(line);
    expect(out).not.toContain('Zx9SECRET');
    expect(out).not.toContain('RElYWFg6YWJjZGVm');
    expect(out).not.toContain(token);
    expect(out).toContain('short');
  });
});

describe('API tokens', () => {
  it('are prefixed, random and hashed with SHA-256', () => {
    const a = generateApiToken();
    const b = generateApiToken();
    expect(a).toMatch(/^dh_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(hashApiToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken(a)).toBe(hashApiToken(a));
    expect(hashApiToken(a)).not.toBe(hashApiToken(b));
    expect(hashApiToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it.each([
    ['Bearer dh_abc', 'dh_abc'],
    ['bearer dh_abc', 'dh_abc'],
    ['Bearer   dh_abc  ', 'dh_abc'],
    ['Basic dh_abc', undefined],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
    [undefined, undefined],
  ])('parseBearer(%s) -> %s', (header, token) => expect(parseBearer(header)).toBe(token));
});

describe('scopes', () => {
  it.each([
    [['read'], 'read', true],
    [['read'], 'operate', false],
    [['read'], 'admin', false],
    [['operate'], 'read', true],
    [['operate'], 'operate', true],
    [['operate'], 'admin', false],
    [['admin'], 'read', true],
    [['admin'], 'operate', true],
    [['admin'], 'admin', true],
    [[], 'read', false],
    [['root'], 'read', false],
  ] as const)('%j satisfies %s: %s', (granted, needed, expected) => {
    expect(scopeSatisfies(granted, needed)).toBe(expected);
  });

  it('expands implied scopes', () => {
    expect(expandScopes(['admin'])).toEqual(['read', 'operate', 'admin']);
    expect(expandScopes(['operate'])).toEqual(['read', 'operate']);
  });

  it('limits organizations', () => {
    const limited: Actor = { kind: 'token', tokenId: 't', scopes: ['read'], organizationIds: ['o1'] };
    expect(canAccessOrganization(limited, 'o1')).toBe(true);
    expect(canAccessOrganization(limited, 'o2')).toBe(false);
    expect(canAccessOrganization({ ...limited, organizationIds: null }, 'o2')).toBe(true);
    expect(() => requireScope(limited, 'admin')).toThrow(/admin/);
  });
});

describe('redactInputs', () => {
  it.each([
    [{ admin: { api_host: 'h', integration_key: 'DI1', secret_key: 's3cr3t' } }, { admin: { api_host: 'h', integration_key: 'DI1', secret_key: '[REDACTED]' } }],
    [{ duo_admin_api_directory_key: 'k', name: 'n' }, { duo_admin_api_directory_key: '[REDACTED]', name: 'n' }],
    [{ token: 'dh_x', token_id: 'tok_1' }, { token: '[REDACTED]', token_id: 'tok_1' }],
    [{ codes: ['123'], passcode: '1', password: 'p', bypass_codes: ['1'] }, { codes: '[REDACTED]', passcode: '[REDACTED]', password: '[REDACTED]', bypass_codes: '[REDACTED]' }],
    [{ secret_key: null }, { secret_key: null }],
    [{ list: [{ skey: 'x' }] }, { list: [{ skey: '[REDACTED]' }] }],
  ])('%j', (input, expected) => expect(redactInputs(input)).toEqual(expected));

  it('bounds long strings', () => {
    expect((redactInputs({ s: 'x'.repeat(2000) }) as { s: string }).s.length).toBeLessThan(510);
  });
});

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['-1', "'-1"],
  ])('%s -> %s', (input, out) => expect(csvField(input)).toBe(out));
});

describe('loadConfig', () => {
  const key = randomBytes(32).toString('base64');
  it('applies defaults', () => {
    const c = loadConfig({}, '/srv');
    expect(c).toMatchObject({ dataDir: '/srv/.duohub', port: 8787, host: '127.0.0.1', databaseUrl: undefined, databaseConnections: 20, masterKey: undefined, logLevel: 'info' });
  });

  it('reads every variable', () => {
    const c = loadConfig(
      {
        DUOHUB_DATA_DIR: '/data',
        DATABASE_URL: 'postgres://u@h/db',
        DUOHUB_PORT: '9000',
        DUOHUB_MASTER_KEY: key,
        DUOHUB_ADMIN_TOKEN: 'dh_' + randomBytes(32).toString('base64url'),
        DUOHUB_HOST: '0.0.0.0',
        DUOHUB_DATABASE_CONNECTIONS: '12',
      },
      '/srv',
    );
    expect(c.databaseConnections).toBe(12);
    expect(c.dataDir).toBe('/data');
    expect(c.databaseUrl).toBe('postgres://u@h/db');
    expect(c.port).toBe(9000);
    expect(c.host).toBe('0.0.0.0');
    expect(c.masterKey?.toString('base64')).toBe(key);
  });

  it.each([
    [{ DUOHUB_PORT: 'abc' }, 'DUOHUB_PORT'],
    [{ DUOHUB_PORT: '70000' }, 'DUOHUB_PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DUOHUB_MASTER_KEY: 'c2hvcnQ=' }, 'DUOHUB_MASTER_KEY'],
    [{ DUOHUB_MASTER_KEY: 'not base64!!' }, 'DUOHUB_MASTER_KEY'],
    [{ DUOHUB_ADMIN_TOKEN: 'short' }, 'DUOHUB_ADMIN_TOKEN'],
    [{ DUOHUB_LOG_LEVEL: 'loud' }, 'DUOHUB_LOG_LEVEL'],
    [{ DUOHUB_DATABASE_CONNECTIONS: '7' }, 'DUOHUB_DATABASE_CONNECTIONS'],
    [{ DUOHUB_DATABASE_CONNECTIONS: 'many' }, 'DUOHUB_DATABASE_CONNECTIONS'],
  ])('rejects %j naming the variable but not the value', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HubConfigError);
    expect((error as HubConfigError).variable).toBe(variable);
    for (const value of Object.values(env)) if (value.length > 6) expect(String(error)).not.toContain(value);
  });
});

describe('loadMasterKey', () => {
  it('generates master.key with mode 0600 once and reuses it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'duohub-key-'));
    try {
      const first = await loadMasterKey(path.join(dir, 'data'), undefined, { mayGenerate: true });
      expect(first.source).toBe('generated');
      const file = path.join(dir, 'data', 'master.key');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64').equals(first.key)).toBe(true);
      const second = await loadMasterKey(path.join(dir, 'data'), undefined);
      expect(second.source).toBe('file');
      expect(second.key.equals(first.key)).toBe(true);
      expect(second.warning).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prefers the configured key and writes nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'duohub-key-'));
    try {
      const key = randomBytes(32);
      const out = await loadMasterKey(dir, key);
      expect(out.source).toBe('env');
      await expect(stat(path.join(dir, 'master.key'))).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
