import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { forgetOldest, touch } from '../util/forget-oldest.js';

/** What `cacheStatements` needs of a better-sqlite3 database. */
interface PreparingDatabase {
  prepare(sql: string): SqliteStatement;
  close(): void;
}

/**
 * The database Kysely's SQLite dialect uses, with prepared statements kept by their SQL text (the
 * `max` most recently used). Kysely prepares every query anew, and for the hub's small queries
 * preparing costs about as much as running: a token check, an integration load and an audit insert
 * per action run. Safe because Kysely's SQLite driver runs one query at a time on its one connection
 * (a streamed query holds it until the stream ends), so a cached statement is never busy twice.
 */
export function cacheStatements(db: PreparingDatabase, max = 500): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached) {
        // Most recently used last: Map keeps insertion order, so the first key is the eviction candidate.
        touch(cache, sql, cached);
        return cached;
      }
      const statement = db.prepare(sql);
      cache.set(sql, statement);
      forgetOldest(cache, max);
      return statement;
    },
    close() {
      cache.clear();
      db.close();
    },
  };
}
