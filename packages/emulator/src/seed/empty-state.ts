import type { EmulatorState } from '../state/types.js';
import { newAccount } from './new-account.js';
import { newIntegration } from './new-integration.js';

/**
 * The `empty` seed: a parent account with an Admin API integration holding every grant, an Auth API
 * and an Accounts API integration, all with generated keys; no users and no child accounts.
 */
export function emptyState(random: () => number, _now: number): EmulatorState {
  const parent = newAccount('Parent Account', null, random);
  for (const integration of [
    newIntegration('admin', 'Admin API', random),
    newIntegration('auth', 'Auth API', random),
    newIntegration('accounts', 'Accounts API', random),
  ]) {
    parent.integrations[integration.integration_key] = integration;
  }
  return { parent_account_id: parent.account_id, accounts: { [parent.account_id]: parent } };
}
