import { newId, newSecretKey } from './ids.js';
import type { IntegrationChanges } from './integration-params.js';
import { defaultDetails, ensureDetails, type IntegrationSso } from './integration-records.js';
import { apiKindOf } from './integration-types.js';
import type { Account, AdminGrants, EmulatorState, Integration } from './types.js';

/** A new Admin API application holds no permission until its `adminapi_*` flags grant one (Duo's default 0). */
const NO_GRANTS: AdminGrants = {
  read_resource: false,
  write_resource: false,
  settings: false,
  info: false,
  read_log: false,
  admins: false,
  admins_read: false,
  integrations: false,
};

/** Whether any account already holds `ikey`: the pipeline finds signers across every account. */
function ikeyTaken(state: EmulatorState, ikey: string): boolean {
  return Object.values(state.accounts).some((a) => a.integrations[ikey] !== undefined);
}

/**
 * Creates an integration in `account` with fresh keys that sign at once: an `adminapi` one for
 * the Admin API with exactly the grants its flags gave, `accountsapi` for the Accounts API, any
 * other type for the Auth API.
 */
export function createIntegrationRecord(
  state: EmulatorState,
  account: Account,
  wireType: string,
  changes: IntegrationChanges,
  sso: IntegrationSso | undefined,
  random: () => number,
): Integration {
  let ikey = newId('DI', random);
  while (ikeyTaken(state, ikey)) ikey = newId('DI', random);
  const kind = apiKindOf(wireType);
  const integration: Integration = {
    integration_key: ikey,
    secret_key: newSecretKey(random),
    name: changes.name ?? '',
    type: kind,
    wire_type: wireType,
    details: { ...defaultDetails({}), ...changes.details },
  };
  if (sso) integration.details!.sso = sso;
  if (kind === 'admin') integration.grants = { ...NO_GRANTS, ...changes.grants };
  syncNewUserPolicy(integration);
  account.integrations[ikey] = integration;
  return integration;
}

/** Applies a modify: given fields change (lists replace), flags change grants, a reset issues a new secret key. */
export function applyIntegrationChanges(
  integration: Integration,
  changes: IntegrationChanges,
  sso: IntegrationSso | undefined,
  random: () => number,
): void {
  const details = ensureDetails(integration);
  if (changes.name !== undefined) integration.name = changes.name;
  Object.assign(details, changes.details);
  if (sso) details.sso = sso;
  if (integration.type === 'admin') integration.grants = { ...NO_GRANTS, ...integration.grants, ...changes.grants };
  if (changes.policy_key !== undefined) {
    if (changes.policy_key === null) delete integration.policy_key;
    else integration.policy_key = changes.policy_key;
  }
  if (changes.prompt_v4_enabled !== undefined) details.prompt_v4_enabled = changes.prompt_v4_enabled;
  // The old key stops signing at once: the pipeline reads the record on every request.
  if (changes.reset_secret_key) integration.secret_key = newSecretKey(random);
  syncNewUserPolicy(integration);
}

/**
 * The Auth API routes read `new_user_policy`: Duo's enroll_policy `enroll` and `deny` map to it;
 * `allow` (let unknown users through without 2FA) is not modelled there, so the emulator's
 * `newUserPolicy` option applies.
 */
function syncNewUserPolicy(integration: Integration): void {
  const policy = integration.details?.enroll_policy;
  if (policy === 'enroll' || policy === 'deny') integration.new_user_policy = policy;
  else delete integration.new_user_policy;
}

/**
 * Deletes an integration: its keys stop signing at once (nothing else holds them) and it leaves
 * every administrative unit; its policy ties live on the record and go with it. False when the
 * account has no such integration.
 */
export function removeIntegration(account: Account, ikey: string): boolean {
  if (!account.integrations[ikey]) return false;
  delete account.integrations[ikey];
  for (const unit of Object.values(account.administrative_units ?? {})) {
    unit.integration_keys = unit.integration_keys.filter((k) => k !== ikey);
  }
  return true;
}
