import { DuoAccountsClient } from '@duohub/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '../helpers/temp-postgres.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from '../helpers/test-hub.js';
import { commitLogPage } from '../../src/logs/sync/commit-log-page.js';
import { logSourceOf } from '../../src/logs/sync/log-sources.js';
import { logSyncDb } from '../../src/logs/sync/log-sync-tables.js';
import { requestLogSync, saveLogSyncUnits } from '../../src/logs/sync/log-sync-units.js';
import { claimLogUnit } from '../../src/logs/sync/log-unit-claim.js';
import { toLogEventRow } from '../../src/logs/sync/to-log-event-row.js';
import { idsOf, searchAll } from './support/log-api.js';
import { adminEvent, authEvent, storeEvents, type EventOwner } from './support/scripted-events.js';

const backends = ['sqlite', ...(process.env.DATABASE_URL ? ['postgres'] : [])] as const;

/**
 * Stored log events carry the organization mapped to their account when they were stored. A mapping
 * change re-tags them: events stored while an account was unmapped become its new organization's
 * (search, dashboard and limited tokens follow), a remap moves them, unmapping or deleting the
 * organization leaves them untagged, and applied mapping suggestions do the same.
 */
describe.each(backends)('a mapping change re-tags stored log events (%s)', (backend) => {
  let emu: TestEmulator;
  let t: TestHub;
  let pgDb: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  let integrationId: string;
  let X: string;
  let Y: string;
  let orgA: string;
  let orgB: string;
  let limitedA: string;
  const base = Date.now() - 3600_000;
  let xIds: string[];
  let yIds: string[];

  /** Ids of the events a search by organization finds (every type), newest first. */
  const ofOrg = async (org: string, token?: string) => idsOf((await searchAll(t, `organization_id=${org}`, { token })).items);
  const tags = async () => {
    const rows = await t.store.db.withTables<{ log_events: { id: string; organization_id: string | null } }>().selectFrom('log_events').select(['id', 'organization_id']).execute();
    return new Map(rows.map((r) => [r.id, r.organization_id]));
  };

  beforeAll(async () => {
    if (backend === 'postgres') pgDb = await createTempDatabase(process.env.DATABASE_URL!);
    emu = await startTestEmulator();
    t = await startTestHub(pgDb ? { databaseUrl: pgDb.url } : {});
    const accounts = new DuoAccountsClient({ host: emu.sets.accounts.api_host, ikey: emu.sets.accounts.integration_key, skey: emu.sets.accounts.secret_key, baseUrl: emu.url, pacing: false });
    X = (await accounts.create('Retag Xylo')).account_id;
    Y = (await accounts.create('Retag Yonder')).account_id;
    const created = await t.api('POST', '/api/integrations', { body: { name: 'retag parent', base_url: emu.url, admin: emu.sets.admin, accounts: emu.sets.accounts } });
    expect(created.status, created.text).toBe(201);
    integrationId = created.body.id;
    orgA = (await t.api('POST', '/api/organizations', { body: { name: 'Retag Alpha' } })).body.id;
    orgB = (await t.api('POST', '/api/organizations', { body: { name: 'Retag Bravo' } })).body.id;
    limitedA = (await t.api('POST', '/api/tokens', { body: { name: 'retag A', scopes: ['read'], organization_ids: [orgA] } })).body.token;
    // Stored while both accounts were unmapped, as the sync stores them then.
    const x: EventOwner = { integrationId, accountId: X, organizationId: null };
    const y: EventOwner = { integrationId, accountId: Y, organizationId: null };
    const xRows = [authEvent(x, base + 1000, 'xavier', 'success'), authEvent(x, base + 2000, 'xena', 'denied'), adminEvent(x, base + 3000, 'user_update', 'xavier', null)];
    const yRows = [authEvent(y, base + 1500, 'yuri', 'success')];
    await storeEvents(t.store.db, [...xRows, ...yRows]);
    const newestFirst = (rows: typeof xRows) => [...rows].sort((a, b) => b.occurred_at - a.occurred_at).map((r) => r.id);
    xIds = newestFirst(xRows);
    yIds = newestFirst(yRows);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await emu?.close();
    await pgDb?.drop();
  });

  const map = async (org: string, accountId: string | null) => {
    const res = await t.api('PATCH', `/api/organizations/${org}`, { body: { integration_id: accountId === null ? null : integrationId, duo_account_id: accountId } });
    expect(res.status, res.text).toBe(200);
  };

  it('events stored while the account was unmapped are found under the organization once it is mapped', async () => {
    expect(await ofOrg(orgA)).toEqual([]);
    await map(orgA, X);
    expect(await ofOrg(orgA)).toEqual(xIds);
    // The organization's limited token and dashboard follow.
    expect(await ofOrg(orgA, limitedA)).toEqual(xIds);
    const dash = await t.api('GET', `/api/logs/dashboard?since=${base}`, { token: limitedA });
    expect(dash.body.totals).toMatchObject({ authentications: 2, denied: 1 });
    expect(dash.body.administrator.actions).toBe(1);
    // The other account's events stay untagged.
    expect((await tags()).get(yIds[0]!)).toBeNull();
  });

  it('remapping moves them: the organization takes the new account and leaves the old one', async () => {
    await map(orgA, Y);
    expect(await ofOrg(orgA)).toEqual(yIds);
    const now = await tags();
    for (const id of xIds) expect(now.get(id)).toBeNull();
    expect(await ofOrg(orgA, limitedA)).toEqual(yIds);
    // Another organization taking the account left gets its events.
    await map(orgB, X);
    expect(await ofOrg(orgB)).toEqual(xIds);
    expect(await ofOrg(orgB, limitedA)).toEqual([]);
  });

  it('unmapping and deleting an organization untag its events', async () => {
    await map(orgA, null);
    expect(await ofOrg(orgA)).toEqual([]);
    for (const id of yIds) expect((await tags()).get(id)).toBeNull();
    expect((await t.api('DELETE', `/api/organizations/${orgB}`)).status).toBe(204);
    for (const id of xIds) expect((await tags()).get(id)).toBeNull();
  });

  it('applied mapping suggestions re-tag too', async () => {
    const org = (await t.api('POST', '/api/organizations', { body: { name: 'Retag Xylo' } })).body.id as string;
    const applied = await t.api('POST', `/api/integrations/${integrationId}/mapping-suggestions/apply`, { body: { threshold: 0.99, organization_ids: [org] } });
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.applied.map((s: { duo_account_id: string }) => s.duo_account_id)).toEqual([X]);
    expect(await ofOrg(org)).toEqual(xIds);
  });

  it('a page the sync stores after a mapping change is tagged with the new owner, not the one its run started with', async () => {
    const Z = 'DARETAGZ000000000009';
    const db = logSyncDb(t.store.db);
    await saveLogSyncUnits(db, integrationId, [{ accountId: Z, name: 'Zed', apiHostname: null }], new Date(), ['authentication']);
    await requestLogSync(db, integrationId, { accountIds: [Z] });
    const claim = async () => (await claimLogUnit(db, { integrationId, accountId: Z, logType: 'authentication' }, { replicaId: 'test', workerId: 'w', leaseMs: 60_000, nowMs: Date.now() }))!;
    const source = logSourceOf('authentication')!;
    const page = (owner: string | null, key: string) =>
      [toLogEventRow(source, { integrationId, accountId: Z, organizationId: owner }, { txid: key, timestamp: Math.floor(base / 1000), result: 'success', user: { name: 'zed' } }, new Date(), base)];
    // The run began while Z was unmapped; the organization is mapped to it before the page is stored.
    const claimed = await claim();
    const org = (await t.api('POST', '/api/organizations', { body: { name: 'Retag Zed' } })).body.id as string;
    expect((await t.api('PATCH', `/api/organizations/${org}?force=true`, { body: { integration_id: integrationId, duo_account_id: Z } })).status).toBe(200);
    expect(await commitLogPage(db, claimed, { rows: page(null, 'z-1'), cursor: null, syncedThrough: base }, { leaseMs: 60_000, nowMs: Date.now() })).toBe(1);
    expect((await searchAll(t, `organization_id=${org}`)).items.map((i) => i.event_key)).toEqual(['z-1']);
    // And the other way: a run that began mapped stores an unmapped account's page untagged.
    await t.api('PATCH', `/api/organizations/${org}`, { body: { integration_id: null, duo_account_id: null } });
    expect(await commitLogPage(db, claimed, { rows: page(org, 'z-2'), cursor: null, syncedThrough: base + 1000 }, { leaseMs: 60_000, nowMs: Date.now() })).toBe(1);
    expect((await searchAll(t, `organization_id=${org}`)).items).toEqual([]);
    expect([...(await tags()).values()].filter((v) => v === org)).toEqual([]);
  });

  it('creating an organization already mapped takes the account’s stored events', async () => {
    const res = await t.api('POST', '/api/organizations', { body: { name: 'Retag Yonder Again', integration_id: integrationId, duo_account_id: Y } });
    expect(res.status, res.text).toBe(201);
    expect(await ofOrg(res.body.id)).toEqual(yIds);
  });
});
