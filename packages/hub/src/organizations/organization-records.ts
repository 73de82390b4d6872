import type { OrganizationView } from '../api/schemas/organization-schemas.js';
import { maskSecret } from '../crypto/mask-secret.js';
import { HubError } from '../errors/hub-error.js';
import type { Db, OrganizationsTable } from '../store/database.js';
import type { Store } from '../store/open-store.js';

/** AAD for the sealed directory key: the column it lives in. */
export const DIRECTORY_KEY_AAD = 'organizations.duo_admin_api_directory_key';

/** The organization with this id, or `not_found`. */
export async function loadOrganization(db: Db, id: string): Promise<OrganizationsTable> {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new HubError('not_found', { message: 'No organization with this id.' });
  return row;
}

/** The API view: the directory key only as a hint. */
export function toOrganizationView(store: Store, row: OrganizationsTable): OrganizationView {
  return {
    id: row.id,
    name: row.name,
    email_domains: JSON.parse(row.email_domains) as string[],
    integration_id: row.integration_id,
    duo_account_id: row.duo_account_id,
    duo_account_name: row.duo_account_name,
    mapping_source: row.mapping_source,
    mapping_confidence: row.mapping_confidence === null ? null : Number(row.mapping_confidence),
    mapping_reason: row.mapping_reason,
    duo_admin_api_directory_key_hint:
      row.duo_admin_api_directory_key === null
        ? null
        : maskSecret(store.secrets.open(row.duo_admin_api_directory_key, DIRECTORY_KEY_AAD)),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The organization's directory key in clear, for directory-sync actions; undefined when none is stored. */
export function openDirectoryKey(store: Store, row: OrganizationsTable): string | undefined {
  return row.duo_admin_api_directory_key === null ? undefined : store.secrets.open(row.duo_admin_api_directory_key, DIRECTORY_KEY_AAD);
}
