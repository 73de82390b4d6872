import type { Account } from '../state/types.js';
import { applicationsOf } from './policy-assignments.js';
import { policiesInOrder } from './policy-store.js';

/** Where one policy is applied, as the summary lists it. */
export interface PolicyAppliesTo {
  app_integration_key: string;
  app_name: string;
  apply_type: 'app' | 'group_app';
  group_position?: number;
  groups?: Array<{ group_id: string; group_name: string }>;
}

/**
 * `GET /admin/v2/policies/summary`: every policy with the applications (and groups on them) it is
 * applied to. The global policy lists only applications bound to it by key: the rest inherit it
 * implicitly. The emulator never truncates, so `response_is_truncated` is false.
 */
export function policySummary(account: Account) {
  const apps = applicationsOf(account);
  const policies = policiesInOrder(account).map((policy) => {
    const policy_applies_to: PolicyAppliesTo[] = [];
    for (const app of apps) {
      if (app.policy_key === policy.policy_key) {
        policy_applies_to.push({ app_integration_key: app.integration_key, app_name: app.name, apply_type: 'app' });
      }
      (app.group_policies ?? []).forEach((binding, index) => {
        if (binding.policy_key !== policy.policy_key) return;
        policy_applies_to.push({
          app_integration_key: app.integration_key,
          app_name: app.name,
          apply_type: 'group_app',
          group_position: index,
          groups: binding.group_id_list.map((id) => ({ group_id: id, group_name: account.groups[id]?.name ?? '' })),
        });
      });
    }
    return { policy_key: policy.policy_key, policy_name: policy.policy_name, is_global_policy: policy.is_global_policy, policy_applies_to };
  });
  return { policies, policy_count: policies.length, response_is_truncated: false, warnings: [] as string[] };
}
