/** What an administrator-log row is about: the kind of object, found by its id (path, params or answer). */
export type TargetKind =
  | 'user'
  | 'group'
  | 'phone'
  | 'token'
  | 'integration'
  | 'admin'
  | 'admin_activation'
  | 'admin_unit'
  | 'policy'
  | 'webauthn'
  | 'u2f'
  | 'desktop_token'
  | 'registered_device'
  | 'child_account'
  | 'account';

/** How one endpoint shows in the administrator log. */
export interface AdminLogRule {
  /** The row's `action`. */
  action: string;
  target: TargetKind;
  /** True where the name is one Duo's logs use; false where the emulator names an action Duo's lists do not show. */
  duo: boolean;
  /** Rows per request: one (default), one per user the answer lists, or one per id in `user_id_list`. */
  fanOut?: 'answer_users' | 'user_id_list';
}

const duo = (action: string, target: TargetKind, extra: Partial<AdminLogRule> = {}): AdminLogRule => ({ action, target, duo: true, ...extra });

/**
 * Duo's administrator-log action names by endpoint, from the action lists Duo's log consumers map
 * (Elastic's, Google SecOps', Panther's rules) and the python client's docstring. Writes not listed
 * get an emulator name (`<object>_<verb>`, see `adminLogRule`); reads are logged only where Duo logs
 * them (viewing a secret key).
 */
export const ADMIN_LOG_RULES: Readonly<Record<string, AdminLogRule>> = {
  'users.create': duo('user_create', 'user'),
  'users.update': duo('user_update', 'user'),
  'users.delete': duo('user_delete', 'user'),
  'users.enroll': duo('send_enroll_code', 'user'),
  'users.bulk_create': duo('user_create', 'user', { fanOut: 'answer_users' }),
  'users.bulk_send_to_trash': duo('user_pending_delete', 'user', { fanOut: 'user_id_list' }),
  'users.bulk_restore': duo('user_restore', 'user', { fanOut: 'user_id_list' }),
  'users.groups.associate': duo('user_update', 'user'),
  'users.groups.disassociate': duo('user_update', 'user'),
  'users.tokens.associate': duo('user_update', 'user'),
  'users.tokens.disassociate': duo('user_update', 'user'),
  'users.phones.associate': duo('phone_associate', 'user'),
  'users.phones.disassociate': duo('phone_disassociate', 'user'),
  'users.bypass_codes.create': duo('bypass_create', 'user'),
  'bypass_codes.delete': duo('bypass_delete', 'user'),
  'groups.create': duo('group_create', 'group'),
  'groups.update': duo('group_update', 'group'),
  'groups.delete': duo('group_delete', 'group'),
  'phones.create': duo('phone_create', 'phone'),
  'phones.update': duo('phone_update', 'phone'),
  'phones.delete': duo('phone_delete', 'phone'),
  'phones.activation_url': duo('phone_activation_code_regenerated', 'phone'),
  'phones.send_sms_activation': duo('phone_activation_code_regenerated', 'phone'),
  'phones.send_sms_passcodes': duo('phone_new_sms_passcode', 'phone'),
  'tokens.create': duo('hardtoken_create', 'token'),
  'tokens.update': duo('hardtoken_update', 'token'),
  'tokens.resync': duo('hardtoken_resync', 'token'),
  'tokens.delete': duo('hardtoken_delete', 'token'),
  'u2ftokens.delete': duo('u2ftoken_delete', 'u2f'),
  'webauthn_credentials.delete': duo('webauthncredential_delete', 'webauthn'),
  'registered_devices.delete': duo('deregister_devices', 'registered_device'),
  'admins.create': duo('admin_create', 'admin'),
  'admins.update': duo('admin_update', 'admin'),
  'admins.delete': duo('admin_delete', 'admin'),
  'admins.update_password_mgmt': duo('admin_update', 'admin'),
  'admins.create_activation_link': duo('activation_create_link', 'admin'),
  'admins.delete_activation_link': duo('activation_delete_link', 'admin'),
  'admins.email_activation_link': duo('activation_send_link', 'admin'),
  'admins.create_activation': duo('admin_activation_create', 'admin_activation'),
  'admins.delete_activation': duo('admin_activation_delete', 'admin_activation'),
  'admins.update_allowed_auth_methods': duo('admin_factor_restrictions_update', 'account'),
  'integrations.create_legacy': duo('integration_create', 'integration'),
  'integrations.create': duo('integration_create', 'integration'),
  'integrations.create_latest': duo('integration_create', 'integration'),
  'integrations.update_legacy': duo('integration_update', 'integration'),
  'integrations.update': duo('integration_update', 'integration'),
  'integrations.update_latest': duo('integration_update', 'integration'),
  'integrations.delete_legacy': duo('integration_delete', 'integration'),
  'integrations.delete': duo('integration_delete', 'integration'),
  'integrations.delete_latest': duo('integration_delete', 'integration'),
  'integrations.get_secret_key': duo('integration_skey_view', 'integration'),
  'integrations.get_oauth_client_secret': duo('integration_skey_view', 'integration'),
  'integrations.get_oidc_client_secret': duo('integration_skey_view', 'integration'),
  'policies.create': duo('policy_create', 'policy'),
  'policies.copy': duo('policy_create', 'policy'),
  'policies.update': duo('policy_update', 'policy'),
  'policies.bulk_update': duo('policy_update', 'account'),
  'policies.delete': duo('policy_delete', 'policy'),
  'settings.update': duo('customer_update', 'account'),
  'billing.set_edition': duo('edition_update', 'child_account'),
  'billing.set_telephony_credits': duo('credits_update', 'child_account'),
  'accounts.create': duo('create_child_customer', 'child_account'),
  'accounts.delete': duo('delete_child_customer', 'child_account'),
};

/** Endpoints whose writes leave no row of their own: `bulk` logs each of its operations instead. */
const UNLOGGED = new Set(['bulk.operations']);

/** Reads Duo logs: viewing secrets. */
const LOGGED_READS = new Set(['integrations.get_secret_key', 'integrations.get_oauth_client_secret', 'integrations.get_oidc_client_secret']);

const TARGET_BY_COLLECTION: Readonly<Record<string, TargetKind>> = {
  users: 'user',
  groups: 'group',
  phones: 'phone',
  tokens: 'token',
  integrations: 'integration',
  admins: 'admin',
  administrative_units: 'admin_unit',
  policies: 'policy',
  desktop_tokens: 'desktop_token',
  registered_devices: 'registered_device',
  accounts: 'child_account',
};

/**
 * The administrator-log rule of a request: the table's, or for writes it does not list, an emulator
 * name `<object>_<verb>` from the endpoint id (`administrative_units.create` ->
 * `administrative_unit_create`). Undefined: the request leaves no row (reads, `bulk`).
 */
export function adminLogRule(endpointId: string, method: string): AdminLogRule | undefined {
  if (UNLOGGED.has(endpointId)) return undefined;
  if (method.toUpperCase() === 'GET') return LOGGED_READS.has(endpointId) ? ADMIN_LOG_RULES[endpointId] : undefined;
  const known = ADMIN_LOG_RULES[endpointId];
  if (known) return known;
  const [collection = endpointId, ...rest] = endpointId.split('.');
  const verb = rest.length === 0 ? 'update' : rest.join('_');
  const object = collection.endsWith('s') ? collection.slice(0, -1) : collection;
  return { action: `${object}_${verb}`, target: TARGET_BY_COLLECTION[collection] ?? 'account', duo: false };
}
