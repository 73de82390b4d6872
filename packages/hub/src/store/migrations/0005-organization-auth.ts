import type { Kysely, Migration } from 'kysely';

/**
 * An organization's own Auth API application (its child account's), so verifications for the
 * organization reach that account's users instead of the parent's. The secret key is sealed.
 */
export const organizationAuthMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('organizations').addColumn('auth_api_host', 'text').execute();
    await db.schema.alterTable('organizations').addColumn('auth_integration_key', 'text').execute();
    await db.schema.alterTable('organizations').addColumn('auth_secret_key', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    // One column per statement: SQLite's ALTER TABLE drops a single column at a time.
    await db.schema.alterTable('organizations').dropColumn('auth_secret_key').execute();
    await db.schema.alterTable('organizations').dropColumn('auth_integration_key').execute();
    await db.schema.alterTable('organizations').dropColumn('auth_api_host').execute();
  },
};
