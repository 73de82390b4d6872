import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { loadConfig } from '../src/config/load-config.js';
import { keyId } from '../src/crypto/key-id.js';
import { KeyRing } from '../src/crypto/key-ring.js';
import { parseSealed } from '../src/crypto/parse-sealed.js';
import { SecretBox, SecretBoxError } from '../src/crypto/secret-box.js';
import { legacyAad, sealedAad } from '../src/crypto/seal-target.js';
import { writeCredentialSet } from '../src/integrations/integration-records.js';
import { keysDb } from '../src/keys/master-keys-table.js';
import { MasterKeyError } from '../src/keys/master-key-error.js';
import { directoryKeyColumn, integrationSecretKeyColumn } from '../src/keys/sealed-columns.js';
import { openHub, type OpenedHub } from '../src/server/open-hub.js';
import type { Store } from '../src/store/open-store.js';
import { createTempDatabase } from './helpers/temp-postgres.js';
import { startServeProcess } from './jobs/support/serve-process.js';

const SECRET = 'DirKEYsecretSECRETsecretSECRETsecret0042';
const CRED_SECRET = 'CredSECRETsecretSECRETsecretSECRETsecret9';
const silent = { write: () => {} };
const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'duohub-mk-'));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function open(env: Record<string, string | undefined>): Promise<OpenedHub> {
  return openHub({ config: loadConfig({ DUOHUB_LOG_LEVEL: 'silent', ...env }), logDestination: silent, keyPollMs: 100 });
}

