import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuoInvalidRequestError } from '@duohub/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitLogPage } from '../../src/logs/sync/commit-log-page.js';
import { extractAdministrator } from '../../src/logs/sync/extract-administrator.js';
import { extractAuthentication } from '../../src/logs/sync/extract-authentication.js';
import type { LogPageRequest, LogSource } from '../../src/logs/sync/log-sources.js';
import { logSyncDb, type LogSyncDatabase } from '../../src/logs/sync/log-sync-tables.js';
import { requestLogSync, saveLogSyncUnits } from '../../src/logs/sync/log-sync-units.js';
import { claimLogUnit, completeLogUnit, LostLogClaimError, releaseLogUnit, renewLogUnit, type ClaimedLogUnit } from '../../src/logs/sync/log-unit-claim.js';
import { pruneLogEvents } from '../../src/logs/sync/prune-log-events.js';
import { syncLogUnit } from '../../src/logs/sync/sync-log-unit.js';
import { toLogEventRow } from '../../src/logs/sync/to-log-event-row.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { createTempDatabase } from '../helpers/temp-postgres.js';
import type { Kysely } from 'kysely';

const databaseUrl = process.env.DATABASE_URL;
const T = Date.UTC(2026, 10, 22, 12, 0, 0);
const INT = 'int_units';
const unit = (accountId: string, logType: 'authentication' | 'administrator' = 'authentication') => ({ integrationId: INT, accountId, logType });
const claimer = (workerId: string, nowMs: number, leaseMs = 1000) => ({ replicaId: 'test', workerId, leaseMs, nowMs });

/** An authentication-like window source over in-memory rows, oldest first, cursor = index of the next row. */
function windowSource(rows: Array<{ txid: string; timestamp: number }>, pageSize: number, onRead?: (r: LogPageRequest) => void) {
  const source: LogSource = {
    type: 'authentication',
    paging: 'window',
    maxPage: pageSize,
    ascending: true,
    read: () => Promise.reject(new Error('unused')),
    idOf: (row) => (row as { txid: string }).txid,
    extract: extractAuthentication,
  };
  const fetchPage = async (r: LogPageRequest) => {
    onRead?.(r);
    const inWindow = rows.filter((x) => x.timestamp * 1000 >= r.mintime && x.timestamp * 1000 <= r.maxtime!);
    const start = r.offset === undefined ? 0 : Number(Array.isArray(r.offset) ? r.offset[0] : r.offset);
    const items = inWindow.slice(start, start + pageSize);
    return start + pageSize < inWindow.length ? { items, nextOffset: String(start + pageSize) } : { items };
  };
  return { source, fetchPage };
}

/** Rows one second apart, `n` of them, ending 10 minutes before T. */
const authRows = (n: number, prefix = 'tx') => Array.from({ length: n }, (_, i) => ({ txid: `${prefix}-${i}`, timestamp: (T - 600_000) / 1000 - (n - i) }));

