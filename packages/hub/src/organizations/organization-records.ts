import type { CredentialSetInput } from '../integrations/integration-schemas.js';
import type { OrganizationView } from './organization-schemas.js';
import { maskSecret } from '../crypto/mask-secret.js';
import { HubError } from '../errors/hub-error.js';
import { directoryKeyColumn, organizationAuthSecretColumn } from '../keys/sealed-columns.js';
import type { Db, OrganizationsTable } from '../store/database.js';
import type { Store } from '../store/open-store.js';

// Sealed columns are declared once, in keys/sealed-columns.ts, so rotation covers them; re-exported for this feature.
export { directoryKeyColumn, organizationAuthSecretColumn };

/** The organization with this id, or `not_found`. */
export async function loadOrganization(db: Db, id: string): Promise<OrganizationsTable> {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new HubError('not_found', { message: 'No organization with this id.' });
  return row;
}

/** The organizations mapped through an integration, by the Duo account each maps to (a child id or `parent`). */
export async function organizationsByDuoAccount(db: Db, integrationId: string): Promise<Map<string, { id: string; name: string }>> {
  const mapped = await db
    .selectFrom('organizations')
    .select(['id', 'name', 'duo_account_id'])
    .where('integration_id', '=', integrationId)
    .where('duo_account_id', 'is not', null)
    .execute();
  return new Map(mapped.map((o) => [o.duo_account_id!, { id: o.id, name: o.name }]));
}

/** The API view: the directory key only as a hint. */
export function toOrganizationView(store: Store, row: OrganizationsTable): OrganizationView {
  return {
    id: row.id,
    name: row.name,
    email_domains: JSON.parse(row.email_domains) as string[],
    tags: parseOrganizationTags(row.tags),
    integration_id: row.integration_id,
    duo_account_id: row.duo_account_id,
    duo_account_name: row.duo_account_name,
    mapping_source: row.mapping_source,
    mapping_confidence: row.mapping_confidence === null ? null : Number(row.mapping_confidence),
    mapping_reason: row.mapping_reason,
    duo_admin_api_directory_key_hint:
      row.duo_admin_api_directory_key === null
        ? null
        : maskSecret(store.secrets.open(row.duo_admin_api_directory_key, directoryKeyColumn.at(row.id))),
    auth:
      row.auth_api_host === null || row.auth_integration_key === null || row.auth_secret_key === null
        ? null
        : {
            api_host: row.auth_api_host,
            integration_key: row.auth_integration_key,
            secret_key_hint: maskSecret(store.secrets.open(row.auth_secret_key, organizationAuthSecretColumn.at(row.id))),
          },
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The organization's directory key in clear, for directory-sync actions; undefined when none is stored. */
export function openDirectoryKey(store: Store, row: OrganizationsTable): string | undefined {
  return row.duo_admin_api_directory_key === null ? undefined : store.secrets.open(row.duo_admin_api_directory_key, directoryKeyColumn.at(row.id));
}

/** The organization's own Auth API keys in clear, for building its Auth client; undefined when none are stored. */
export function openOrganizationAuthSet(store: Store, row: OrganizationsTable): CredentialSetInput | undefined {
  if (row.auth_api_host === null || row.auth_integration_key === null || row.auth_secret_key === null) return undefined;
  return {
    api_host: row.auth_api_host,
    integration_key: row.auth_integration_key,
    secret_key: store.secrets.open(row.auth_secret_key, organizationAuthSecretColumn.at(row.id)),
  };
}

/** The stored tags (a JSON array; rows written before migration 0010 hold the default '[]'). */
export function parseOrganizationTags(json: string | null | undefined): string[] {
  if (!json) return [];
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
}
