import type { Kysely, Migration } from 'kysely';

/**
 * An account's users without MFA in a column of their own (`users_without_mfa`), on the finished task
 * and on the snapshot row, beside a `coverage` that keeps only the figures (counts, percentages, the
 * scan's own). What the dashboard, the CLI's table and a report without users read is then a few
 * hundred bytes an account: at 40 x 2,500 the figures-only report parsed the 3 MB of lists to find
 * 42 kB of figures. Null on rows written before: their lists are still inside `coverage`, where readers
 * look when the column is null (see stored-coverage.ts); nothing is rewritten.
 */
export const coverageUsersApartMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('coverage_tasks').addColumn('users_without_mfa', 'text').execute();
    await db.schema.alterTable('coverage_snapshot_rows').addColumn('users_without_mfa', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('coverage_snapshot_rows').dropColumn('users_without_mfa').execute();
    await db.schema.alterTable('coverage_tasks').dropColumn('users_without_mfa').execute();
  },
};
