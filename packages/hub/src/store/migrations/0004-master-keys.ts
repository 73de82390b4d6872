import type { Kysely, Migration } from 'kysely';

/** Which master keys sealed the store: a key id and a check value per key, the current one marked. */
export const masterKeysMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('master_keys')
      .addColumn('key_id', 'text', (c) => c.primaryKey())
      .addColumn('check_value', 'text', (c) => c.notNull())
      // 1 or NULL; UNIQUE admits many NULLs in both SQLite and Postgres, so at most one row is current.
      .addColumn('is_current', 'integer', (c) => c.unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('retired_at', 'text')
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('master_keys').execute();
  },
};
