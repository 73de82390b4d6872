import type { Kysely, Migration } from 'kysely';

/** Integrations, their credential sets, organizations, API tokens and the audit log. */
export const initialMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('integrations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('base_url', 'text')
      .addColumn('sig_version', 'integer', (c) => c.notNull())
      .addColumn('last_check', 'text')
      .addColumn('last_checked_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('integration_credentials')
      .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('api_host', 'text', (c) => c.notNull())
      .addColumn('integration_key', 'text', (c) => c.notNull())
      .addColumn('secret_key', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('integration_credentials_pk', ['integration_id', 'kind'])
      .execute();

    await db.schema
      .createTable('organizations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('email_domains', 'text', (c) => c.notNull())
      // No cascade: deleting an integration that organizations still map to is refused.
      .addColumn('integration_id', 'text', (c) => c.references('integrations.id'))
      .addColumn('duo_account_id', 'text')
      .addColumn('duo_account_name', 'text')
      .addColumn('duo_api_hostname', 'text')
      .addColumn('mapping_source', 'text')
      .addColumn('mapping_confidence', 'real')
      .addColumn('mapping_reason', 'text')
      .addColumn('duo_admin_api_directory_key', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('organizations_integration_idx').on('organizations').column('integration_id').execute();

    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('organization_ids', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('token_id', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('organization_id', 'text')
      .addColumn('target_type', 'text')
      .addColumn('target_id', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('error_code', 'text')
      .addColumn('inputs', 'text')
      .execute();
    await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
    await db.schema.createIndex('audit_log_org_idx').on('audit_log').columns(['organization_id', 'id']).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['audit_log', 'api_tokens', 'organizations', 'integration_credentials', 'integrations']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
