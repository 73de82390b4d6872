import type { Account, EmulatorState } from '../state/types.js';
import type { TargetKind } from './admin-log-actions.js';

/** An object a log row names: its key, the name Duo shows (`object`), and its fields as they are now. */
export interface TargetSnapshot {
  key: string;
  name: string | null;
  /** Plain fields, secrets dropped, nested objects one level flattened; what old/new values compare. */
  details: Record<string, unknown>;
}

/** The path (or body) parameter that names each kind of target. */
export const TARGET_PARAM: Readonly<Partial<Record<TargetKind, string>>> = {
  user: 'user_id',
  group: 'group_id',
  phone: 'phone_id',
  token: 'token_id',
  integration: 'integration_key',
  admin: 'admin_id',
  admin_activation: 'admin_activation_id',
  admin_unit: 'admin_unit_id',
  policy: 'policy_key',
  webauthn: 'webauthnkey',
  u2f: 'registration_id',
  desktop_token: 'desktoptoken_id',
  registered_device: 'registered_device_key',
  child_account: 'account_id',
};

/** The field of a create's answer that holds the new object's key. */
export const ANSWER_KEY: Readonly<Partial<Record<TargetKind, string>>> = {
  ...TARGET_PARAM,
  child_account: 'account_id',
};

/** The activity log's target type for each kind. */
export const ACTIVITY_TARGET_TYPE: Readonly<Record<TargetKind, string>> = {
  user: 'user',
  group: 'group',
  phone: 'phone',
  token: 'hardtoken',
  integration: 'integration',
  admin: 'admin',
  admin_activation: 'admin',
  admin_unit: 'admin_unit',
  policy: 'policy',
  webauthn: 'webauthn_credential',
  u2f: 'u2f_token',
  desktop_token: 'desktop_token',
  registered_device: 'device_registration',
  child_account: 'account',
  account: 'account',
};

/** Names of fields that hold secrets: never copied into a log. */
const SECRET = /^password$|passcode|secret|skey|^codes?$|^seed$|private_id|aes_key|^key$|password_sha256|push_script/i;

/** Whether a field name holds a secret (passwords, secret keys, bypass codes, token seeds). */
export function isSecretField(name: string): boolean {
  return SECRET.test(name);
}

/** A record's loggable fields: scalars and lists as they are, objects one level down as `a.b`, secrets dropped. */
export function loggableFields(record: object, skip: ReadonlySet<string> = new Set()): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    if (skip.has(name) || isSecretField(name) || value === undefined) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value as Record<string, unknown>)) {
        if (!isSecretField(inner) && v !== undefined) out[`${name}.${inner}`] = v;
      }
    } else {
      out[name] = value;
    }
  }
  return out;
}

const USER_SKIP = new Set(['user_id', 'webauthn', 'last_login', 'created', 'last_directory_sync']);
const PHONE_SKIP = new Set(['phone_id', 'last_seen']);

/** The target as it is now, or undefined when the account has no such object. */
export function snapshotTarget(state: EmulatorState, account: Account, kind: TargetKind, key: string): TargetSnapshot | undefined {
  switch (kind) {
    case 'user': {
      const user = account.users[key] ?? account.trash?.[key]?.user;
      return user && { key, name: user.username, details: loggableFields(user, USER_SKIP) };
    }
    case 'group': {
      const group = account.groups[key];
      return group && { key, name: group.name, details: loggableFields(group, new Set(['group_id'])) };
    }
    case 'phone': {
      const phone = account.phones[key];
      return phone && { key, name: phone.number || phone.name || phone.phone_id, details: loggableFields(phone, PHONE_SKIP) };
    }
    case 'token': {
      const token = account.tokens[key];
      return token && { key, name: token.serial, details: loggableFields(token, new Set(['token_id', 'counter'])) };
    }
    case 'integration': {
      const integration = account.integrations[key];
      return integration && { key, name: integration.name, details: loggableFields(integration, new Set(['integration_key'])) };
    }
    case 'admin': {
      const admin = account.admins?.[key];
      return admin && { key, name: admin.name, details: loggableFields(admin, new Set(['admin_id', 'failed_attempts', 'last_login'])) };
    }
    case 'admin_activation': {
      const activation = account.admin_activations?.[key];
      return activation && { key, name: activation.email, details: loggableFields(activation, new Set(['admin_activation_id', 'link'])) };
    }
    case 'admin_unit': {
      const unit = account.administrative_units?.[key];
      return unit && { key, name: unit.name, details: loggableFields(unit, new Set(['admin_unit_id'])) };
    }
    case 'policy': {
      const policy = account.policies?.[key];
      if (!policy) return undefined;
      const details: Record<string, unknown> = { policy_name: policy.policy_name };
      for (const [section, settings] of Object.entries(policy.sections)) details[`sections.${section}`] = JSON.stringify(settings);
      return { key, name: policy.policy_name, details };
    }
    case 'webauthn': {
      for (const user of Object.values(account.users)) {
        const credential = user.webauthn.find((w) => w.webauthnkey === key);
        if (credential) return { key, name: credential.credential_name, details: { ...loggableFields(credential, new Set(['webauthnkey'])), user_id: user.user_id } };
      }
      return undefined;
    }
    case 'u2f': {
      const token = account.u2ftokens?.[key];
      return token && { key, name: token.registration_id, details: loggableFields(token) };
    }
    case 'desktop_token': {
      const token = account.desktop_tokens?.[key];
      return token && { key, name: token.name, details: loggableFields(token, new Set(['desktoptoken_id'])) };
    }
    case 'registered_device': {
      const device = account.registered_devices?.[key] as Record<string, unknown> | undefined;
      return device && { key, name: typeof device['name'] === 'string' ? device['name'] : key, details: loggableFields(device) };
    }
    case 'child_account': {
      const child = state.accounts[key];
      return child && { key, name: child.name, details: { name: child.name, edition: child.edition, telephony_credits: child.telephony_credits } };
    }
    case 'account':
      return { key: account.account_id, name: null, details: loggableFields(account.settings) };
  }
}
