import type { Account, Integration } from '../state/types.js';

/** Whether Duo applies policies to this integration: protected applications, not the Admin or Accounts API. */
export function isApplication(integration: Integration): boolean {
  return integration.type !== 'admin' && integration.type !== 'accounts';
}

/** The account's applications (integrations policies apply to), in the account's order. */
export function applicationsOf(account: Account): Integration[] {
  return Object.values(account.integrations).filter(isApplication);
}

/** Makes the policy the application policy of each listed application. */
export function applyToApps(account: Account, policyKey: string, integrationKeys: readonly string[]): void {
  for (const key of integrationKeys) account.integrations[key]!.policy_key = policyKey;
}

/**
 * Applies the policy to groups on applications: an application that already has this policy for
 * some groups gets the new group list in the same rank; otherwise the binding is added last (lowest rank).
 */
export function applyToGroupsInApps(
  account: Account,
  policyKey: string,
  bindings: ReadonlyArray<{ app_integration_key: string; group_id_list: readonly string[] }>,
): void {
  for (const { app_integration_key, group_id_list } of bindings) {
    const integration = account.integrations[app_integration_key]!;
    const list = (integration.group_policies ??= []);
    const existing = list.find((b) => b.policy_key === policyKey);
    if (existing) existing.group_id_list = [...new Set(group_id_list)];
    else list.push({ group_id_list: [...new Set(group_id_list)], policy_key: policyKey });
  }
}

/**
 * Takes the policy off the listed applications: as their application policy and (our reading of
 * Duo's `unassign_from_apps`) as a group policy on them; they fall back to the global policy.
 */
export function unassignFromApps(account: Account, policyKey: string, integrationKeys: readonly string[]): void {
  for (const key of integrationKeys) {
    const integration = account.integrations[key];
    if (!integration) continue;
    if (integration.policy_key === policyKey) integration.policy_key = null;
    if (integration.group_policies) integration.group_policies = integration.group_policies.filter((b) => b.policy_key !== policyKey);
  }
}

/** Removes a deleted policy from every application and group binding of the account. */
export function dropPolicyEverywhere(account: Account, policyKey: string): void {
  unassignFromApps(account, policyKey, Object.keys(account.integrations));
}

/** Removes a deleted group from every group policy binding; a binding left with no group goes. */
export function dropGroupFromPolicies(account: Account, groupId: string): void {
  for (const integration of Object.values(account.integrations)) {
    if (!integration.group_policies) continue;
    integration.group_policies = integration.group_policies
      .map((b) => ({ ...b, group_id_list: b.group_id_list.filter((id) => id !== groupId) }))
      .filter((b) => b.group_id_list.length > 0);
  }
}
