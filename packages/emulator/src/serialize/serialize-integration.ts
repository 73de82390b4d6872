import { detailsOf, wireTypeOf } from '../state/integration-records.js';
import { serializeSso } from '../state/integration-sso.js';
import type { IntegrationsVersion } from '../state/integration-types.js';
import type { Account, AdminGrants, Integration } from '../state/types.js';

/** How an answer shows an integration: which handler's fields, and whether its secret is masked. */
export interface IntegrationView {
  version: IntegrationsVersion;
  secrets: 'masked' | 'full';
  /** The new user policy in force where the integration sets none (the emulator's `newUserPolicy`). */
  defaultEnrollPolicy?: 'enroll' | 'deny';
}

/** A secret as Duo's answers show it: all but the last four characters as `*`. */
export function maskSecret(secret: string): string {
  if (secret.length <= 4) return '*'.repeat(secret.length);
  return '*'.repeat(secret.length - 4) + secret.slice(-4);
}

const FLAG_FIELDS: ReadonlyArray<readonly [string, keyof AdminGrants]> = [
  ['adminapi_admins', 'admins'],
  ['adminapi_admins_read', 'admins_read'],
  ['adminapi_info', 'info'],
  ['adminapi_integrations', 'integrations'],
  ['adminapi_read_log', 'read_log'],
  ['adminapi_read_resource', 'read_resource'],
  ['adminapi_settings', 'settings'],
  ['adminapi_write_resource', 'write_resource'],
];

/**
 * An integration in Duo's field names: the `adminapi_*` flags (0/1) only on Admin API
 * applications, `networks_for_api_access` on Admin and Accounts API ones, `policy_key` when a
 * policy is attached, `user_access` from v3, `sso` on generic SSO applications.
 */
export function serializeIntegration(account: Account, integration: Integration, view: IntegrationView): Record<string, unknown> {
  const d = detailsOf(integration);
  const type = wireTypeOf(integration);
  const out: Record<string, unknown> = {
    integration_key: integration.integration_key,
    name: integration.name,
    type,
    notes: d.notes,
    greeting: d.greeting,
    enroll_policy: integration.details ? d.enroll_policy : (integration.new_user_policy ?? view.defaultEnrollPolicy ?? 'enroll'),
    groups_allowed: [...d.groups_allowed],
    ip_whitelist: [...d.ip_whitelist],
    ip_whitelist_enroll_policy: d.ip_whitelist_enroll_policy,
    self_service_allowed: d.self_service_allowed,
    username_normalization_policy: d.username_normalization_policy,
    trusted_device_days: d.trusted_device_days,
    secret_key: view.secrets === 'full' ? integration.secret_key : maskSecret(integration.secret_key),
  };
  if (view.version === 3) out['user_access'] = d.user_access;
  if (type === 'adminapi' || type === 'accountsapi') out['networks_for_api_access'] = d.networks_for_api_access;
  if (type === 'adminapi') {
    for (const [field, grant] of FLAG_FIELDS) out[field] = integration.grants?.[grant] ? 1 : 0;
    out['adminapi_allow_to_set_permissions'] = d.allow_to_set_permissions ? 1 : 0;
  }
  if (integration.policy_key) out['policy_key'] = integration.policy_key;
  // Duo shows the prompt fields once it has seen a frameless prompt; here, once a modify set one.
  if (d.prompt_v4_enabled !== undefined) {
    out['frameless_auth_prompt_enabled'] = 1;
    out['prompt_v4_enabled'] = d.prompt_v4_enabled ? 1 : 0;
  }
  if (d.sso) out['sso'] = serializeSso(type, d.sso, integration.integration_key, account.api_hostname, maskSecret);
  return out;
}
