import { maskSecret } from '../crypto/mask-secret.js';
import { HubError } from '../errors/hub-error.js';
import type { Db } from '../store/database.js';
import type { Store } from '../store/open-store.js';
import { methodSecretKeyColumn } from '../keys/sealed-columns.js';
import type { VaultDuoMethod } from './mfa-method-schemas.js';
import { mfaDb, type MfaMethodsTable } from './mfa-tables.js';

// Declared with every other sealed column so rotation covers it; re-exported for this feature.
export { methodSecretKeyColumn } from '../keys/sealed-columns.js';

/** Lower-case UUID, the only id form Vault hands out. */
export const METHOD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The method with this id, or undefined. */
export async function findMethod(db: Db, id: string): Promise<MfaMethodsTable | undefined> {
  if (!METHOD_ID.test(id)) return undefined;
  return mfaDb(db).selectFrom('mfa_methods').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The method with this id, or `not_found`. */
export async function loadMethod(db: Db, id: string): Promise<MfaMethodsTable> {
  const row = await findMethod(db, id);
  if (!row) throw new HubError('not_found', { message: `No Duo MFA method with id ${METHOD_ID.test(id) ? id : '(not a UUID)'}.` });
  return row;
}

/** Every method, oldest first. */
export async function listMethods(db: Db): Promise<MfaMethodsTable[]> {
  return mfaDb(db).selectFrom('mfa_methods').selectAll().orderBy('created_at').orderBy('id').execute();
}

/**
 * Vault's read shape (`type`, `namespace_id`, `pushinfo`, `username_format`...) without the keys:
 * the integration and secret keys appear only as hints.
 */
export function toVaultView(store: Store, row: MfaMethodsTable): VaultDuoMethod {
  return {
    id: row.id,
    type: 'duo',
    name: row.method_name ?? '',
    method_name: row.method_name ?? '',
    mount_accessor: row.mount_accessor,
    namespace_id: 'root',
    namespace_path: '',
    api_hostname: row.api_hostname ?? '',
    integration_key_hint: row.integration_key === null ? null : maskSecret(row.integration_key),
    secret_key_hint: row.secret_key === null ? null : maskSecret(store.secrets.open(row.secret_key, methodSecretKeyColumn.at(row.id))),
    pushinfo: row.push_info,
    push_info: row.push_info,
    use_passcode: row.use_passcode === 1,
    username_format: row.username_format,
    username_template: row.username_format,
    organization_id: row.organization_id,
    base_url: row.base_url,
    push_limit: row.push_limit,
    push_window_seconds: row.push_window_seconds,
    cooldown_seconds: row.cooldown_seconds,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
