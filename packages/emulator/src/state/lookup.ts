import type { Account, EmulatorState, Integration } from './types.js';

/** The account whose api_hostname is `host` (already lower-cased), if any. */
export function accountByHost(state: EmulatorState, host: string): Account | undefined {
  for (const account of Object.values(state.accounts)) {
    if (account.api_hostname.toLowerCase() === host) return account;
  }
  return undefined;
}

/** The integration holding `ikey` and the account it belongs to. */
export function findIntegration(
  state: EmulatorState,
  ikey: string,
): { account: Account; integration: Integration } | undefined {
  for (const account of Object.values(state.accounts)) {
    const integration = account.integrations[ikey];
    if (integration) return { account, integration };
  }
  return undefined;
}

/** The parent account; every state has exactly one. */
export function parentAccount(state: EmulatorState): Account {
  const parent = state.accounts[state.parent_account_id];
  if (!parent) throw new Error('state has no parent account');
  return parent;
}
