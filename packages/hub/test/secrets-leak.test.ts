import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, newIntegration } from '@duohub/emulator';
import { createTempDatabase } from './helpers/temp-postgres.js';
import { startTestEmulator, startTestHub, type ApiAnswer, type TestEmulator, type TestHub } from './helpers/test-hub.js';

const run = promisify(execFile);

/** Drives every surface with secrets in play, then looks for them everywhere they must not be. */
function secretsSuite(backend: 'sqlite' | 'postgres') {
  let emu: TestEmulator;
  let hub: TestHub;
  let pgDb: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  const responses: ApiAnswer[] = [];
  const secrets: Record<string, string> = {};

  const call = async (method: string, path: string, options: Parameters<TestHub['api']>[2] = {}) => {
    const res = await hub.api(method, path, options);
    responses.push(res);
    return res;
  };

  beforeAll(async () => {
    emu = await startTestEmulator();
    if (backend === 'postgres') pgDb = await createTempDatabase(process.env.DATABASE_URL!);
    hub = await startTestHub(pgDb ? { databaseUrl: pgDb.url } : {});
    // A separate Admin API application whose secret we rotate.
    const rotating = newIntegration('admin', 'rotating', Math.random);
    emu.emulator.state.accounts[emu.parentId]!.integrations[rotating.integration_key] = rotating;
    secrets.admin = rotating.secret_key;
    secrets.accounts = emu.sets.accounts.secret_key;
    secrets.auth = emu.sets.auth.secret_key;
    secrets.wrong = 'WrongWrongWrongWrongWrongWrongWrong12345';
    secrets.directoryKey = 'dirkey-SUPER-private-0123456789';
    secrets.bootstrap = hub.adminToken;

    const adminSet = { api_host: emu.sets.admin.api_host, integration_key: rotating.integration_key, secret_key: rotating.secret_key };
    const created = await call('POST', '/api/integrations', {
      body: { name: 'leaky?', base_url: emu.url, admin: adminSet, accounts: emu.sets.accounts, auth: emu.sets.auth },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // A refused create with a wrong secret, and a forced one.
    expect((await call('POST', '/api/integrations', { body: { name: 'bad', base_url: emu.url, auth: { ...emu.sets.auth, secret_key: secrets.wrong } } })).status).toBe(422);
    // Rotation: the new value is written, the old one must vanish from the store.
    secrets.rotated = 'RotatedRotatedRotatedRotatedRotated12345';
    rotating.secret_key = secrets.rotated;
    expect((await call('PATCH', `/api/integrations/${id}`, { body: { admin: { secret_key: secrets.rotated } } })).status).toBe(200);
    const org = await call('POST', '/api/organizations', {
      body: { name: 'Org', email_domains: ['org.example'], duo_admin_api_directory_key: secrets.directoryKey },
    });
    expect(org.status).toBe(201);
    // An organization with its own Auth API keys (its child account's application): a refused save, a good one, then use.
    const child = newAccount('Leaky Client', emu.parentId, Math.random);
    const childAuth = newIntegration('auth', 'child auth', Math.random);
    child.integrations[childAuth.integration_key] = childAuth;
    emu.emulator.state.accounts[child.account_id] = child;
    secrets.orgAuth = childAuth.secret_key;
    const orgAuth = { api_host: child.api_hostname, integration_key: childAuth.integration_key, secret_key: childAuth.secret_key };
    const clientOrg = await call('POST', '/api/organizations', { body: { name: 'Client', integration_id: id, duo_account_id: child.account_id } });
    expect(clientOrg.status).toBe(201);
    expect((await call('PATCH', `/api/organizations/${clientOrg.body.id}`, { body: { auth: { ...orgAuth, secret_key: secrets.wrong } } })).status).toBe(422);
    expect((await call('PATCH', `/api/organizations/${clientOrg.body.id}`, { body: { auth: orgAuth } })).status).toBe(200);
    expect((await call('POST', '/api/actions/auth.check/run', { body: { integration_id: id, organization_id: clientOrg.body.id, input: {} } })).status).toBe(200);
    expect((await call('POST', '/api/verify', { body: { organization_id: clientOrg.body.id, username: 'nobody' } })).status).toBe(200);
    const token = await call('POST', '/api/tokens', { body: { name: 'ci', scopes: ['read'] } });
    secrets.token = token.body.token;
    expect(secrets.token).toMatch(/^dh_/);
    await call('GET', '/api/organizations', { token: secrets.token });
    await call('GET', '/api/integrations');
    await call('GET', `/api/integrations/${id}`);
    await call('POST', `/api/integrations/${id}/test`);
    await call('GET', `/api/integrations/${id}/accounts`);
    await call('GET', `/api/integrations/${id}/mapping-suggestions`);
    await call('GET', `/api/organizations/${org.body.id}`);
    await call('GET', '/api/tokens');
    await call('GET', '/api/audit?limit=1000');
    await call('GET', '/api/audit?format=csv');
    await call('GET', '/api/openapi.json', { token: null });
    await call('GET', '/metrics', { token: null });
    // Secrets handed to the logger directly: by field path and inside free text.
    hub.hub.logger.info({ secret_key: secrets.auth, nested: { skey: secrets.accounts }, headers: { authorization: `Bearer ${secrets.token}` } }, 'structured');
    hub.hub.logger.warn(`free text mentioning ${secrets.directoryKey} and ${secrets.rotated}`);
    hub.hub.logger.error({ err: new Error(`boom with ${secrets.bootstrap}`) }, 'error path');
  });

  afterAll(async () => {
    await hub?.close();
    await emu?.close();
    await pgDb?.drop();
  });

  const names = () => Object.keys(secrets);

  it('keeps every secret out of every response (the new token appears once, in its create answer)', () => {
    const withToken = responses.filter((r) => r.text.includes(secrets.token!));
    expect(withToken).toHaveLength(1);
    expect(withToken[0]!.status).toBe(201);
    const all = responses.filter((r) => r !== withToken[0]).map((r) => r.text).join('\n');
    expect(all.length).toBeGreaterThan(1000);
    for (const name of names()) expect(all.includes(secrets[name]!), name).toBe(false);
    // The hints are there instead.
    expect(all).toContain(`…${secrets.rotated!.slice(-4)}`);
    expect(all).toContain(`…${secrets.directoryKey!.slice(-4)}`);
    expect(all).toContain(`…${secrets.orgAuth!.slice(-4)}`);
  });

  it('keeps every secret out of every log line', async () => {
    await new Promise((r) => setTimeout(r, 50));
    const logs = hub.logs.join('');
    expect(hub.logs.length).toBeGreaterThan(10);
    expect(logs).toContain('structured');
    expect(logs).toContain('[REDACTED]');
    for (const name of names()) expect(logs.includes(secrets[name]!), name).toBe(false);
  });

  it('keeps every secret out of the audit log', async () => {
    const rows = await hub.store.db.selectFrom('audit_log').selectAll().execute();
    expect(rows.length).toBeGreaterThan(5);
    const text = JSON.stringify(rows);
    for (const name of names()) expect(text.includes(secrets[name]!), name).toBe(false);
    expect(text).toContain('[REDACTED]');
  });

  it('keeps every secret out of the raw database', async () => {
    let dump: string;
    if (backend === 'sqlite') {
      const file = hub.store.location;
      const parts = await Promise.all([file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => readFile(f)));
      expect(parts.length).toBeGreaterThanOrEqual(2);
      const bytes = Buffer.concat(parts);
      for (const name of names()) {
        expect(bytes.includes(Buffer.from(secrets[name]!, 'utf8')), name).toBe(false);
        expect(bytes.includes(Buffer.from(secrets[name]!, 'utf16le')), name).toBe(false);
      }
      // The non-secret parts are stored in clear, so the search would have found a secret stored the same way.
      expect(bytes.includes(Buffer.from(emu.sets.auth.integration_key))).toBe(true);
      return;
    }
    try {
      dump = (await run('pg_dump', ['--data-only', pgDb!.url], { maxBuffer: 64 * 1024 * 1024 })).stdout;
    } catch {
      // No pg_dump: read every text column of every table instead.
      const tables = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns
        where table_schema = 'public' and data_type in ('text', 'character varying')`.execute(hub.store.db);
      const values: string[] = [];
      for (const { table_name, column_name } of tables.rows) {
        const rows = await sql<{ v: string | null }>`select ${sql.ref(column_name)} as v from ${sql.table(table_name)}`.execute(hub.store.db);
        values.push(...rows.rows.map((r) => r.v ?? ''));
      }
      dump = values.join('\n');
    }
    expect(dump.includes(emu.sets.auth.integration_key)).toBe(true);
    for (const name of names()) expect(dump.includes(secrets[name]!), name).toBe(false);
  });
}

describe('secrets stay secret: SQLite', () => secretsSuite('sqlite'));

const describePg = process.env.DATABASE_URL ? describe : describe.skip;
describePg(
  process.env.DATABASE_URL ? 'secrets stay secret: Postgres' : 'secrets stay secret: Postgres (skipped: DATABASE_URL is unset)',
  () => secretsSuite('postgres'),
);
