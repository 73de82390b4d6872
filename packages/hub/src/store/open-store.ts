import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import pg from 'pg';
import { SecretBox } from '../crypto/secret-box.js';
import type { SecretScrubber } from '../log/secret-scrubber.js';
import type { Database } from './database.js';
import { hubMigrations } from './migrations/hub-migrations.js';

/** The hub's storage: a Kysely handle, the secret box that seals its secret columns, and a way out. */
export interface Store {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  /** The SQLite file, or the Postgres URL without its password. */
  location: string;
  secrets: SecretBox;
  close(): Promise<void>;
}

/** Options for `openStore`; `databaseUrl` picks Postgres, otherwise SQLite in `dataDir`. */
export interface OpenStoreOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  masterKey: Buffer;
  /** Learns every secret the store seals or opens, so logs can scrub them. */
  scrubber?: SecretScrubber;
  /** Defaults to every hub migration; tests may pass a subset. */
  migrations?: Record<string, Migration>;
  /** SQLite file name inside `dataDir`. */
  sqliteFile?: string;
}

/** Opens (and migrates to the latest schema) the SQLite or Postgres store. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const secrets = new SecretBox(options.masterKey, (value) => options.scrubber?.add(value));
  let db: Kysely<Database>;
  let dialect: Store['dialect'];
  let location: string;
  if (options.databaseUrl) {
    dialect = 'postgres';
    location = redactUrl(options.databaseUrl);
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    dialect = 'sqlite';
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    location = path.join(options.dataDir, options.sqliteFile ?? 'duohub.sqlite');
    const sqlite = new SqliteDatabase(location);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }

  try {
    await migrate(db, options.migrations ?? hubMigrations);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect, location, secrets, close: () => db.destroy() };
}

/** Runs every pending migration; throws the first failure. */
export async function migrate(db: Kysely<Database>, migrations: Record<string, Migration>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'duohub_migrations',
    migrationLockTableName: 'duohub_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed');
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable)';
  }
}
