import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor, type Actor } from '../src/access/actor.js';
import { authenticateToken, createToken, ensureBootstrapToken, listTokens, revokeToken } from '../src/access/token-service.js';
import { auditedWrite } from '../src/audit/audited-write.js';
import { queryAudit } from '../src/audit/query-audit.js';
import { HubError } from '../src/errors/hub-error.js';
import type { HubContext } from '../src/hub-context.js';
import { defaultDuoConnectOptions } from '../src/integrations/duo-connect-options.js';
import { loadIntegration, openCredentialSets, writeCredentialSet } from '../src/integrations/integration-records.js';
import { createLogger } from '../src/log/create-logger.js';
import { SecretScrubber } from '../src/log/secret-scrubber.js';
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
} from '../src/organizations/organization-service.js';
import { hubMigrations } from '../src/store/migrations/hub-migrations.js';
import { isForeignKeyViolation, isUniqueViolation } from '../src/store/is-unique-violation.js';
import { migrate, openStore, type Store } from '../src/store/open-store.js';
import { createTempDatabase } from './helpers/temp-postgres.js';

const SKEY = 'Abcdefghij0123456789ABCDEFGHIJabcdefghij';

/** The one store contract: every backend must pass it unchanged. */
function storeContract(open: () => Promise<{ store: Store; cleanup(): Promise<void> }>) {
  let store: Store;
  let cleanup: () => Promise<void>;
  let hub: HubContext;
  beforeAll(async () => {
    ({ store, cleanup } = await open());
    const scrubber = new SecretScrubber();
    hub = {
      store,
      scrubber,
      logger: createLogger({ level: 'silent', scrubber, destination: { write: () => {} } }),
      duo: defaultDuoConnectOptions(),
      now: () => new Date(),
    };
  });
  afterAll(async () => {
    await store.close();
    await cleanup();
  });

  async function insertIntegration(name: string): Promise<string> {
    const id = `int_${randomBytes(6).toString('hex')}`;
    const now = new Date().toISOString();
    await store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('integrations')
        .values({ id, name, base_url: null, sig_version: 5, last_check: null, last_checked_at: null, created_at: now, updated_at: now })
        .execute();
      await writeCredentialSet(trx, store, id, 'admin', { api_host: 'api-1.duosecurity.com', integration_key: 'DIABCDEFGHIJ0123456789'.slice(0, 20), secret_key: SKEY }, now);
      await writeCredentialSet(trx, store, id, 'accounts', { api_host: 'api-1.duosecurity.com', integration_key: 'DIZZZZZZZZZZ00000000', secret_key: SKEY }, now);
    });
    return id;
  }

  it('migrates once; running the migrations again changes nothing', async () => {
    expect(await migrate(store.db, hubMigrations)).toEqual([]);
    const tables = ['integrations', 'integration_credentials', 'organizations', 'api_tokens', 'audit_log'] as const;
    for (const t of tables) await expect(store.db.selectFrom(t).selectAll().limit(1).execute()).resolves.toBeDefined();
  });

  it('stores credential sets sealed and opens them again', async () => {
    const id = await insertIntegration('sealed');
    const raw = await store.db.selectFrom('integration_credentials').selectAll().where('integration_id', '=', id).execute();
    expect(raw).toHaveLength(2);
    for (const row of raw) expect(row.secret_key).not.toContain(SKEY);
    const sets = openCredentialSets(store, await loadIntegration(store.db, id));
    expect(sets.admin?.secret_key).toBe(SKEY);
    expect(sets.accounts?.integration_key).toBe('DIZZZZZZZZZZ00000000');
    expect(sets.auth).toBeUndefined();
  });

  it('reports unique and foreign-key violations in a dialect-neutral way', async () => {
    await insertIntegration('dupe');
    let unique: unknown;
    try {
      await insertIntegration('dupe');
    } catch (e) {
      unique = e;
    }
    expect(isUniqueViolation(unique)).toBe(true);

    const id = await insertIntegration('referenced');
    const now = new Date().toISOString();
    await store.db
      .insertInto('organizations')
      .values({
        id: `org_${randomBytes(4).toString('hex')}`,
        name: 'Ref Org',
        email_domains: '[]',
        integration_id: id,
        duo_account_id: 'parent',
        duo_account_name: null,
        duo_api_hostname: null,
        mapping_source: 'manual',
        mapping_confidence: 0.87,
        mapping_reason: null,
        duo_admin_api_directory_key: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    let fk: unknown;
    try {
      await store.db.deleteFrom('integrations').where('id', '=', id).execute();
    } catch (e) {
      fk = e;
    }
    expect(isForeignKeyViolation(fk)).toBe(true);
    const org = await store.db.selectFrom('organizations').select('mapping_confidence').where('name', '=', 'Ref Org').executeTakeFirstOrThrow();
    expect(Number(org.mapping_confidence)).toBeCloseTo(0.87, 5);
  });

  it('rolls a failed write back completely and audits only the failure', async () => {
    const marker = `half-${randomBytes(4).toString('hex')}`;
    await expect(
      auditedWrite(hub, cliActor, { action: 'test.half_write', targetId: marker }, async (trx) => {
        const now = new Date().toISOString();
        await trx
          .insertInto('integrations')
          .values({ id: marker, name: marker, base_url: null, sig_version: 5, last_check: null, last_checked_at: null, created_at: now, updated_at: now })
          .execute();
        throw new HubError('conflict');
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await store.db.selectFrom('integrations').select('id').where('id', '=', marker).execute()).toEqual([]);
    const audit = await store.db.selectFrom('audit_log').selectAll().where('target_id', '=', marker).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: 'failure', error_code: 'conflict', action: 'test.half_write' });
  });

  it('keeps organizations: create, read, update with a sealed directory key, delete', async () => {
    const created = await createOrganization(hub, cliActor, { name: 'Contract Org', email_domains: ['contract.example'], duo_admin_api_directory_key: 'DIRKEY-contract-0001' }, { force: false });
    expect(created.duo_admin_api_directory_key_hint).toBe('…0001');
    const raw = await store.db.selectFrom('organizations').select('duo_admin_api_directory_key').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(raw.duo_admin_api_directory_key).not.toContain('DIRKEY');
    const updated = await updateOrganization(hub, cliActor, created.id, { email_domains: ['a.example', 'A.example'], duo_admin_api_directory_key: null }, { force: false });
    expect(updated.email_domains).toEqual(['a.example', 'A.example']);
    expect(updated.duo_admin_api_directory_key_hint).toBeNull();
    expect((await getOrganization(hub, cliActor, created.id)).name).toBe('Contract Org');
    await expect(createOrganization(hub, cliActor, { name: 'Contract Org', email_domains: [] }, { force: false })).rejects.toMatchObject({ code: 'conflict' });
    await deleteOrganization(hub, cliActor, created.id);
    await expect(getOrganization(hub, cliActor, created.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('issues, authenticates, limits and revokes tokens', async () => {
    const boot = await ensureBootstrapToken(hub, undefined);
    const again = await ensureBootstrapToken(hub, undefined);
    expect(again.created).toBe(false);
    expect(boot.id === undefined || boot.token !== undefined).toBe(true);
    const org = await createOrganization(hub, cliActor, { name: 'Token Org', email_domains: [] }, { force: false });
    const limited = await createToken(hub, cliActor, { name: 'limited', scopes: ['operate'], organization_ids: [org.id] });
    const actor = (await authenticateToken(hub, limited.token)) as Actor;
    expect(actor).toMatchObject({ kind: 'token', tokenId: limited.id, scopes: ['read', 'operate'], organizationIds: [org.id] });
    expect((await listOrganizations(hub, actor)).map((o) => o.id)).toEqual([org.id]);
    const raw = await store.db.selectFrom('api_tokens').selectAll().where('id', '=', limited.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(raw)).not.toContain(limited.token);
    await expect(createToken(hub, actor, { name: 'x', scopes: ['read'], organization_ids: [org.id] })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createToken(hub, cliActor, { name: 'x', scopes: ['read'], organization_ids: ['org_missing'] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await revokeToken(hub, cliActor, limited.id);
    expect(await authenticateToken(hub, limited.token)).toBeUndefined();
    expect((await listTokens(hub, cliActor)).find((t) => t.id === limited.id)?.revoked_at).toBeTruthy();
  });

  it('queries the audit log by filter with stable cursor paging', async () => {
    const action = `test.page_${randomBytes(3).toString('hex')}`;
    for (let i = 0; i < 7; i++) {
      await auditedWrite(hub, cliActor, { action, targetId: `t${i}`, organizationId: i % 2 ? 'org_odd' : 'org_even', inputs: { i, secret_key: 'nope' } }, async () => i);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await queryAudit(hub, cliActor, { action, limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((e) => e.target_id!));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['t6', 't5', 't4', 't3', 't2', 't1', 't0']);
    const odd = await queryAudit(hub, { kind: 'token', tokenId: 'x', scopes: ['read'], organizationIds: ['org_odd'] }, { action, limit: 100 });
    expect(odd.items.map((e) => e.target_id)).toEqual(['t5', 't3', 't1']);
    expect(JSON.stringify(odd.items)).not.toContain('nope');
    const none = await queryAudit(hub, cliActor, { action, limit: 10, since: new Date(Date.now() + 60_000).toISOString() });
    expect(none.items).toEqual([]);
  });

  it('serializes concurrent writes: of two creates with one name exactly one wins', async () => {
    const results = await Promise.allSettled([
      createOrganization(hub, cliActor, { name: 'Race Org', email_domains: [] }, { force: false }),
      createOrganization(hub, cliActor, { name: 'Race Org', email_domains: [] }, { force: false }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'conflict' });
  });
}

describe('store contract: SQLite', () => {
  storeContract(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'duohub-store-'));
    const store = await openStore({ dataDir: dir, masterKey: randomBytes(32) });
    return { store, cleanup: () => rm(dir, { recursive: true, force: true }) };
  });
});

const databaseUrl = process.env.DATABASE_URL;
const describePg = databaseUrl ? describe : describe.skip;

describePg(databaseUrl ? 'store contract: Postgres' : 'store contract: Postgres (skipped: DATABASE_URL is unset)', () => {
  storeContract(async () => {
    const db = await createTempDatabase(databaseUrl!);
    const store = await openStore({ dataDir: '/nonexistent', databaseUrl: db.url, masterKey: randomBytes(32) });
    return { store, cleanup: () => db.drop() };
  });
});