async function refusal(env: Record<string, string | undefined>): Promise<MasterKeyError> {
  const error = await open(env).then(
    async (opened) => {
      await opened.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MasterKeyError);
  return error as MasterKeyError;
}

/** An organization with a directory key and an integration with one credential set, written as the services do. */
async function seed(store: Store, name = 'Acme'): Promise<{ orgId: string; integrationId: string }> {
  const now = new Date().toISOString();
  const orgId = `org_${randomBytes(6).toString('hex')}`;
  const integrationId = `int_${randomBytes(6).toString('hex')}`;
  await store.db
    .insertInto('organizations')
    .values({ id: orgId, name, email_domains: '[]', created_at: now, updated_at: now, duo_admin_api_directory_key: store.secrets.seal(SECRET, directoryKeyColumn.at(orgId)) } as never)
    .execute();
  await store.db
    .insertInto('integrations')
    .values({ id: integrationId, name: `${name} int`, base_url: null, sig_version: 5, last_check: null, last_checked_at: null, created_at: now, updated_at: now })
    .execute();
  await writeCredentialSet(store.db, store, integrationId, 'admin', { api_host: 'api-x.duosecurity.com', integration_key: 'DIXXXXXXXXXXXXXXXXXX', secret_key: CRED_SECRET }, now);
  return { orgId, integrationId };
}

async function rawDirectoryKey(store: Store, orgId: string): Promise<string> {
  const row = await store.db.selectFrom('organizations').select('duo_admin_api_directory_key').where('id', '=', orgId).executeTakeFirstOrThrow();
  return row.duo_admin_api_directory_key!;
}

async function rawCredential(store: Store, integrationId: string): Promise<string> {
  const row = await store.db.selectFrom('integration_credentials').select('secret_key').where('integration_id', '=', integrationId).executeTakeFirstOrThrow();
  return row.secret_key;
}

function b64(key: Buffer): string {
  return key.toString('base64');
}

describe('sealed-value format (pure)', () => {
  it.each([
    ['v2.0123456789abcdef.AAAA', { version: 2, keyId: '0123456789abcdef', payload: 'AAAA' }],
    ['v1.AAAA_-', { version: 1, payload: 'AAAA_-' }],
    ['v2.0123456789ABCDEF.AAAA', undefined],
    ['v2.0123.AAAA', undefined],
    ['v3.AAAA', undefined],
    ['v1.', undefined],
    ['', undefined],
  ])('parseSealed(%j)', (input, expected) => {
    expect(parseSealed(input)).toEqual(expected);
  });

  it.each([
    [{ table: 'a', column: 'b', rowKey: ['c'] }, { table: 'a', column: 'b', rowKey: ['d'] }],
    [{ table: 'a', column: 'b', rowKey: ['c', 'd'] }, { table: 'a', column: 'b', rowKey: ['c,d'] }],
    [{ table: 'a', column: 'b.c', rowKey: ['x'] }, { table: 'a.b', column: 'c', rowKey: ['x'] }],
    [{ table: 'organizations', column: 'k', rowKey: ['1'] }, { table: 'mfa_methods', column: 'k', rowKey: ['1'] }],
  ])('sealedAad tells %j from %j', (a, b) => {
    expect(sealedAad(a)).not.toBe(sealedAad(b));
  });

  it('keeps the legacy additional data of v1 values', () => {
    expect(legacyAad(integrationSecretKeyColumn.at('i', 'admin'))).toBe('integration_credentials.secret_key');
  });

  it('derives a stable 16-hex key id that differs per key', () => {
    const key = randomBytes(32);
    expect(keyId(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyId(Buffer.from(key))).toBe(keyId(key));
    expect(keyId(randomBytes(32))).not.toBe(keyId(key));
  });

  it('a key ring resolves unknown ids only with a key of that id', () => {
    const other = randomBytes(32);
    const ring = new KeyRing(randomBytes(32), { resolve: () => other });
    expect(ring.find(keyId(randomBytes(32)))).toBeUndefined();
    expect(ring.find(keyId(other))?.equals(other)).toBe(true);
    expect(ring.use(keyId(other))).toBe(true);
    expect(ring.currentId).toBe(keyId(other));
  });
});

describe('master key: start-up checks (SQLite)', () => {
  it('generates a key only for an empty store, and creates the store owner-only', async () => {
    const dir = path.join(await tempDir(), 'data');
    const opened = await open({ DUOHUB_DATA_DIR: dir });
    try {
      expect(opened.masterKey.source).toBe('generated');
      expect(opened.masterKey.outcome).toBe('recorded');
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      expect((await stat(path.join(dir, 'master.key'))).mode & 0o777).toBe(0o600);
      await seed(opened.hub.store);
      for (const file of ['duohub.sqlite', 'duohub.sqlite-wal', 'duohub.sqlite-shm']) {
        expect((await stat(path.join(dir, file))).mode & 0o777, file).toBe(0o600);
      }
      const rows = await keysDb(opened.hub.store.db).selectFrom('master_keys').selectAll().execute();
      expect(rows).toEqual([expect.objectContaining({ key_id: opened.masterKey.keyId, is_current: 1, retired_at: null })]);
      expect(rows[0]!.check_value).not.toContain(b64(opened.hub.store.secrets.keys.current));
    } finally {
      await opened.close();
    }
  });

  it('refuses to start when master.key is missing but the store is not empty, and does not generate one', async () => {
    const dir = await tempDir();
    const opened = await open({ DUOHUB_DATA_DIR: dir });
    await seed(opened.hub.store);
    await opened.close();
    await unlink(path.join(dir, 'master.key'));
    const error = await refusal({ DUOHUB_DATA_DIR: dir });
    expect(error.message).toContain(path.join(dir, 'master.key'));
    expect(error.message).toMatch(/restore master\.key from your backup/i);
    await expect(stat(path.join(dir, 'master.key'))).rejects.toThrow();
  });

  it('refuses a wrong key with a message naming where it came from, never the key', async () => {
    const dir = await tempDir();
    const opened = await open({ DUOHUB_DATA_DIR: dir });
    await seed(opened.hub.store);
    const recorded = opened.masterKey.keyId;
    await opened.close();
    const wrong = b64(randomBytes(32));
    const fromEnv = await refusal({ DUOHUB_DATA_DIR: dir, DUOHUB_MASTER_KEY: wrong });
    expect(fromEnv.message).toContain('DUOHUB_MASTER_KEY (environment)');
    expect(fromEnv.message).toContain(`sealed under master key id ${recorded}`);
    expect(fromEnv.message).not.toContain(wrong);
  });

  it('records a legacy store\'s key after checking it, and upgrades v1 values on the first start', async () => {
    const dir = await tempDir();
    const key = randomBytes(32);
    const opened = await open({ DUOHUB_DATA_DIR: dir, DUOHUB_MASTER_KEY: b64(key) });
    const { orgId } = await seed(opened.hub.store);
    // Rewrite the value as the first release sealed it, and forget the key record, as in a data dir from before key ids.
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(Buffer.from('organizations.duo_admin_api_directory_key'));
    const ct = Buffer.concat([cipher.update(SECRET, 'utf8'), cipher.final()]);
    const v1 = `v1.${Buffer.concat([nonce, cipher.getAuthTag(), ct]).toString('base64url')}`;
    await opened.hub.store.db.updateTable('organizations').set({ duo_admin_api_directory_key: v1 }).where('id', '=', orgId).execute();
    await keysDb(opened.hub.store.db).deleteFrom('master_keys').execute();
    await opened.close();

    expect((await refusal({ DUOHUB_DATA_DIR: dir, DUOHUB_MASTER_KEY: b64(randomBytes(32)) })).message).toMatch(/does not open the secrets already in this store/);
    const again = await open({ DUOHUB_DATA_DIR: dir, DUOHUB_MASTER_KEY: b64(key) });
    try {
      expect(again.masterKey).toMatchObject({ outcome: 'recorded', upgraded: 1, unreadable: 0 });
      const raw = await rawDirectoryKey(again.hub.store, orgId);
      expect(raw.startsWith(`v2.${keyId(key)}.`)).toBe(true);
      expect(again.hub.store.secrets.open(raw, directoryKeyColumn.at(orgId))).toBe(SECRET);
    } finally {
      await again.close();
    }
  });

  it('a sealed value copied to another row (or column) fails to open', async () => {
    const dir = await tempDir();
    const opened = await open({ DUOHUB_DATA_DIR: dir });
    try {
      const a = await seed(opened.hub.store, 'A');
      const b = await seed(opened.hub.store, 'B');
      const { secrets } = opened.hub.store;
      const sealedA = await rawDirectoryKey(opened.hub.store, a.orgId);
      expect(secrets.open(sealedA, directoryKeyColumn.at(a.orgId))).toBe(SECRET);
      expect(() => secrets.open(sealedA, directoryKeyColumn.at(b.orgId))).toThrow(SecretBoxError);
      const credA = await rawCredential(opened.hub.store, a.integrationId);
      expect(() => secrets.open(credA, integrationSecretKeyColumn.at(a.integrationId, 'auth'))).toThrow(SecretBoxError);
      expect(() => secrets.open(credA, directoryKeyColumn.at(a.integrationId))).toThrow(SecretBoxError);
    } finally {
      await opened.close();
    }
  });

  it('adopts a new key at start when the recorded key is given as DUOHUB_MASTER_KEY_PREVIOUS, then refuses the old one', async () => {
    const dir = await tempDir();
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const first = await open({ DUOHUB_DATA_DIR: dir, DUOHUB_MASTER_KEY: b64(oldKey) });
    const { orgId } = await seed(first.hub.store);
    await first.close();
    const second = await open({ DUOHUB_DATA_DIR: dir, DUOHUB_MASTER_KEY: b64(newKey), DUOHUB_MASTER_KEY_PREVIOUS: b64(oldKey) });
    try {
      expect(second.masterKey).toMatchObject({ outcome: 'adopted', upgraded: 2, keyId: keyId(newKey) });
      expect((await rawDirectoryKey(second.hub.store, orgId)).startsWith(`v2.${keyId(newKey)}.`)).toBe(true);
    } finally {
      await second.close();
    }
    expect((await refusal({ DUOHUB_DATA_DIR: dir, DUOHUB_MASTER_KEY: b64(oldKey) })).message).toMatch(/was retired/);
  });
});

describe('master key: duohub keys rotate', () => {
  it('re-seals every value under a new key, keeps the old key file, and the old key no longer opens them', async () => {
    const dir = await tempDir();
    const opened = await open({ DUOHUB_DATA_DIR: dir });
    const oldKey = Buffer.from(opened.hub.store.secrets.keys.current);
    const oldId = opened.masterKey.keyId;
    const seeded = [await seed(opened.hub.store, 'A'), await seed(opened.hub.store, 'B')];
    await opened.close();

    const out: string[] = [];
    const code = await runCli(['node', 'duohub', 'keys', 'rotate', '--settle-ms', '0', '--json'], {
      env: { DUOHUB_DATA_DIR: dir, DUOHUB_LOG_LEVEL: 'silent' },
      io: { out: (t) => void out.push(t), err: (t) => void out.push(t) },
    });
    expect(code, out.join('')).toBe(0);
    const report = JSON.parse(out.join(''));
    expect(report).toMatchObject({ from_key_id: oldId, resealed: 4, unreadable: 0, remaining: 0 });
    const newKey = Buffer.from((await readFile(path.join(dir, 'master.key'), 'utf8')).trim(), 'base64');
    expect(keyId(newKey)).toBe(report.to_key_id);
    expect((await stat(path.join(dir, 'master.key'))).mode & 0o777).toBe(0o600);
    const retired = path.join(dir, `master.key.retired-${oldId}`);
    expect(Buffer.from((await readFile(retired, 'utf8')).trim(), 'base64').equals(oldKey)).toBe(true);
    expect((await stat(retired)).mode & 0o777).toBe(0o600);

    const after = await open({ DUOHUB_DATA_DIR: dir });
    try {
      expect(after.masterKey).toMatchObject({ outcome: 'matched', keyId: report.to_key_id, upgraded: 0 });
      const oldBox = new SecretBox(oldKey);
      for (const { orgId, integrationId } of seeded) {
        const dirKey = await rawDirectoryKey(after.hub.store, orgId);
        const cred = await rawCredential(after.hub.store, integrationId);
        for (const raw of [dirKey, cred]) expect(raw.startsWith(`v2.${report.to_key_id}.`)).toBe(true);
        expect(after.hub.store.secrets.open(dirKey, directoryKeyColumn.at(orgId))).toBe(SECRET);
        expect(after.hub.store.secrets.open(cred, integrationSecretKeyColumn.at(integrationId, 'admin'))).toBe(CRED_SECRET);
        expect(() => oldBox.open(dirKey, directoryKeyColumn.at(orgId))).toThrow(SecretBoxError);
      }
      const keys = await keysDb(after.hub.store.db).selectFrom('master_keys').selectAll().orderBy('created_at').execute();
      expect(keys.map((k) => [k.key_id, k.is_current, k.retired_at !== null])).toEqual([
        [oldId, null, true],
        [report.to_key_id, 1, false],
      ]);
    } finally {
      await after.close();
    }
    const stale = await refusal({ DUOHUB_DATA_DIR: dir, DUOHUB_MASTER_KEY: b64(oldKey) });
    expect(stale.message).toMatch(/was retired/);
  });

  it('with DUOHUB_MASTER_KEY from the environment needs --new-key-env and prints what to do next', async () => {
    const dir = await tempDir();
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const opened = await open({ DUOHUB_DATA_DIR: dir, DUOHUB_MASTER_KEY: b64(oldKey) });
    await seed(opened.hub.store);
    await opened.close();
    const run = async (args: string[], extra: Record<string, string> = {}) => {
      const out: string[] = [];
      const code = await runCli(['node', 'duohub', 'keys', 'rotate', '--settle-ms', '0', ...args], {
        env: { DUOHUB_DATA_DIR: dir, DUOHUB_MASTER_KEY: b64(oldKey), DUOHUB_LOG_LEVEL: 'silent', ...extra },
        io: { out: (t) => void out.push(t), err: (t) => void out.push(t) },
      });
      return { code, text: out.join('') };
    };
    const refused = await run([]);
    expect(refused.code).toBe(1);
    expect(refused.text).toMatch(/--new-key-env/);
    const done = await run(['--new-key-env', 'NEW_KEY'], { NEW_KEY: b64(newKey) });
    expect(done.code, done.text).toBe(0);
    expect(done.text).toContain('set DUOHUB_MASTER_KEY to the value of NEW_KEY');
    expect(done.text).not.toContain(b64(newKey));
    await expect(stat(path.join(dir, 'master.key'))).rejects.toThrow();
    const after = await open({ DUOHUB_DATA_DIR: dir, DUOHUB_MASTER_KEY: b64(newKey) });
    expect(after.masterKey.outcome).toBe('matched');
    await after.close();
  });

  it('a running hub keeps answering during and after the rotation, and seals new writes under the new key', async () => {
    const dir = await tempDir();
    const token = `dh_${randomBytes(24).toString('hex')}`;
    const env = { DUOHUB_DATA_DIR: dir, DUOHUB_ADMIN_TOKEN: token };
    let serve = await startServeProcess(env);
    try {
      const created = await serve.api('POST', '/api/organizations', { body: { name: 'Live Org', email_domains: [], duo_admin_api_directory_key: SECRET } });
      expect(created.status, created.text).toBe(201);
      const orgId = created.body.id as string;

      let stop = false;
      const answers: number[] = [];
      const poller = (async () => {
        while (!stop) {
          const res = await serve.api('GET', `/api/organizations/${orgId}`);
          answers.push(res.status === 200 && res.body.duo_admin_api_directory_key_hint === `…${SECRET.slice(-4)}` ? 200 : res.status);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const out: string[] = [];
      const code = await runCli(['node', 'duohub', 'keys', 'rotate', '--settle-ms', '1500', '--json'], {
        env: { DUOHUB_DATA_DIR: dir, DUOHUB_LOG_LEVEL: 'silent' },
        io: { out: (t) => void out.push(t), err: (t) => void out.push(t) },
      });
      expect(code, out.join('')).toBe(0);
      const report = JSON.parse(out.join(''));
      // The hub polls the store every second; give it one more tick after the rotation.
      await new Promise((r) => setTimeout(r, 1200));
      const patched = await serve.api('PATCH', `/api/organizations/${orgId}`, { body: { duo_admin_api_directory_key: `${SECRET}-2` } });
      expect(patched.status, patched.text).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      stop = true;
      await poller;
      expect(answers.length).toBeGreaterThan(5);
      expect(answers.filter((s) => s !== 200)).toEqual([]);

      await serve.stop();
      // Nothing left to upgrade at the next start: the hub sealed its write under the new key.
      const check = await open({ DUOHUB_DATA_DIR: dir });
      expect(check.masterKey).toMatchObject({ outcome: 'matched', keyId: report.to_key_id, upgraded: 0 });
      expect((await rawDirectoryKey(check.hub.store, orgId)).startsWith(`v2.${report.to_key_id}.`)).toBe(true);
      await check.close();
      serve = await startServeProcess(env);
      const view = await serve.api('GET', `/api/organizations/${orgId}`);
      expect(view.status).toBe(200);
      expect(view.body.duo_admin_api_directory_key_hint).toBe(`…${`${SECRET}-2`.slice(-4)}`);
    } finally {
      await serve.stop();
    }
  }, 30_000);
});

describe('master key: two replicas with different keys', () => {
  it('SQLite: a second hub on the same data dir with another DUOHUB_MASTER_KEY refuses to start', async () => {
    const dir = await tempDir();
    const first = await open({ DUOHUB_DATA_DIR: dir, DUOHUB_MASTER_KEY: b64(randomBytes(32)) });
    try {
      const error = await refusal({ DUOHUB_DATA_DIR: dir, DUOHUB_MASTER_KEY: b64(randomBytes(32)) });
      expect(error.message).toContain(`sealed under master key id ${first.masterKey.keyId}`);
    } finally {
      await first.close();
    }
  });

  const databaseUrl = process.env.DATABASE_URL;
  describe.skipIf(!databaseUrl)('Postgres', () => {
    let db: Awaited<ReturnType<typeof createTempDatabase>>;
    beforeAll(async () => {
      db = await createTempDatabase(databaseUrl!);
    });
    afterAll(async () => {
      await db?.drop();
    });

    it('a second replica with another key refuses; one with the same key starts', async () => {
      const key = b64(randomBytes(32));
      const first = await open({ DATABASE_URL: db.url, DUOHUB_DATA_DIR: await tempDir(), DUOHUB_MASTER_KEY: key });
      try {
        await seed(first.hub.store);
        const error = await refusal({ DATABASE_URL: db.url, DUOHUB_DATA_DIR: await tempDir(), DUOHUB_MASTER_KEY: b64(randomBytes(32)) });
        expect(error.message).toContain(`sealed under master key id ${first.masterKey.keyId}`);
        const twin = await open({ DATABASE_URL: db.url, DUOHUB_DATA_DIR: await tempDir(), DUOHUB_MASTER_KEY: key });
        expect(twin.masterKey.outcome).toBe('matched');
        await twin.close();
        // A replica without any key must not generate one: the store is not empty.
        await refusal({ DATABASE_URL: db.url, DUOHUB_DATA_DIR: await tempDir() });
      } finally {
        await first.close();
      }
    });
  });
});
