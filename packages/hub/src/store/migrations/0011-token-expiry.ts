import type { Kysely, Migration } from 'kysely';

/**
 * API tokens may carry an expiry (issue 19): past it a token is refused as a revoked one is. Null
 * keeps the old behaviour (only revoking ends a token), so existing tokens are untouched.
 */
export const tokenExpiryMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
  },
};