for (const dialect of ['sqlite', 'postgres'] as const) {
  const run = dialect === 'postgres' && !databaseUrl ? describe.skip : describe;
  run(`log sync units on ${dialect}${dialect === 'postgres' && !databaseUrl ? ' (skipped: DATABASE_URL is unset)' : ''}`, () => {
    let store: Store;
    let db: Kysely<LogSyncDatabase>;
    let dataDir: string;
    let pg: Awaited<ReturnType<typeof createTempDatabase>> | undefined;

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-logunits-'));
      if (dialect === 'postgres') pg = await createTempDatabase(databaseUrl!);
      store = await openStore({ dataDir, databaseUrl: pg?.url, masterKey: randomBytes(32) });
      db = logSyncDb(store.db);
      const at = new Date(T).toISOString();
      await store.db.insertInto('integrations').values({ id: INT, name: 'units', base_url: null, sig_version: 5, last_check: null, last_checked_at: null, created_at: at, updated_at: at }).execute();
      const accounts = ['P', 'A', 'B', 'C', 'D', 'E', 'F', 'G'].map((id) => ({ accountId: id, name: `Account ${id}`, apiHostname: null }));
      await saveLogSyncUnits(db, INT, accounts, new Date(T), ['authentication', 'administrator']);
    });
    afterAll(async () => {
      await store?.close();
      await pg?.drop();
      await rm(dataDir, { recursive: true, force: true });
    });

    const cp = (accountId: string, logType = 'authentication') =>
      db.selectFrom('log_checkpoints').selectAll().where('integration_id', '=', INT).where('duo_account_id', '=', accountId).where('log_type', '=', logType as never).executeTakeFirstOrThrow();
    const keys = async (accountId: string, logType = 'authentication') =>
      (await db.selectFrom('log_events').select('event_key').where('integration_id', '=', INT).where('duo_account_id', '=', accountId).where('log_type', '=', logType as never).execute()).map((r) => r.event_key);

    it('a unit is claimed by one worker at a time; a lapsed lease is taken over and fences the earlier holder out', async () => {
      expect(await claimLogUnit(db, unit('A'), claimer('w1', T))).toBeUndefined(); // not requested yet
      expect(await requestLogSync(db, INT, { accountIds: ['A'] })).toBe(2);
      const racers = await Promise.all(Array.from({ length: 8 }, (_, i) => claimLogUnit(db, unit('A'), claimer(`race-${i}`, T))));
      const winners = racers.filter((c): c is ClaimedLogUnit => c !== undefined);
      expect(winners).toHaveLength(1);
      const first = winners[0]!;
      expect(await claimLogUnit(db, unit('A'), claimer('late', T + 500))).toBeUndefined();
      expect(await renewLogUnit(db, first, 1000, T + 800)).toBe(true); // now held until T + 1800
      expect(await claimLogUnit(db, unit('A'), claimer('late', T + 1500))).toBeUndefined();
      const second = (await claimLogUnit(db, unit('A'), claimer('taker', T + 1900)))!;
      expect(second.fence.attempts).toBe(first.fence.attempts + 1);

      const row = (txid: string) => toLogEventRow(windowSource([], 1).source, { integrationId: INT, accountId: 'A', organizationId: null }, { txid, timestamp: T / 1000 - 900 }, new Date(T), T);
      // The presumed-dead holder wakes up: none of its writes land.
      await expect(commitLogPage(db, first, { rows: [row('stale-1')], cursor: null, syncedThrough: T }, { leaseMs: 1000, nowMs: T + 2000 })).rejects.toBeInstanceOf(LostLogClaimError);
      expect(await renewLogUnit(db, first, 1000, T + 2000)).toBe(false);
      expect(await completeLogUnit(db, first, { fetched: 1, inserted: 1, error: null, nowMs: T + 2000 })).toBeUndefined();
      expect(await releaseLogUnit(db, first)).toBe(false);
      expect(await keys('A')).toEqual([]);
      expect((await cp('A')).synced_through).toBeNull();

      expect(await commitLogPage(db, second, { rows: [row('tx-1'), row('tx-1'), row('tx-2')], cursor: null, syncedThrough: T - 1000 }, { leaseMs: 1000, nowMs: T + 2000 })).toBe(2);
      // A request while it runs: finishing says the unit is due again.
      await requestLogSync(db, INT, { accountIds: ['A'] });
      expect(await completeLogUnit(db, second, { fetched: 3, inserted: 2, error: null, nowMs: T + 2100 })).toBe(true);
      const third = (await claimLogUnit(db, unit('A'), claimer('again', T + 2200)))!;
      expect(await commitLogPage(db, third, { rows: [row('tx-1'), row('tx-3')], cursor: null, syncedThrough: T }, { leaseMs: 1000, nowMs: T + 2200 })).toBe(1);
      expect(await completeLogUnit(db, third, { fetched: 2, inserted: 1, error: null, nowMs: T + 2300 })).toBe(false);
      expect((await keys('A')).sort()).toEqual(['tx-1', 'tx-2', 'tx-3']);
      expect(Number((await cp('A')).events_stored)).toBe(3);
      expect(await claimLogUnit(db, unit('A'), claimer('idle', T + 9000))).toBeUndefined();
    });

    it("stores a page and moves the checkpoint together or not at all", async () => {
      await requestLogSync(db, INT, { accountIds: ['B'] });
      const claimed = (await claimLogUnit(db, unit('B'), claimer('w', T)))!;
      const good = toLogEventRow(windowSource([], 1).source, { integrationId: INT, accountId: 'B', organizationId: null }, { txid: 'ok', timestamp: T / 1000 }, new Date(T), T);
      const broken = { ...good, event_key: 'broken', raw: null as unknown as string };
      await expect(commitLogPage(db, claimed, { rows: [good, broken], cursor: { kind: 'window', mintime: 1, maxtime: 2, next_offset: 'x' }, syncedThrough: T }, { leaseMs: 1000, nowMs: T })).rejects.toThrow();
      expect(await keys('B')).toEqual([]);
      expect((await cp('B')).cursor).toBeNull();
      expect((await cp('B')).synced_through).toBeNull();
    });

    it('a run stopped between pages resumes at the stored cursor, and a re-read stores nothing twice', async () => {
      const rows = authRows(2500);
      await requestLogSync(db, INT, { accountIds: ['C'] });
      const reads: LogPageRequest[] = [];
      const { source, fetchPage } = windowSource(rows, 1000, (r) => reads.push(r));
      let pages = 0;
      const dying = async (r: LogPageRequest) => {
        if (++pages === 3) throw Object.assign(new Error('killed'), { name: 'Killed' });
        return fetchPage(r);
      };
      const settings = { lagMs: 120_000, backfillMs: 30 * 86_400_000, leaseMs: 60_000 };
      const owner = { integrationId: INT, accountId: 'C', organizationId: null };
      const first = (await claimLogUnit(db, unit('C'), claimer('w1', T, 60_000)))!;
      await expect(syncLogUnit(first, { db, source, fetchPage: dying, owner, settings, now: () => T })).rejects.toThrow('killed');
      const mid = await cp('C');
      expect(JSON.parse(mid.cursor!)).toMatchObject({ kind: 'window', next_offset: '2000' });
      expect(Number(mid.synced_through)).toBe(rows[1999]!.timestamp * 1000);
      expect(await keys('C')).toHaveLength(2000);

      // The holder died; the lease lapses and another worker resumes at the cursor.
      reads.length = 0;
      const second = (await claimLogUnit(db, unit('C'), claimer('w2', T + 61_000, 60_000)))!;
      const result = await syncLogUnit(second, { db, source, fetchPage, owner, settings, now: () => T + 61_000 });
      expect(reads[0]!.offset).toBe('2000');
      expect(reads[0]!.mintime).toBe(T - 30 * 86_400_000);
      expect(result).toMatchObject({ fetched: 500, inserted: 500 });
      expect((await keys('C')).sort()).toEqual(rows.map((r) => r.txid).sort());
      const done = await cp('C');
      expect(done.cursor).toBeNull();
      // The resumed window ends where it was planned; the next run starts a fresh one up to now - lag.
      expect(Number(done.synced_through)).toBe(T + 61_000 - 120_000);
      expect(reads.length).toBeGreaterThanOrEqual(2);
    });

    it('a cursor Duo refuses restarts its window from the stored position', async () => {
      const rows = authRows(1500, 'rc');
      await requestLogSync(db, INT, { accountIds: ['D'] });
      const { source, fetchPage } = windowSource(rows, 1000);
      const settings = { lagMs: 120_000, backfillMs: 30 * 86_400_000, leaseMs: 60_000 };
      const owner = { integrationId: INT, accountId: 'D', organizationId: null };
      const claimed = (await claimLogUnit(db, unit('D'), claimer('w', T, 60_000)))!;
      // A cursor saved long ago that Duo no longer reads.
      await commitLogPage(db, claimed, { rows: [], cursor: { kind: 'window', mintime: T - 86_400_000, maxtime: T - 600_000, next_offset: 'expired' }, syncedThrough: T - 86_400_000 }, { leaseMs: 60_000, nowMs: T });
      const refusing = async (r: LogPageRequest) => {
        if (r.offset === 'expired') throw new DuoInvalidRequestError('Invalid request parameters', { status: 400, code: 40002 });
        return fetchPage(r);
      };
      await syncLogUnit({ ...claimed, row: await cp('D') } as ClaimedLogUnit, { db, source, fetchPage: refusing, owner, settings, now: () => T });
      expect((await keys('D')).sort()).toEqual(rows.map((r) => r.txid).sort());
    });

    it('v1 paging: a second split across pages is stored whole and once; a full page of one second moves on', async () => {
      const second = (s: number, n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ action: 'user_update', object: `${tag}-${i}`, timestamp: s, username: 'API', description: null }));
      const base = Math.floor((T - 3_600_000) / 1000);
      const rows = [...second(base, 600, 'a'), ...second(base + 1, 700, 'b'), ...second(base + 2, 1000, 'c'), ...second(base + 3, 5, 'd')];
      const reads: number[] = [];
      const source: LogSource = { type: 'administrator', paging: 'mintime_seconds', maxPage: 1000, ascending: true, read: () => Promise.reject(new Error('unused')), idOf: () => undefined, extract: extractAdministrator };
      const fetchPage = async (r: LogPageRequest) => {
        reads.push(r.mintime);
        return { items: rows.filter((x) => x.timestamp >= r.mintime).slice(0, 1000) };
      };
      await requestLogSync(db, INT, { accountIds: ['E'] });
      const claimed = (await claimLogUnit(db, unit('E', 'administrator'), claimer('w', T, 60_000)))!;
      const settings = { lagMs: 120_000, backfillMs: 7_200_000, leaseMs: 60_000 };
      await syncLogUnit(claimed, { db, source, fetchPage, owner: { integrationId: INT, accountId: 'E', organizationId: null }, settings, now: () => T });
      // From the backfill start: 600 of base + 400 of base+1 (full) -> again from base+1, inclusively: 700 + 300 of base+2
      // (full) -> from base+2: 1000 rows all of base+2 (full, no progress possible) -> from base+3: 5 rows, done.
      expect(reads).toEqual([base - 3600, base + 1, base + 2, base + 3]);
      const stored = await keys('E', 'administrator');
      expect(stored.length).toBe(rows.length);
      expect(new Set(stored).size).toBe(rows.length);
      expect(Number((await cp('E', 'administrator')).synced_through)).toBe(T - 120_000);
    });

    it('schedule slots request each unit once per slot however many replicas tick', async () => {
      expect(await requestLogSync(db, INT, { slot: 's1', accountIds: ['F'] })).toBe(2);
      expect(await requestLogSync(db, INT, { slot: 's1', accountIds: ['F'] })).toBe(0);
      expect(await requestLogSync(db, INT, { slot: 's2', accountIds: ['F'] })).toBe(2);
      expect(Number((await cp('F')).request_seq)).toBe(2);
    });

    it('saving units again renames and revives accounts, marks unlisted ones removed, and requests only active units', async () => {
      const types = ['authentication', 'administrator'] as const;
      const listed = ['P', 'A', 'B', 'C', 'D', 'E', 'G'].map((id) => ({ accountId: id, name: id === 'A' ? 'Renamed A' : `Account ${id}`, apiHostname: id === 'A' ? 'api-a.example' : null }));
      await saveLogSyncUnits(db, INT, listed, new Date(T + 1), [...types]);
      expect((await cp('A')).account_name).toBe('Renamed A');
      expect((await cp('A')).api_hostname).toBe('api-a.example');
      expect((await cp('F')).removed_at).not.toBeNull();
      const before = Number((await cp('F')).request_seq);
      await requestLogSync(db, INT, { accountIds: ['F', 'P'] });
      expect(Number((await cp('F')).request_seq)).toBe(before);
      expect(await claimLogUnit(db, unit('F'), claimer('w', T + 10_000))).toBeUndefined();
      await saveLogSyncUnits(db, INT, [...listed, { accountId: 'F', name: 'Back', apiHostname: null }], new Date(T + 2), [...types]);
      expect((await cp('F')).removed_at).toBeNull();
      expect((await cp('F')).account_name).toBe('Back');
    });

    it('retention deletes older entries in batches and keeps the rest', async () => {
      await requestLogSync(db, INT, { accountIds: ['G'] });
      const claimed = (await claimLogUnit(db, unit('G'), claimer('w', T, 60_000)))!;
      const { source } = windowSource([], 1);
      const rows = Array.from({ length: 30 }, (_, i) => toLogEventRow(source, { integrationId: INT, accountId: 'G', organizationId: null }, { txid: `old-${i}`, timestamp: T / 1000 - 86_400 * (i < 23 ? 200 : 1) }, new Date(T), T));
      await commitLogPage(db, claimed, { rows, cursor: null, syncedThrough: T }, { leaseMs: 60_000, nowMs: T });
      const before = (await db.selectFrom('log_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      expect(await pruneLogEvents(db, T - 180 * 86_400_000, { batch: 5 })).toBe(23);
      const after = (await db.selectFrom('log_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      expect(Number(before) - Number(after)).toBe(23);
      expect((await keys('G')).sort()).toEqual(Array.from({ length: 7 }, (_, i) => `old-${23 + i}`).sort());
      expect(Number((await cp('G')).events_stored)).toBe(7);
    });
  });
}
