import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from '../../src/store/cache-statements.js';

describe('cacheStatements', () => {
  it('prepares each SQL text once, keeps the most recently used, and still answers correctly', () => {
    const raw = new SqliteDatabase(':memory:');
    let prepared = 0;
    const counting = { prepare: (sql: string) => (prepared++, raw.prepare(sql)), close: () => raw.close() };
    const db = cacheStatements(counting, 2);
    db.prepare('create table t (n integer)').run([]);
    const insert = db.prepare('insert into t (n) values (?)');
    insert.run([1]);
    expect(db.prepare('insert into t (n) values (?)')).toBe(insert);
    db.prepare('insert into t (n) values (?)').run([2]);
    expect(db.prepare('select sum(n) as s from t').all([])).toEqual([{ s: 3 }]);
    expect(prepared).toBe(3);
    // Capacity 2: `create` was least recently used and is gone; `insert` and `select` stay.
    db.prepare('select sum(n) as s from t');
    db.prepare('insert into t (n) values (?)');
    expect(prepared).toBe(3);
    db.prepare('create table if not exists t (n integer)');
    expect(prepared).toBe(4);
    db.prepare('select sum(n) as s from t');
    expect(prepared).toBe(5);
    db.close();
    expect(raw.open).toBe(false);
  });
});
