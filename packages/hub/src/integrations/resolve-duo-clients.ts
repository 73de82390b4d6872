import { DuoAccountsClient, DuoAdminClient, DuoAuthClient } from '@duohub/sdk';
import type { IntegrationView } from '../api/schemas/integration-schemas.js';
import type { OrganizationView } from '../api/schemas/organization-schemas.js';
import { HubError } from '../errors/hub-error.js';
import { loadOrganization, toOrganizationView } from '../organizations/organization-records.js';
import type { Store } from '../store/open-store.js';
import { defaultDuoConnectOptions, PacerRegistry, type DuoConnectOptions } from './duo-connect-options.js';
import { duoClientOptions } from './duo-client-options.js';
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
  /** Auth API: the parent's Auth keys; absent for an organization mapped to a child (they act on the parent). */
  auth?: DuoAuthClient;
  /** The child account the admin client acts on; absent for the parent. */
  accountId?: string;
  integration: IntegrationView;
  organization?: OrganizationView;
}

// Pacers outlive single calls: one registry per store unless the caller brings its own.
const registries = new WeakMap<Store, PacerRegistry>();

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
  const duo = defaultDuoConnectOptions({ ...options, pacers });
  const record = await loadIntegration(store.db, target.integrationId);
  const sets = openCredentialSets(store, record);
  const integration = toIntegrationView(store, record);
  const row = { id: record.row.id, base_url: record.row.base_url, sig_version: record.row.sig_version };

  const accounts = sets.accounts ? new DuoAccountsClient(duoClientOptions(duo, row, sets.accounts)) : undefined;
  const parentAdmin = sets.admin ? new DuoAdminClient(duoClientOptions(duo, row, sets.admin)) : undefined;
  const auth = sets.auth ? new DuoAuthClient(duoClientOptions(duo, row, sets.auth)) : undefined;

  if (!target.organizationId) {
    return { integration, ...(parentAdmin ? { admin: parentAdmin } : {}), ...(accounts ? { accounts } : {}), ...(auth ? { auth } : {}) };
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
      details: [{ in: 'body', field: 'integrationId', message: `organization ${orgRecord.id} is mapped to integration ${orgRecord.integration_id}` }],
    });
  }
  if (orgRecord.duo_account_id === 'parent') {
    return {
      integration,
      organization,
      ...(parentAdmin ? { admin: parentAdmin } : {}),
      ...(accounts ? { accounts } : {}),
      ...(auth ? { auth } : {}),
    };
  }
  const childAccountId = orgRecord.duo_account_id;
  let admin: DuoAdminClient | undefined;
  if (sets.accounts) {
    // A pacer per child: Duo counts each account's budget separately.
    const childParentClient = new DuoAccountsClient(duoClientOptions(duo, row, sets.accounts, childAccountId));
    admin = childParentClient.child(
      orgRecord.duo_api_hostname
        ? { account_id: childAccountId, api_hostname: orgRecord.duo_api_hostname }
        : childAccountId,
    );
  }
  return { integration, organization, accountId: childAccountId, ...(admin ? { admin } : {}), ...(accounts ? { accounts } : {}) };
}
