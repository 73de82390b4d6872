import Database from 'better-sqlite3';
import { createEmulator, wrapRoute, type Emulator, type FleetSpec, type ListeningServer } from '@duohub/emulator';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { LogSyncDatabase } from '../../src/logs/sync/log-sync-tables.js';
import { parentSets, type ParentSets } from './sync-fixture.js';

/** An emulator fleet whose authentication log serves first pages freely but holds every later page until opened. */
export interface GatedLogEmulator {
  emu: Emulator;
  server: ListeningServer;
  url: string;
  /** Child accounts whose second page (or later) is waiting at the gate now. */
  held: Set<string>;
  open(): void;
  sets(): ParentSets;
  close(): Promise<void>;
}

/**
 * Starts the fleet on a real port and replaces the v2 authentication log with the same route behind
 * a gate: a read with a cursor (page 2 on) waits until the test opens the gate. A sync is then
 * "mid-account" by construction: its first page is committed and the next one is in flight.
 */
export async function startGatedLogEmulator(fleet: FleetSpec, latencyMs = 10): Promise<GatedLogEmulator> {
  const emu = createEmulator({ seed: { fleet }, faults: latencyMs > 0 ? [{ latencyMs }] : [] });
  let opened = false;
  const waiting: Array<() => void> = [];
  const held = new Set<string>();
  emu.use(
    wrapRoute('GET', '/admin/v2/logs/authentication', async (ctx, next) => {
      if (!opened && ctx.params.get('next_offset') !== undefined) {
        held.add(ctx.account.account_id);
        await new Promise<void>((resolve) => waiting.push(resolve));
        held.delete(ctx.account.account_id);
      }
      return next();
    }),
  );
  const server = await emu.listen({ port: 0, host: '127.0.0.1' });
  return {
    emu,
    server,
    url: server.url,
    held,
    open() {
      opened = true;
      for (const resume of waiting.splice(0)) resume();
    },
    sets: () => parentSets(emu),
    async close() {
      opened = true;
      for (const resume of waiting.splice(0)) resume();
      await server.close();
      await emu.close();
    },
  };
}

/** The log tables of a hub's SQLite file, read-only (the hub may still be running: WAL lets both read). */
export function openSqliteLogs(file: string): Kysely<LogSyncDatabase> {
  return new Kysely<LogSyncDatabase>({ dialect: new SqliteDialect({ database: new Database(file, { readonly: true }) }) });
}

/** The log tables of a hub's Postgres database. */
export function openPostgresLogs(url: string): Kysely<LogSyncDatabase> {
  return new Kysely<LogSyncDatabase>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
}
