import type { DuoAdminClient, Pacer, RetryOptions } from '@duohub/sdk';
import type { HubContext } from '../../hub-context.js';
import { loadIntegration, openCredentialSets } from '../../integrations/integration-records.js';
import { recallLearnedLimits } from '../../integrations/remember-learned-limits.js';
import { pooledChildAdminClient, pooledDuoClient } from '../../integrations/pooled-duo-client.js';

/** The Admin API client a unit reads its account's logs through, and the account's pacer. */
export interface LogClient {
  admin: DuoAdminClient;
  pacer: Pacer;
}

/**
 * Opens the Admin API client of one Duo account of an integration, pooled and paced like the hub's
 * other calls on that account (one pacer per account, seeded with what the store remembers of its
 * limits): the parent through the integration's Admin API keys, a child through its Accounts API
 * keys with `account_id`. A string naming the missing credential kind when the integration lacks it;
 * HubErrors (integration gone, keys unreadable, host no longer allowed) are thrown.
 */
export async function openLogClient(
  hub: HubContext,
  target: { integrationId: string; accountId: string; apiHostname: string | null },
  retry: RetryOptions | false | undefined,
): Promise<LogClient | 'admin' | 'accounts'> {
  const { integrationId, accountId } = target;
  const pacers = hub.duo.pacers;
  await recallLearnedLimits(hub, { integrationId, accountId });
  const record = await loadIntegration(hub.store.db, integrationId);
  const sets = openCredentialSets(hub.store, record);
  const duo = retry === undefined ? hub.duo : { ...hub.duo, retry };
  const row = { id: record.row.id, base_url: record.row.base_url, sig_version: record.row.sig_version };
  let admin: DuoAdminClient;
  if (accountId === 'parent') {
    if (!sets.admin) return 'admin';
    admin = pooledDuoClient(duo, 'admin', row, sets.admin);
  } else {
    if (!sets.accounts) return 'accounts';
    admin = pooledChildAdminClient(duo, row, sets.accounts, accountId, target.apiHostname);
  }
  return { admin, pacer: pacers.get(integrationId, accountId) };
}
