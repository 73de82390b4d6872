import type { Kysely, Transaction } from 'kysely';

/**
 * Row types of every table. Times are ISO-8601 text and lists are JSON text, so SQLite and
 * Postgres store and return exactly the same values.
 */
export interface Database {
  integrations: IntegrationsTable;
  integration_credentials: IntegrationCredentialsTable;
  organizations: OrganizationsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
}

/** One connected Duo parent account (up to three credential sets live in `integration_credentials`). */
export interface IntegrationsTable {
  id: string;
  name: string;
  /** Connect-address override (emulator, proxy); the SDK still signs the Duo host. */
  base_url: string | null;
  sig_version: number;
  /** JSON of the last check report. */
  last_check: string | null;
  last_checked_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The three Duo API kinds an integration can hold keys for. */
export type CredentialKind = 'admin' | 'accounts' | 'auth';

/** One credential set (admin, accounts or auth) of an integration. */
export interface IntegrationCredentialsTable {
  integration_id: string;
  kind: CredentialKind;
  api_host: string;
  integration_key: string;
  /** Sealed with SecretBox, AAD `integration_credentials.secret_key`. */
  secret_key: string;
  updated_at: string;
}

/** One of the hub's client organizations and its mapping to a Duo account. */
export interface OrganizationsTable {
  id: string;
  name: string;
  /** JSON array of lower-case domains. */
  email_domains: string;
  integration_id: string | null;
  /** A child `account_id`, or `parent` for the integration's own account. */
  duo_account_id: string | null;
  duo_account_name: string | null;
  /** The child's API hostname as the Accounts API reported it when the mapping was made. */
  duo_api_hostname: string | null;
  mapping_source: 'manual' | 'suggested' | null;
  mapping_confidence: number | null;
  mapping_reason: string | null;
  /** Sealed with SecretBox, AAD `organizations.duo_admin_api_directory_key`. */
  duo_admin_api_directory_key: string | null;
  /** The organization's own Auth API application (its Duo account's); all three set or all null. */
  auth_api_host: string | null;
  auth_integration_key: string | null;
  /** Sealed with SecretBox at `organizationAuthSecretColumn` (organization-records.ts): organizations / auth_secret_key / id. */
  auth_secret_key: string | null;
  /**
   * JSON array of lower-case tags (migration 0010); bulk runs and baselines select organizations by them.
   * Optional rather than a ColumnType so this interface stays usable as the row type (the column defaults to '[]').
   */
  tags?: string;
  created_at: string;
  updated_at: string;
}

/** An API token, stored as its hash. */
export interface ApiTokensTable {
  id: string;
  name: string;
  /** SHA-256 hex of the token; the token itself is shown once and never stored. */
  token_hash: string;
  /** JSON array of scopes. */
  scopes: string;
  /** JSON array of organization ids, or null for a token not limited to organizations. */
  organization_ids: string | null;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** ISO time after which the token is refused like a revoked one (migration 0011); null: it never expires. */
  expires_at: string | null;
}

/** One audit entry: a write or an action run, with its outcome. */
export interface AuditLogTable {
  id: string;
  at: string;
  /** The acting token's id (never the token); null for the CLI on the store or the system. */
  token_id: string | null;
  actor: string;
  action: string;
  organization_id: string | null;
  target_type: string | null;
  target_id: string | null;
  /** `unknown`: Duo was asked but its answer never came (e.g. a push sent, then no reply). */
  outcome: 'success' | 'failure' | 'denied' | 'unknown';
  error_code: string | null;
  /** JSON of the inputs with secret fields removed. */
  inputs: string | null;
}

/** A connection or an open transaction: repositories accept either. */
export type Db = Kysely<Database> | Transaction<Database>;
