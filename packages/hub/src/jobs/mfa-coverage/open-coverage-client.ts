import type { DuoAccountsClient, Pacer, RetryOptions } from '@duohub/sdk';
import type { HubContext } from '../../hub-context.js';
import { loadIntegration, openCredentialSets } from '../../integrations/integration-records.js';
import { recallLearnedLimits } from '../../integrations/remember-learned-limits.js';
import { pooledDuoClient } from '../../integrations/pooled-duo-client.js';

/** The Accounts API client a coverage task scans one child account through, and that account's pacer. */
export interface CoverageClient {
  accounts: DuoAccountsClient;
  pacer: Pacer;
}

/**
 * Opens the integration's Accounts API client paced by the child account's own pacer (the one the
 * hub's actions on that account share), seeded with what the store remembers of the account's limits
 * when this process has not met the account yet. The client comes from the hub's pool, so every
 * task on the credential set reuses the same warm connections (and the same client per account). Undefined when the integration has no Accounts keys;
 * HubErrors (integration gone, keys unreadable, host no longer allowed) are thrown.
 */
export async function openCoverageClient(
  hub: HubContext,
  target: { integrationId: string; accountId: string },
  retry: RetryOptions | false | undefined,
): Promise<CoverageClient | undefined> {
  const { integrationId, accountId } = target;
  const pacers = hub.duo.pacers;
  await recallLearnedLimits(hub, target);
  const record = await loadIntegration(hub.store.db, integrationId);
  const set = openCredentialSets(hub.store, record).accounts;
  if (!set) return undefined;
  const duo = retry === undefined ? hub.duo : { ...hub.duo, retry };
  const row = { id: record.row.id, base_url: record.row.base_url, sig_version: record.row.sig_version };
  return { accounts: pooledDuoClient(duo, 'accounts', row, set, accountId), pacer: pacers.get(integrationId, accountId) };
}
