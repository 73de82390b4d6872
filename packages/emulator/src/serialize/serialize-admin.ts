import { activationUrl } from '../state/admin-activation.js';
import { adminDefaults, type AdminActivationLink, type AdminActivationRecord, type AdminRecord } from '../state/admin-records.js';
import { adminUnitIdsOf } from '../state/admin-unit-records.js';
import type { Account } from '../state/types.js';

/**
 * An administrator as the Admin API returns it: `admin_units` derived from the administrative
 * units that hold it, `hardtoken` from its assigned token. Password hashes, failed attempts and
 * activation codes stay in the state.
 */
export function serializeAdmin(account: Account, admin: AdminRecord): Record<string, unknown> {
  const token = admin.token_id ? account.tokens[admin.token_id] : undefined;
  return {
    admin_id: admin.admin_id,
    admin_units: adminUnitIdsOf(account, admin.admin_id),
    created: admin.created ?? adminDefaults.created,
    email: admin.email,
    hardtoken: token ? { serial: token.serial, token_id: token.token_id, totp_step: token.totp_step, type: token.type } : null,
    last_directory_sync: admin.last_directory_sync ?? adminDefaults.last_directory_sync,
    last_login: admin.last_login ?? adminDefaults.last_login,
    name: admin.name,
    password_change_required: admin.password_change_required ?? adminDefaults.password_change_required,
    phone: admin.phone ?? adminDefaults.phone,
    restricted_by_admin_units: admin.restricted_by_admin_units ?? adminDefaults.restricted_by_admin_units,
    role: admin.role ?? adminDefaults.role,
    status: admin.status ?? adminDefaults.status,
    // The emulator models no administrator WebAuthn credentials; Duo lists them here.
    webauthncredentials: [],
  };
}

/** An administrator's external password management status (never the password). */
export function serializeAdminPasswordMgmt(admin: AdminRecord): Record<string, unknown> {
  return {
    admin_id: admin.admin_id,
    email: admin.email,
    has_external_password_mgmt: admin.has_external_password_mgmt ?? adminDefaults.has_external_password_mgmt,
    name: admin.name,
  };
}

/** The email fields of an activation answer: whether it went out, and what it said. */
function linkFields(account: Account, link: AdminActivationLink, emailSent: boolean, subject: string, message: string) {
  return {
    code: link.code,
    email_sent: emailSent,
    expires: link.expires,
    link: activationUrl(account, link),
    message,
    subject,
    valid_days: link.valid_days,
  };
}

/** The answer of creating or emailing an activation link of an administrator pending activation. */
export function serializeAdminActivationLink(
  account: Account,
  admin: AdminRecord,
  link: AdminActivationLink,
  email: { sent: boolean; subject: string; message: string },
): Record<string, unknown> {
  return { admin_id: admin.admin_id, email: admin.email, ...linkFields(account, link, email.sent, email.subject, email.message) };
}

/** The answer of creating a new administrator's activation: its link, once. */
export function serializeAdminActivation(
  account: Account,
  activation: AdminActivationRecord,
  email: { subject: string; message: string },
): Record<string, unknown> {
  return {
    admin_activation_id: activation.admin_activation_id,
    admin_name: activation.admin_name,
    admin_role: activation.admin_role,
    email: activation.email,
    ...linkFields(account, activation.link, activation.email_sent, email.subject, email.message),
  };
}

/** A pending activation as the list shows it: without its link, which only its creation answers. */
export function serializePendingAdminActivation(activation: AdminActivationRecord): Record<string, unknown> {
  return {
    admin_activation_id: activation.admin_activation_id,
    admin_name: activation.admin_name,
    admin_role: activation.admin_role,
    email: activation.email,
    email_sent: activation.email_sent,
    expires: activation.link.expires,
    valid_days: activation.link.valid_days,
  };
}
