import type { Kysely, Migration } from 'kysely';

/** Duo MFA methods served through the Vault-compatible API, and every verification attempt. */
export const mfaMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('mfa_methods')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('method_name', 'text', (c) => c.unique())
      .addColumn('mount_accessor', 'text', (c) => c.notNull())
      .addColumn('username_format', 'text', (c) => c.notNull())
      .addColumn('push_info', 'text', (c) => c.notNull())
      .addColumn('use_passcode', 'integer', (c) => c.notNull())
      // Either pasted Auth API keys (api_hostname + integration_key + sealed secret_key) or an organization.
      .addColumn('api_hostname', 'text')
      .addColumn('integration_key', 'text')
      .addColumn('secret_key', 'text')
      .addColumn('base_url', 'text')
      // No foreign key: organization deletes stay as they are; a method whose organization is gone fails at verify time.
      .addColumn('organization_id', 'text')
      .addColumn('push_limit', 'integer', (c) => c.notNull())
      .addColumn('push_window_seconds', 'integer', (c) => c.notNull())
      .addColumn('cooldown_seconds', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('mfa_verifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('method_id', 'text')
      .addColumn('organization_id', 'text')
      // Who is being pushed, as Duo knows them: `<api host>|<username>`; rate limits count per subject.
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('factor', 'text')
      .addColumn('device', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('token_id', 'text')
      .addColumn('events', 'text')
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema.createIndex('mfa_verifications_subject_idx').on('mfa_verifications').columns(['subject', 'started_at']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('mfa_verifications').execute();
    await db.schema.dropTable('mfa_methods').execute();
  },
};
