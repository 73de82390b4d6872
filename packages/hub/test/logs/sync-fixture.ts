import { DuoAccountsClient, DuoAdminClient, type LogsResource } from '@duohub/sdk';
import type { Emulator } from '@duohub/emulator';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { eventKey } from '../../src/logs/sync/event-key.js';
import { LOG_SOURCES, type LogSource } from '../../src/logs/sync/log-sources.js';
import type { LogSyncDatabase } from '../../src/logs/sync/log-sync-tables.js';

const DAY_MS = 86_400_000;

/** The parent's three credential sets in the hub's API shape. */
export type ParentSets = Record<'admin' | 'accounts' | 'auth', { api_host: string; integration_key: string; secret_key: string }>;

/** The parent's credential sets of an emulator. */
export function parentSets(emu: Emulator): ParentSets {
  const parent = emu.credentials().accounts.find((a) => a.parent_id === null)!;
  const pick = (type: 'admin' | 'accounts' | 'auth') => {
    const i = parent.integrations.find((x) => x.type === type)!;
    return { api_host: i.api_hostname, integration_key: i.integration_key, secret_key: i.secret_key };
  };
  return { admin: pick('admin'), accounts: pick('accounts'), auth: pick('auth') };
}

/** Every Duo account the sync covers: `parent` and the children. */
export function fleetAccounts(emu: Emulator): string[] {
  return ['parent', ...emu.credentials().accounts.filter((a) => a.parent_id !== null).map((a) => a.account_id)];
}

/** `account|type` -> the event keys stored. */
export type KeySets = Map<string, string[]>;

/** The event keys the hub stored for an integration, per account and log type (duplicates kept, so a test sees them). */
export async function storedKeys(db: Kysely<LogSyncDatabase>, integrationId: string): Promise<KeySets> {
  const rows = await db.selectFrom('log_events').select(['duo_account_id', 'log_type', 'event_key']).where('integration_id', '=', integrationId).execute();
  const out: KeySets = new Map();
  for (const r of rows) {
    const k = `${r.duo_account_id}|${r.log_type}`;
    out.set(k, [...(out.get(k) ?? []), r.event_key]);
  }
  return out;
}

/** Each unit's `synced_through` (ms), `account|type` -> ms. */
export async function syncedThrough(db: Kysely<LogSyncDatabase>, integrationId: string): Promise<Map<string, number | null>> {
  const rows = await db.selectFrom('log_checkpoints').select(['duo_account_id', 'log_type', 'synced_through']).where('integration_id', '=', integrationId).execute();
  return new Map(rows.map((r) => [`${r.duo_account_id}|${r.log_type}`, r.synced_through === null ? null : Number(r.synced_through)]));
}

/** The SDK's log resource of one emulator account (limits and faults must be off while it reads). */
function logsOfAccount(emu: Emulator, url: string, accountId: string): LogsResource {
  const sets = parentSets(emu);
  const opts = { baseUrl: url, pacing: false as const, retry: false as const };
  if (accountId === 'parent') return new DuoAdminClient({ host: sets.admin.api_host, ikey: sets.admin.integration_key, skey: sets.admin.secret_key, ...opts }).logs;
  const accounts = new DuoAccountsClient({ host: sets.accounts.api_host, ikey: sets.accounts.integration_key, skey: sets.accounts.secret_key, ...opts });
  return accounts.child(accountId).logs;
}

/**
 * The ground truth, read from the emulator the plain way (no checkpoint, newest first for the v2
 * logs, one window): the event keys of every row of `source` in [mintime, maxtime] (ms). v1 logs
 * are paged from each page's newest second, inclusively, so rows of one second split by a page
 * boundary are all seen.
 */
export async function truthKeys(emu: Emulator, url: string, accountId: string, source: LogSource, mintime: number, maxtime: number): Promise<string[]> {
  const logs = logsOfAccount(emu, url, accountId);
  const keyOf = (row: unknown) => eventKey(source.idOf(row), row);
  const inWindow = (row: unknown) => {
    const t = source.extract(row).occurredAt;
    return t !== undefined && t >= mintime && t <= maxtime;
  };
  if (maxtime <= mintime) return [];
  const rows: unknown[] = [];
  switch (source.type) {
    case 'authentication':
      rows.push(...(await logs.authentication({ mintime, maxtime }).toArray()));
      break;
    case 'telephony':
      rows.push(...(await logs.telephony({ mintime, maxtime }).toArray()));
      break;
    case 'activity':
      rows.push(...(await logs.activity({ mintime, maxtime }).toArray()));
      break;
    case 'trust_monitor':
      rows.push(...(await logs.trustMonitor({ mintime, maxtime }).toArray()));
      break;
    case 'administrator':
    case 'offline_enrollment': {
      const page = (m: number) => (source.type === 'administrator' ? logs.administratorPage({ mintime: m }) : logs.offlineEnrollmentPage({ mintime: m }));
      let m = Math.floor(mintime / 1000);
      const seen = new Set<string>();
      for (;;) {
        const p = await page(m);
        for (const row of p.items) {
          const k = keyOf(row);
          if (!seen.has(k)) rows.push(row);
          seen.add(k);
        }
        if (!p.more || p.nextMintime === undefined) break;
        const newest = p.nextMintime - 1;
        m = newest > m ? newest : m + 1;
      }
      break;
    }
  }
  return [...new Set(rows.filter(inWindow).map(keyOf))];
}

/**
 * Asserts that what the hub stored equals the emulator's logs, per account and log type, with no
 * row twice: window logs up to each unit's `synced_through` (the lag rule), v1 logs up to `maxtime`
 * (their pages reach the present). Returns the number of rows compared.
 */
export async function expectStoredEqualsTruth(
  db: Kysely<LogSyncDatabase>,
  emu: Emulator,
  url: string,
  integrationId: string,
  options: { since: number; until: number; accounts?: string[] },
): Promise<number> {
  const stored = await storedKeys(db, integrationId);
  const through = await syncedThrough(db, integrationId);
  const counters = new Map(
    (await db.selectFrom('log_checkpoints').select(['duo_account_id', 'log_type', 'events_stored']).where('integration_id', '=', integrationId).execute()).map((r) => [`${r.duo_account_id}|${r.log_type}`, Number(r.events_stored)]),
  );
  let total = 0;
  for (const accountId of options.accounts ?? fleetAccounts(emu)) {
    for (const source of LOG_SOURCES) {
      const k = `${accountId}|${source.type}`;
      const end = source.paging === 'window' ? (through.get(k) ?? options.since) - 1 : options.until;
      const want = await truthKeys(emu, url, accountId, source, options.since, end);
      const got = stored.get(k) ?? [];
      expect(got.length, `${k}: rows stored once each`).toBe(new Set(got).size);
      expect([...got].sort(), `${k}: stored = Duo's`).toEqual([...want].sort());
      expect(counters.get(k) ?? 0, `${k}: the unit's count of its rows`).toBe(got.length);
      total += got.length;
    }
  }
  return total;
}

/** Days in ms. */
export const days = (n: number) => n * DAY_MS;

/** Polls `check` until it returns a value (not undefined); the test timeout is the bound. */
export async function until<T>(check: () => Promise<T | undefined> | T | undefined, everyMs = 25): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
