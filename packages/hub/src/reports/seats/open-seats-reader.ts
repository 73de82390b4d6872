import type { DuoAdminClient } from '@duohub/sdk';
import type { CredentialSetInput } from '../../integrations/integration-schemas.js';
import { HubError } from '../../errors/hub-error.js';
import type { HubContext } from '../../hub-context.js';
import { pooledChildAdminClient, pooledDuoClient } from '../../integrations/pooled-duo-client.js';
import { fleetPacedSource } from '../mfa-coverage/fleet-paced-source.js';
import type { PageSlots } from '../mfa-coverage/page-slots.js';
import type { SeatsUsersSource } from './count-account-users.js';
import { PARENT_ACCOUNT, type SeatsTarget } from './seats-target.js';

/** An integration's stored row and opened credential sets, loaded once per report. */
export interface SeatsIntegrationKeys {
  row: { id: string; base_url: string | null; sig_version: number };
  admin?: CredentialSetInput | undefined;
  accounts?: CredentialSetInput | undefined;
}

/** What the report reads of one account, through that account's own client. */
export interface SeatsAccountReader extends SeatsUsersSource {
  /** Duo's edition; null where Duo does not report one (the parent). */
  edition(signal?: AbortSignal): Promise<string | null>;
  telephonyCredits(signal?: AbortSignal): Promise<number>;
}

/**
 * The account's reader over the hub's pooled clients, paced by that account's own pacer: a child
 * through the parent's Accounts API keys with its `account_id` (the client every action on the child
 * shares), the parent through the integration's Admin API keys. Child billing (edition, credits) is
 * the Accounts API's; the parent's credits come from its info summary, and Duo reports no edition
 * for it. User pages take a fleet-wide slot when `slots` is given. `credentials_missing` when the
 * keys the account needs are not stored.
 */
export function openSeatsReader(hub: HubContext, keys: SeatsIntegrationKeys, target: SeatsTarget, slots?: PageSlots): SeatsAccountReader {
  const parent = target.accountId === PARENT_ACCOUNT;
  let client: DuoAdminClient;
  if (parent) {
    if (!keys.admin) throw missing('admin', 'This integration has no Admin API credentials, so its parent account cannot be read.');
    client = pooledDuoClient(hub.duo, 'admin', keys.row, keys.admin);
  } else {
    if (!keys.accounts) throw missing('accounts', 'This integration has no Accounts API credentials, so its child accounts cannot be read.');
    client = pooledChildAdminClient(hub.duo, keys.row, keys.accounts, target.accountId, target.apiHostname);
  }
  const users = slots ? fleetPacedSource(client, { slots, pacer: hub.duo.pacers.get(keys.row.id, target.accountId) }).users : client.users;
  return {
    users,
    edition: async (signal) => (parent ? null : (await client.billing.getEdition(signal ? { signal } : {})).edition),
    telephonyCredits: async (signal) =>
      parent ? (await client.info.summary(signal ? { signal } : {})).telephony_credits_remaining : (await client.billing.getTelephonyCredits(signal ? { signal } : {})).credits,
  };
}

const missing = (needs: 'admin' | 'accounts', message: string) => new HubError('credentials_missing', { message, details: { needs } });
