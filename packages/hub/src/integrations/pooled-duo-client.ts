import { DuoAccountsClient, DuoAdminClient, DuoAuthClient, type DuoClientOptions } from '@duohub/sdk';
import type { CredentialSetInput } from './integration-schemas.js';
import type { DuoConnectOptions } from './duo-connect-options.js';
import { duoClientOptions } from './duo-client-options.js';

const CLIENT_CLASSES = { admin: DuoAdminClient, accounts: DuoAccountsClient, auth: DuoAuthClient } as const;

/** Which Duo API a client speaks. */
export type DuoClientKind = keyof typeof CLIENT_CLASSES;

/**
 * The SDK client of `kind` for one credential set, paced for `accountId`: reused from the hub's
 * DuoClientPool (with the set's warm connections) when `duo.pools` is set, else built fresh. The
 * stored target is re-checked on every call either way (duoClientOptions), so turning custom
 * origins off stops cached clients too.
 */
export function pooledDuoClient<K extends DuoClientKind>(
  duo: DuoConnectOptions,
  kind: K,
  integration: { id: string; base_url: string | null; sig_version: number },
  set: CredentialSetInput,
  accountId = 'parent',
): InstanceType<(typeof CLIENT_CLASSES)[K]> {
  const options = duoClientOptions(duo, integration, set, accountId);
  const build = (o: DuoClientOptions) => new CLIENT_CLASSES[kind](o) as InstanceType<(typeof CLIENT_CLASSES)[K]>;
  return duo.pools ? duo.pools.client(`${kind}|${accountId}`, options, build) : build(options);
}

/**
 * The Admin API client acting on a child account through the parent's Accounts API keys (paced per
 * child), pooled like `pooledDuoClient`. A known `apiHostname` saves the child's host lookup.
 */
export function pooledChildAdminClient(
  duo: DuoConnectOptions,
  integration: { id: string; base_url: string | null; sig_version: number },
  accountsSet: CredentialSetInput,
  childAccountId: string,
  apiHostname: string | null | undefined,
): DuoAdminClient {
  const options = duoClientOptions(duo, integration, accountsSet, childAccountId);
  const build = (o: DuoClientOptions) =>
    new DuoAccountsClient(o).child(apiHostname ? { account_id: childAccountId, api_hostname: apiHostname } : childAccountId);
  return duo.pools ? duo.pools.client(`child-admin|${childAccountId}|${apiHostname ?? ''}`, options, build) : build(options);
}
