import type { Kysely, Migration } from 'kysely';

/**
 * Duo's logs kept in the hub (issue 17): one row per Duo log entry of any type and account, and
 * a checkpoint per integration, Duo account and log type, so a sync resumes where it stopped and
 * never stores an entry twice (the unique key is Duo's identity of the entry).
 */
export const duoLogsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('log_events')
      // newId('lev'): time-ordered text ids.
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
      // A Duo child account id, or `parent` for the integration's own account.
      .addColumn('duo_account_id', 'text', (c) => c.notNull())
      // The organization mapped to that account when the entry was stored; null for an unmapped account.
      .addColumn('organization_id', 'text')
      // authentication | administrator | telephony | activity | offline_enrollment | trust_monitor
      .addColumn('log_type', 'text', (c) => c.notNull())
      // Duo's identity of the entry within its account and type (txid, telephony_id, activity_id, or a digest of the row).
      .addColumn('event_key', 'text', (c) => c.notNull())
      // When it happened in Duo, epoch ms.
      .addColumn('occurred_at', 'double precision', (c) => c.notNull())
      // Search fields, copied from the row as Duo gives them (null when the type has none).
      .addColumn('username', 'text')
      .addColumn('application', 'text')
      .addColumn('factor', 'text')
      .addColumn('result', 'text')
      .addColumn('reason', 'text')
      .addColumn('event_type', 'text')
      .addColumn('ip', 'text')
      // Duo's row, as JSON.
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('ingested_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('log_events_identity_uq', ['integration_id', 'duo_account_id', 'log_type', 'event_key'])
      .execute();
    await db.schema.createIndex('log_events_account_time_idx').on('log_events').columns(['duo_account_id', 'log_type', 'occurred_at']).execute();
    await db.schema.createIndex('log_events_org_time_idx').on('log_events').columns(['organization_id', 'occurred_at']).execute();
    await db.schema.createIndex('log_events_time_idx').on('log_events').columns(['occurred_at']).execute();
    await db.schema.createIndex('log_events_user_idx').on('log_events').columns(['username', 'occurred_at']).execute();

    await db.schema
      .createTable('log_checkpoints')
      .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
      .addColumn('duo_account_id', 'text', (c) => c.notNull())
      .addColumn('log_type', 'text', (c) => c.notNull())
      // Where the next read starts, as JSON opaque to all but the sync (mintime, or a v2 next_offset).
      .addColumn('cursor', 'text')
      // Every entry that happened before this (epoch ms) is stored.
      .addColumn('synced_through', 'double precision')
      .addColumn('last_run_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('log_checkpoints_pk', ['integration_id', 'duo_account_id', 'log_type'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('log_checkpoints').execute();
    await db.schema.dropTable('log_events').execute();
  },
};
