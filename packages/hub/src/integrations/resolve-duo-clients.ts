import type { DuoAccountsClient, DuoAdminClient, DuoAuthClient } from '@duohub/sdk';
import type { IntegrationView } from './integration-schemas.js';
import type { OrganizationView } from '../organizations/organization-schemas.js';
import { HubError } from '../errors/hub-error.js';
import { loadOrganization, openOrganizationAuthSet, toOrganizationView } from '../organizations/organization-records.js';
import { checkDuoTarget } from './check-duo-target.js';
import type { OrganizationsTable } from '../store/database.js';
import type { Store } from '../store/open-store.js';
import { DuoClientPool } from './duo-client-pool.js';
import { defaultDuoConnectOptions, PacerRegistry, type DuoConnectOptions } from './duo-connect-options.js';
import { pooledChildAdminClient, pooledDuoClient } from './pooled-duo-client.js';
import { loadIntegration, openCredentialSets, toIntegrationView } from './integration-records.js';

/** The SDK clients for one integration, scoped to an organization's Duo account when one is given. */
export interface ResolvedDuoClients {
  /**
   * Admin API: the parent's Admin keys, or for an organization mapped to a child account,
   * `accounts.child(duo_account_id)` (Accounts API keys acting on the child).
   */
  admin?: DuoAdminClient;
  /** Accounts API on the parent account. */
  accounts?: DuoAccountsClient;
  /**
   * Auth API. Without an organization: the integration's keys. With one: the organization's own
   * Auth keys when it has them; else, for an organization mapped to `parent`, the integration's
   * (they are that account's); never the integration's for a child (they would act on the parent).
   */
  auth?: DuoAuthClient;
  /** The API host the `auth` client signs for (the unit push limits count per user). */
  authHost?: string;
  /** The child account the admin client acts on; absent for the parent. */
  accountId?: string;
  integration: IntegrationView;
  organization?: OrganizationView;
  /** The organization's stored row, for callers that need more of it (its directory key) without loading it again. */
  organizationRow?: OrganizationsTable;
}

// Pacers outlive single calls: one registry per store unless the caller brings its own.
const registries = new WeakMap<Store, PacerRegistry>();
// Likewise clients and their connections: building them per call costs a connection (a TLS handshake) per call.
const pools = new WeakMap<Store, DuoClientPool>();

/**
 * Decrypts an integration's credentials and builds SDK clients for it. With `organizationId`, the
 * organization must be mapped to this integration: a child mapping yields an Admin client on the
 * child (via the Accounts API keys), a `parent` mapping the integration's own Admin keys.
 * Missing credential sets are simply absent; callers raise `credentials_missing` when they need one.
 */
export async function resolveDuoClients(
  store: Store,
  target: { integrationId: string; organizationId?: string | undefined },
  options: Partial<DuoConnectOptions> = {},
): Promise<ResolvedDuoClients> {
  let pacers = options.pacers ?? registries.get(store);
  if (!pacers) {
    pacers = new PacerRegistry();
    registries.set(store, pacers);
  }
  let pool = options.pools ?? pools.get(store);
  if (!pool) {
    pool = new DuoClientPool();
    pools.set(store, pool);
  }
  const duo = defaultDuoConnectOptions({ ...options, pacers, pools: pool });
  const record = await loadIntegration(store.db, target.integrationId);
  const sets = openCredentialSets(store, record);
  const integration = toIntegrationView(store, record, sets);
  const row = { id: record.row.id, base_url: record.row.base_url, sig_version: record.row.sig_version };

  const accounts = sets.accounts ? pooledDuoClient(duo, 'accounts', row, sets.accounts) : undefined;
  const parentAdmin = sets.admin ? pooledDuoClient(duo, 'admin', row, sets.admin) : undefined;
  const auth = sets.auth ? pooledDuoClient(duo, 'auth', row, sets.auth) : undefined;

  const parentAuth = auth ? { auth, authHost: sets.auth!.api_host } : {};
  if (!target.organizationId) {
    return { integration, ...(parentAdmin ? { admin: parentAdmin } : {}), ...(accounts ? { accounts } : {}), ...parentAuth };
  }

  const orgRecord = await loadOrganization(store.db, target.organizationId);
  const organization = toOrganizationView(store, orgRecord);
  if (!orgRecord.integration_id || !orgRecord.duo_account_id) {
    throw new HubError('conflict', {
      message: 'The organization is not mapped to a Duo account yet.',
      details: { organization_id: orgRecord.id },
    });
  }
  if (orgRecord.integration_id !== target.integrationId) {
    throw new HubError('validation_failed', {
      message: 'The organization is mapped through another integration.',
      details: [{ in: 'body', field: 'integration_id', message: `organization ${orgRecord.id} is mapped to integration ${orgRecord.integration_id}` }],
    });
  }
  const orgAuthSet = openOrganizationAuthSet(store, orgRecord);
  // Checked again at use: turning custom origins off must stop calls to a host saved while they were on.
  if (orgAuthSet) checkDuoTarget(duo, { hosts: [{ field: 'auth.api_host', host: orgAuthSet.api_host }] });
  const orgAuth = orgAuthSet
    ? { auth: pooledDuoClient(duo, 'auth', row, orgAuthSet, orgRecord.duo_account_id), authHost: orgAuthSet.api_host }
    : undefined;
  if (orgRecord.duo_account_id === 'parent') {
    return {
      integration,
      organization,
      organizationRow: orgRecord,
      ...(parentAdmin ? { admin: parentAdmin } : {}),
      ...(accounts ? { accounts } : {}),
      ...(orgAuth ?? parentAuth),
    };
  }
  const childAccountId = orgRecord.duo_account_id;
  // A pacer per child: Duo counts each account's budget separately.
  const admin = sets.accounts ? pooledChildAdminClient(duo, row, sets.accounts, childAccountId, orgRecord.duo_api_hostname) : undefined;
  return {
    integration,
    organization,
    organizationRow: orgRecord,
    accountId: childAccountId,
    ...(admin ? { admin } : {}),
    ...(accounts ? { accounts } : {}),
    ...(orgAuth ?? {}),
  };
}
