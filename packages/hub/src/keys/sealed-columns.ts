import { sealedColumn, type SealedColumn } from './sealed-column.js';

/** Duo secret keys of an integration's credential sets (one row per integration and kind). */
export const integrationSecretKeyColumn = sealedColumn('integration_credentials', 'secret_key', ['integration_id', 'kind']);

/** An organization's Admin API directory key. */
export const directoryKeyColumn = sealedColumn('organizations', 'duo_admin_api_directory_key', ['id']);

/** The secret key of an organization's own Auth API application. */
export const organizationAuthSecretColumn = sealedColumn('organizations', 'auth_secret_key', ['id']);

/** The Auth API secret key of a Vault-style MFA method with pasted keys. */
export const methodSecretKeyColumn = sealedColumn('mfa_methods', 'secret_key', ['id']);

/** The HMAC signing secret of a webhook log destination. */
export const logDestinationSecretColumn = sealedColumn('log_destinations', 'secret', ['id']);

/** The TLS client key of a syslog log destination. */
export const logDestinationTlsKeyColumn = sealedColumn('log_destinations', 'tls_client_key', ['id']);

/** A bulk run item's full input (bulk_items.input_sealed; it may hold custom bypass codes or keys). */
export const bulkItemInputColumn = sealedColumn('bulk_items', 'input_sealed', ['run_id', 'seq']);

/**
 * Every sealed column in the store. Start-up re-seals legacy values and rotation re-seals everything
 * by walking this list, so a new sealed column is one `sealedColumn(...)` above plus one entry here.
 */
export const sealedColumns: readonly SealedColumn[] = [
  integrationSecretKeyColumn,
  directoryKeyColumn,
  organizationAuthSecretColumn,
  methodSecretKeyColumn,
  logDestinationSecretColumn,
  logDestinationTlsKeyColumn,
  bulkItemInputColumn,
];
