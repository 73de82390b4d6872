import { newApiHostname, newId } from '../state/ids.js';
import type { Account } from '../state/types.js';
import { blankAccount } from '../state/blank-account.js';

/** A blank account (no integrations, users or devices) with its own id and api_hostname. */
export function newAccount(name: string, parentId: string | null, random: () => number): Account {
  return blankAccount({
    account_id: newId('DA', random),
    name,
    api_hostname: newApiHostname(random),
    parent_id: parentId,
  });
}
