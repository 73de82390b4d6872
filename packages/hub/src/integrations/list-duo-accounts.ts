import { ANSWER_NOT_DUOS } from '../errors/classify-duo-failure.js';
import { HubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import { loadIntegration, openCredentialSets } from './integration-records.js';
import { pooledDuoClient } from './pooled-duo-client.js';

/** A Duo child account as the Accounts API lists it. */
export interface DuoAccount {
  account_id: string;
  name: string;
  api_hostname: string;
}

/** The integration's Duo child accounts (Accounts API `account/list`); `credentials_missing` without Accounts keys. */
export async function fetchDuoAccounts(hub: HubContext, integrationId: string): Promise<DuoAccount[]> {
  const record = await loadIntegration(hub.store.db, integrationId);
  const sets = openCredentialSets(hub.store, record);
  if (!sets.accounts) {
    throw new HubError('credentials_missing', {
      message: 'This integration has no Accounts API credentials, so it cannot list child accounts.',
      details: { needs: 'accounts' },
    });
  }
  const client = pooledDuoClient(hub.duo, 'accounts', record.row, sets.accounts);
  const answer = await client.request('POST', '/accounts/v1/account/list');
  // Duo always lists an array; anything else (bytes of an HTML page, an object) did not come from Duo's API.
  if (!Array.isArray(answer.response)) throw new HubError('duo_error', { message: ANSWER_NOT_DUOS });
  const list: unknown[] = answer.response;
  return list
    .filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null)
    .map((a) => ({ account_id: String(a.account_id ?? ''), name: String(a.name ?? ''), api_hostname: String(a.api_hostname ?? '') }))
    .filter((a) => a.account_id);
}
