import { chmod, mkdir, stat } from 'node:fs/promises';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import { cacheStatements } from './cache-statements.js';
import { DEFAULT_DATABASE_CONNECTIONS, splitDatabaseConnections } from '../config/database-connections.js';
import pg from 'pg';
import type { Database } from './database.js';
import { hubMigrations } from './migrations/hub-migrations.js';

/** A migrated database handle, before any master key is involved. */
export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  /** The SQLite file, or the Postgres URL without its password. */
  location: string;
}

/**
 * Connections a process keeps to Postgres for the store by default (graphile-worker's jobs have
 * their own pool): half of DUOHUB_DATABASE_CONNECTIONS (see database-connections.ts).
 */
export const STORE_POOL_SIZE = splitDatabaseConnections(DEFAULT_DATABASE_CONNECTIONS).store;

/** Options of `openDatabase`; `databaseUrl` picks Postgres, otherwise SQLite in `dataDir`. */
export interface OpenDatabaseOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Defaults to every hub migration; tests may pass a subset. */
  migrations?: Record<string, Migration>;
  /** SQLite file name inside `dataDir`. */
  sqliteFile?: string;
  /** Postgres: the store pool's most connections. Default STORE_POOL_SIZE. */
  poolSize?: number | undefined;
}

/** Opens and migrates the SQLite or Postgres database (the SQLite file and its WAL/SHM owner-only). */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  let db: Kysely<Database>;
  let dialect: OpenedDatabase['dialect'];
  let location: string;
  if (options.databaseUrl) {
    dialect = 'postgres';
    location = redactUrl(options.databaseUrl);
    // application_name shows the hub in pg_stat_activity; one given in the URL wins.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? STORE_POOL_SIZE, application_name: 'duohub' });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    dialect = 'sqlite';
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    location = path.join(options.dataDir, options.sqliteFile ?? 'duohub.sqlite');
    await createOwnerOnly(location);
    const sqlite = new SqliteDatabase(location);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // SQLite gives -wal and -shm the main file's mode; tighten any left by an older version anyway.
    for (const suffix of ['-wal', '-shm']) await tighten(location + suffix);
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cacheStatements(sqlite) }) });
  }
  try {
    await migrate(db, options.migrations ?? hubMigrations);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect, location };
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

// The database holds token hashes, audit entries and sealed secrets: create it 0600 before SQLite
// would create it with the process umask (usually world-readable 0644).
async function createOwnerOnly(file: string): Promise<void> {
  closeSync(openSync(file, 'a', 0o600));
  await tighten(file);
}

async function tighten(file: string): Promise<void> {
  try {
    if ((await stat(file)).mode & 0o077) await chmod(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
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
