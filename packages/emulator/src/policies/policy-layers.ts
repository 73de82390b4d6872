import type { Account, Integration, User } from '../state/types.js';
import type { PolicyLayer } from './calculate-policy.js';
import { globalPolicyOf, policiesOf } from './policy-store.js';

/**
 * The policies that apply to a user on an application, lowest precedence first: the global policy,
 * the application's own policy (when it has one), and the first of the application's group
 * policies naming one of the user's groups (Duo ranks group policies; the first match wins).
 */
export function policyLayers(account: Account, integration: Integration, user: User): PolicyLayer[] {
  const global = globalPolicyOf(account);
  const policies = policiesOf(account);
  const layers: PolicyLayer[] = [{ policy: global, apply_type: 'global' }];
  const app = integration.policy_key ? policies[integration.policy_key] : undefined;
  if (app && !app.is_global_policy) layers.push({ policy: app, apply_type: 'app' });
  const groups = new Set(user.group_ids);
  const binding = (integration.group_policies ?? []).find(
    (b) => policies[b.policy_key] !== undefined && b.group_id_list.some((id) => groups.has(id)),
  );
  if (binding) layers.push({ policy: policies[binding.policy_key]!, apply_type: 'group_app', group_id_list: [...binding.group_id_list] });
  return layers;
}
