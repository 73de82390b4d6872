import type { Kysely, Migration } from 'kysely';

/**
 * Learned Duo rate limits can be reset (`DELETE /api/integrations/{id}/rate-limits`): `reset_at` says
 * when, so every replica drops a pacer that learned before it, and no save from such a pacer
 * lands after it. Null: never reset.
 */
export const pacerResetMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('pacer_states').addColumn('reset_at', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('pacer_states').dropColumn('reset_at').execute();
  },
};
