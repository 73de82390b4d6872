import type { Kysely, Migration } from 'kysely';

/**
 * What the SDK's pacers learned about each Duo account's rate limits, kept across runs and restarts
 * (one row per integration and Duo account), and a small `error` column on coverage tasks so a run's
 * progress view never has to read (and parse) the tasks' full results.
 */
export const pacerStateMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('pacer_states')
      .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
      // A Duo child account id, or `parent` for the integration's own account.
      .addColumn('account_id', 'text', (c) => c.notNull())
      // JSON from the SDK's Pacer.exportState(), opaque to the hub.
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pacer_states_pk', ['integration_id', 'account_id'])
      .execute();
    // JSON ScanError of a failed task, written with its result; null otherwise.
    await db.schema.alterTable('coverage_tasks').addColumn('error', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('coverage_tasks').dropColumn('error').execute();
    await db.schema.dropTable('pacer_states').execute();
  },
};
