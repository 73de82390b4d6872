import type { PolicyRecord } from '../state/policy-records.js';
import type { Account } from '../state/types.js';
import { applySectionChanges } from './apply-section-changes.js';
import { applyToGroupsInApps } from './policy-assignments.js';
import { SECTION_DEFAULTS } from './policy-sections.js';
import { derivedPolicyKey, globalPolicyOf, policiesOf } from './policy-store.js';

/**
 * Demo policies for one account, without randomness (keys come from the account id): the global
 * policy, "Security keys only" applied to the account's first group on its Auth API application,
 * and an unassigned "Block new users". Application policies are left to the integrations' owners.
 */
export function seedPolicies(account: Account): void {
  globalPolicyOf(account);
  const fill = (name: string) => SECTION_DEFAULTS[name] ?? {};
  const make = (tag: string, name: string, sections: PolicyRecord['sections']): PolicyRecord => {
    const policy: PolicyRecord = {
      policy_key: derivedPolicyKey(account, tag),
      policy_name: name,
      is_global_policy: false,
      sections: applySectionChanges({}, sections, [], fill),
    };
    policiesOf(account)[policy.policy_key] = policy;
    return policy;
  };
  const keysOnly = make('1', 'Security keys only', {
    authentication_methods: {
      allowed_auth_list: ['webauthn-roaming', 'webauthn-platform'],
      blocked_auth_list: ['duo-push', 'duo-passcode', 'hardware-token', 'phonecall', 'sms'],
    },
    remembered_devices: { browser_apps: { enabled: false } },
  });
  make('2', 'Block new users', { new_user: { new_user_behavior: 'deny' } });
  const app = Object.values(account.integrations).find((i) => i.type === 'auth');
  const group = Object.values(account.groups)[0];
  if (app && group) applyToGroupsInApps(account, keysOnly.policy_key, [{ app_integration_key: app.integration_key, group_id_list: [group.group_id] }]);
}
