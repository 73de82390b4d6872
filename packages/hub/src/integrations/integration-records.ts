import type { CheckReport, CredentialSetInput, IntegrationView } from './integration-schemas.js';
import { maskSecret } from '../crypto/mask-secret.js';
import { HubError } from '../errors/hub-error.js';
import type { CredentialKind, Db, IntegrationCredentialsTable, IntegrationsTable } from '../store/database.js';
import type { Store } from '../store/open-store.js';
import { integrationSecretKeyColumn } from '../keys/sealed-columns.js';


/** Every credential kind, in display order. */
export const CREDENTIAL_KINDS: readonly CredentialKind[] = ['admin', 'accounts', 'auth'];

/** An integration row with its sealed credential rows. */
export interface IntegrationRecord {
  row: IntegrationsTable;
  credentials: Partial<Record<CredentialKind, IntegrationCredentialsTable>>;
}

/** The integration with this id, or `not_found`. */
export async function loadIntegration(db: Db, id: string): Promise<IntegrationRecord> {
  // One statement: the row and its credential sets read at one moment, and one round trip for every
  // action run and coverage task that needs them.
  const rows = await db
    .selectFrom('integrations as i')
    .leftJoin('integration_credentials as c', 'c.integration_id', 'i.id')
    .selectAll('i')
    .select(['c.kind as cred_kind', 'c.api_host as cred_api_host', 'c.integration_key as cred_integration_key', 'c.secret_key as cred_secret_key', 'c.updated_at as cred_updated_at'])
    .where('i.id', '=', id)
    .execute();
  const first = rows[0];
  if (!first) throw new HubError('not_found', { message: 'No integration with this id.' });
  const { cred_kind: _k, cred_api_host: _h, cred_integration_key: _i, cred_secret_key: _s, cred_updated_at: _u, ...row } = first;
  const credentials: IntegrationRecord['credentials'] = {};
  for (const r of rows) {
    if (r.cred_kind === null || r.cred_api_host === null || r.cred_integration_key === null || r.cred_secret_key === null || r.cred_updated_at === null) continue;
    credentials[r.cred_kind] = { integration_id: id, kind: r.cred_kind, api_host: r.cred_api_host, integration_key: r.cred_integration_key, secret_key: r.cred_secret_key, updated_at: r.cred_updated_at };
  }
  return { row, credentials };
}

/** Every integration, oldest first. */
export async function loadAllIntegrations(db: Db): Promise<IntegrationRecord[]> {
  const rows = await db.selectFrom('integrations').selectAll().orderBy('created_at').orderBy('id').execute();
  const creds = await db.selectFrom('integration_credentials').selectAll().execute();
  return rows.map((row) => ({
    row,
    credentials: Object.fromEntries(creds.filter((c) => c.integration_id === row.id).map((c) => [c.kind, c])),
  }));
}

/** A credential row with its secret opened. */
export function openCredentialSet(store: Store, cred: IntegrationCredentialsTable): CredentialSetInput {
  return {
    api_host: cred.api_host,
    integration_key: cred.integration_key,
    secret_key: store.secrets.open(cred.secret_key, integrationSecretKeyColumn.at(cred.integration_id, cred.kind)),
  };
}

/** Every credential set of a record, opened. */
export function openCredentialSets(store: Store, record: IntegrationRecord): Partial<Record<CredentialKind, CredentialSetInput>> {
  const out: Partial<Record<CredentialKind, CredentialSetInput>> = {};
  for (const kind of CREDENTIAL_KINDS) {
    const cred = record.credentials[kind];
    if (cred) out[kind] = openCredentialSet(store, cred);
  }
  return out;
}

/** The API view: secrets shown only as a hint. `opened`: the record's sets already opened, so their hints cost no second decryption. */
export function toIntegrationView(
  store: Store,
  record: IntegrationRecord,
  opened?: Partial<Record<CredentialKind, CredentialSetInput>>,
): IntegrationView {
  const view = (kind: CredentialKind) => {
    const cred = record.credentials[kind];
    if (!cred) return null;
    const secret = opened?.[kind]?.secret_key ?? store.secrets.open(cred.secret_key, integrationSecretKeyColumn.at(cred.integration_id, cred.kind));
    return { api_host: cred.api_host, integration_key: cred.integration_key, secret_key_hint: maskSecret(secret) };
  };
  let lastCheck: CheckReport | null = null;
  if (record.row.last_check) {
    try {
      lastCheck = JSON.parse(record.row.last_check) as CheckReport;
    } catch {
      lastCheck = null;
    }
  }
  return {
    id: record.row.id,
    name: record.row.name,
    base_url: record.row.base_url,
    sig_version: record.row.sig_version,
    admin: view('admin'),
    accounts: view('accounts'),
    auth: view('auth'),
    last_check: lastCheck,
    created_at: record.row.created_at,
    updated_at: record.row.updated_at,
  };
}

/** Inserts or replaces one credential set, sealing its secret. */
export async function writeCredentialSet(
  db: Db,
  store: Store,
  integrationId: string,
  kind: CredentialKind,
  set: CredentialSetInput,
  now: string,
): Promise<void> {
  const values = {
    integration_id: integrationId,
    kind,
    api_host: set.api_host,
    integration_key: set.integration_key,
    secret_key: store.secrets.seal(set.secret_key, integrationSecretKeyColumn.at(integrationId, kind)),
    updated_at: now,
  };
  await db.deleteFrom('integration_credentials').where('integration_id', '=', integrationId).where('kind', '=', kind).execute();
  await db.insertInto('integration_credentials').values(values).execute();
}
