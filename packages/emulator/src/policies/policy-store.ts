import type { PolicyRecord } from '../state/policy-records.js';
import type { Account } from '../state/types.js';
import { cloneSections, SECTION_DEFAULTS } from './policy-sections.js';

/** The name Duo gives the global policy. */
export const GLOBAL_POLICY_NAME = 'Global Policy';

/** The account's policies by key; states exported before policies were modelled get an empty map. */
export function policiesOf(account: Account): Record<string, PolicyRecord> {
  return (account.policies ??= {});
}

/**
 * The account's global policy, created with Duo's default sections the first time anything asks
 * (every Duo account has one). Its key is derived from the account id, so it is stable across runs.
 */
export function globalPolicyOf(account: Account): PolicyRecord {
  const policies = policiesOf(account);
  const found = Object.values(policies).find((p) => p.is_global_policy);
  if (found) return found;
  const policy: PolicyRecord = {
    policy_key: derivedPolicyKey(account, '0'),
    policy_name: GLOBAL_POLICY_NAME,
    is_global_policy: true,
    sections: cloneSections(SECTION_DEFAULTS) as PolicyRecord['sections'],
  };
  account.policies = { [policy.policy_key]: policy, ...policies };
  return policy;
}

/** The policy a key names: `global` (Duo's alias, any case) is the global policy. */
export function findPolicy(account: Account, key: string): PolicyRecord | undefined {
  if (key.toLowerCase() === 'global') return globalPolicyOf(account);
  globalPolicyOf(account);
  return policiesOf(account)[key];
}

/** Every policy, the global one first, then in creation order (Duo leaves the order undefined). */
export function policiesInOrder(account: Account): PolicyRecord[] {
  const global = globalPolicyOf(account);
  return [global, ...Object.values(policiesOf(account)).filter((p) => p !== global)];
}

/** Whether another policy of the account has this name (case-insensitive, as people read names). */
export function policyNameTaken(account: Account, name: string, exceptKey?: string): boolean {
  const wanted = name.trim().toLowerCase();
  return Object.values(policiesOf(account)).some((p) => p.policy_key !== exceptKey && p.policy_name.trim().toLowerCase() === wanted);
}

/**
 * A 20-character policy key in the shape Duo's examples show (`PO` and 18 uppercase letters and
 * digits), taken from the account id so seeds need no randomness; `tag` tells policies apart.
 */
export function derivedPolicyKey(account: Account, tag: string): string {
  return `PO${account.account_id.slice(2, 20 - tag.length)}${tag}`.padEnd(20, '0').slice(0, 20);
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A new random policy key, unique in the account. */
export function newPolicyKey(account: Account, random: () => number): string {
  const policies = policiesOf(account);
  for (;;) {
    let key = 'PO';
    while (key.length < 20) key += ALNUM[Math.floor(random() * ALNUM.length)];
    if (policies[key] === undefined) return key;
  }
}
