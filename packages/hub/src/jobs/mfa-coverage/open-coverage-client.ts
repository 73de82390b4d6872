import type { DuoAccountsClient, Pacer, RetryOptions } from '@duohub/sdk';
import type { HubContext } from '../../hub-context.js';
import type { CredentialSetInput } from '../../integrations/integration-schemas.js';
import type { CredentialKind } from '../../store/database.js';
import { loadIntegration, openCredentialSets, type IntegrationRecord } from '../../integrations/integration-records.js';
import { recallLearnedLimits } from '../../integrations/remember-learned-limits.js';
import { pooledDuoClient } from '../../integrations/pooled-duo-client.js';

/** The Accounts API client a coverage task scans one child account through, and that account's pacer. */
export interface CoverageClient {
  accounts: DuoAccountsClient;
  pacer: Pacer;
}

/** An integration read and its credential sets opened, shared by the tasks of a batch (see `CoverageBatch`). */
export interface OpenedIntegration {
  record: IntegrationRecord;
  sets: Partial<Record<CredentialKind, CredentialSetInput>>;
}

/**
 * Opens the integration's Accounts API client paced by the child account's own pacer (the one the
 * hub's actions on that account share), seeded with what the store remembers of the account's limits
 * when this process has not met the account yet. The client comes from the hub's pool, so every
 * task on the credential set reuses the same warm connections (and the same client per account).
 * `opened`: the integration as the task's batch read it (the batch recalled its accounts' limits
 * too); otherwise both are read here. Undefined when the
 * integration has no Accounts keys; HubErrors (integration gone, keys unreadable, host no longer
 * allowed) are thrown.
 */
export async function openCoverageClient(
  hub: HubContext,
  target: { integrationId: string; accountId: string },
  retry: RetryOptions | false | undefined,
  opened?: OpenedIntegration,
): Promise<CoverageClient | undefined> {
  const { integrationId, accountId } = target;
  const pacers = hub.duo.pacers;
  let integration = opened;
  if (!integration) {
    await recallLearnedLimits(hub, target);
    const record = await loadIntegration(hub.store.db, integrationId);
    integration = { record, sets: openCredentialSets(hub.store, record) };
  }
  const set = integration.sets.accounts;
  if (!set) return undefined;
  const duo = retry === undefined ? hub.duo : { ...hub.duo, retry };
  const { row } = integration.record;
  return { accounts: pooledDuoClient(duo, 'accounts', { id: row.id, base_url: row.base_url, sig_version: row.sig_version }, set, accountId), pacer: pacers.get(integrationId, accountId) };
}
