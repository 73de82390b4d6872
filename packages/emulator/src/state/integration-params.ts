import { failures } from '../duo-result.js';
import { optionalBool, optionalEnum, optionalInt, reject } from '../params/read-param.js';
import type { Params } from '../route.js';
import { isNetworkSpec, readStringList } from './integration-networks.js';
import type { IntegrationDetails, UserAccess } from './integration-records.js';
import type { IntegrationsVersion } from './integration-types.js';
import type { Account, AdminGrants } from './types.js';

/** Duo's `adminapi_*` flags and the grant each one sets. */
export const GRANT_FLAGS: ReadonlyArray<readonly [string, keyof AdminGrants]> = [
  ['adminapi_read_resource', 'read_resource'],
  ['adminapi_write_resource', 'write_resource'],
  ['adminapi_settings', 'settings'],
  ['adminapi_info', 'info'],
  ['adminapi_read_log', 'read_log'],
  ['adminapi_admins', 'admins'],
  ['adminapi_admins_read', 'admins_read'],
  ['adminapi_integrations', 'integrations'],
];

/** Groups per application, as Duo's object limits say. */
export const MAX_GROUPS_ALLOWED = 100;

/** What a create or modify asks for, read and checked; absent fields stay as they are. */
export interface IntegrationChanges {
  name?: string;
  details: Partial<Omit<IntegrationDetails, 'sso' | 'prompt_v4_enabled'>>;
  grants: Partial<AdminGrants>;
  policy_key?: string | null;
  prompt_v4_enabled?: boolean;
  reset_secret_key?: boolean;
}

/**
 * Reads the settings of a create or modify (both take the same names), answering Duo's errors:
 * 400/40002 naming the field for an unknown group, a bad network or an unknown policy.
 * `user_access` is v3's; `policy_key`, `prompt_v4_enabled` and `reset_secret_key` belong to modify.
 */
export function readIntegrationChanges(account: Account, params: Params, version: IntegrationsVersion, modify: boolean): IntegrationChanges {
  const changes: IntegrationChanges = { details: {}, grants: {} };
  const name = params.get('name');
  if (name !== undefined) {
    if (name.trim() === '') reject(failures.invalidParam('name'));
    changes.name = name;
  }
  const d = changes.details;
  const notes = params.get('notes');
  if (notes !== undefined) d.notes = notes;
  const greeting = params.get('greeting');
  if (greeting !== undefined) d.greeting = greeting;
  const enroll = optionalEnum(params, 'enroll_policy', ['enroll', 'allow', 'deny'] as const);
  if (enroll) d.enroll_policy = enroll;
  const trustedEnroll = optionalEnum(params, 'ip_whitelist_enroll_policy', ['enforce', 'allow'] as const);
  if (trustedEnroll) d.ip_whitelist_enroll_policy = trustedEnroll;
  const normalization = optionalEnum(params, 'username_normalization_policy', ['none', 'simple'] as const);
  if (normalization) d.username_normalization_policy = normalization === 'simple' ? 'Simple' : 'None';
  const selfService = optionalBool(params, 'self_service_allowed');
  if (selfService !== undefined) d.self_service_allowed = selfService;
  const days = optionalInt(params, 'trusted_device_days', { min: 0, max: 365 });
  if (days !== undefined) d.trusted_device_days = days;
  const groups = readList(params, 'groups_allowed');
  if (groups) {
    if (groups.length > MAX_GROUPS_ALLOWED || groups.some((id) => account.groups[id] === undefined)) reject(failures.invalidParam('groups_allowed'));
    d.groups_allowed = groups;
  }
  const trusted = readList(params, 'ip_whitelist');
  if (trusted) {
    if (!trusted.every(isNetworkSpec)) reject(failures.invalidParam('ip_whitelist'));
    d.ip_whitelist = trusted;
  }
  const networks = params.get('networks_for_api_access');
  if (networks !== undefined) {
    const list = readStringList(undefined, [networks]);
    if (!list || !list.every(isNetworkSpec)) reject(failures.invalidParam('networks_for_api_access'));
    d.networks_for_api_access = list.join(',');
  }
  if (version === 3) {
    const access = optionalEnum(params, 'user_access', ['ALL_USERS', 'NO_USERS', 'PERMITTED_GROUPS'] as const);
    if (access) d.user_access = access as UserAccess;
  } else if (groups) {
    // v1/v2 have no user_access: a non-empty group list restricts, an empty one opens to all.
    d.user_access = groups.length > 0 ? 'PERMITTED_GROUPS' : 'ALL_USERS';
  }
  for (const [flag, grant] of GRANT_FLAGS) {
    const value = optionalBool(params, flag);
    if (value !== undefined) changes.grants[grant] = value;
  }
  const allowSet = optionalBool(params, 'adminapi_allow_to_set_permissions');
  if (allowSet !== undefined) d.allow_to_set_permissions = allowSet;
  if (modify) readModifyOnly(account, params, changes);
  return changes;
}

function readModifyOnly(account: Account, params: Params, changes: IntegrationChanges): void {
  const policyKey = params.get('policy_key');
  if (policyKey !== undefined) {
    if (policyKey.trim() === '') changes.policy_key = null;
    else {
      const policy = account.policies?.[policyKey];
      if (!policy || policy.is_global_policy) reject(failures.invalidParam('policy_key'));
      changes.policy_key = policyKey;
    }
  }
  const prompt = optionalBool(params, 'prompt_v4_enabled');
  if (prompt !== undefined) changes.prompt_v4_enabled = prompt;
  // python 4.5 sends reset_secret_key=1 for "any value"; Duo reads it as a flag.
  const reset = optionalBool(params, 'reset_secret_key');
  if (reset !== undefined) changes.reset_secret_key = reset;
}

function readList(params: Params, name: string): string[] | undefined {
  const values = params.getAll(name);
  const native = params.json(name);
  if (values.length === 0 && !Array.isArray(native)) return undefined;
  const list = readStringList(native, values);
  if (!list) reject(failures.invalidParam(name));
  return list;
}
