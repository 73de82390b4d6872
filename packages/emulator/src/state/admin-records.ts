import type { Account, UnixSeconds } from './types.js';

/** The roles Duo documents for administrators (case-sensitive on the wire). */
export type AdminRole =
  | 'Owner'
  | 'Administrator'
  | 'Application Manager'
  | 'User Manager'
  | 'Security Analyst'
  | 'Help Desk'
  | 'Billing'
  | 'Phishing Manager'
  | 'Read-only';

/** An administrator's status as Duo reports it. */
export type AdminStatus = 'Active' | 'Disabled' | 'Expired' | 'Pending Activation';

/** A link to the activation form: for an administrator pending activation, or a new one. */
export interface AdminActivationLink {
  /** The code in the link; the link itself is derived from it and the account's host. */
  code: string;
  created: UnixSeconds;
  expires: UnixSeconds;
  valid_days: number;
}

/**
 * A Duo administrator (Admin API `/admin/v1/admins`). Only id, name and email are required, so
 * states exported before the other fields were modelled (and records other families make in
 * their tests) still read: an absent field reads as Duo's default (`adminDefaults`).
 */
export interface AdminRecord {
  admin_id: string;
  name: string;
  email: string;
  /** E.164, or null when none was given. */
  phone?: string | null;
  role?: AdminRole;
  status?: AdminStatus;
  /** The status an Expired administrator returns to when its inactivity is cleared. */
  status_before_expiry?: 'Active' | 'Disabled';
  created?: UnixSeconds;
  last_login?: UnixSeconds | null;
  last_directory_sync?: UnixSeconds | null;
  password_change_required?: boolean;
  restricted_by_admin_units?: boolean;
  /** The hardware token (an id in `account.tokens`) the administrator signs in with. */
  token_id?: string | null;
  /** Set when an admin directory sync manages the administrator: name, role and status are then read-only. */
  directory_key?: string | null;
  /** Failed sign-in attempts since the last success or reset. */
  failed_attempts?: number;
  /** Why a Disabled administrator is disabled: by an administrator, locked out by failed attempts, or gone from its directory. */
  disabled_reason?: 'admin' | 'failed_attempts' | 'directory' | null;
  has_external_password_mgmt?: boolean;
  /** SHA-256 of the externally managed password (salted with the admin id); the password is never kept or returned. */
  password_sha256?: string | null;
  /** The current activation link of an administrator pending activation. */
  activation_link?: AdminActivationLink | null;
}

/** A new administrator's activation: the administrator exists only once the form is completed. */
export interface AdminActivationRecord {
  admin_activation_id: string;
  email: string;
  admin_name: string;
  admin_role: AdminRole;
  email_sent: boolean;
  link: AdminActivationLink;
}

/** The second factors administrators may sign in to the Admin Panel with. */
export interface AdminAuthMethods {
  hardware_token_enabled: boolean;
  mobile_otp_enabled: boolean;
  push_enabled: boolean;
  sms_enabled: boolean;
  verified_push_enabled: boolean;
  verified_push_length: number;
  voice_enabled: boolean;
  webauthn_enabled: boolean;
  yubikey_enabled: boolean;
}

/** An email Duo would have sent an administrator, kept so tests can read what went out. */
export interface AdminEmail {
  to: string;
  subject: string;
  message: string;
  sent_at: UnixSeconds;
  /** The administrator pending activation, or the new administrator's activation, it was about. */
  admin_id?: string;
  admin_activation_id?: string;
}

/** An administrator as an admin directory sync source holds one. */
export interface DirectoryAdmin {
  name: string;
  role: AdminRole;
  phone?: string;
}

/** What an absent field of an `AdminRecord` means. */
export const adminDefaults = {
  phone: null,
  role: 'Owner',
  status: 'Active',
  created: 0,
  last_login: null,
  last_directory_sync: null,
  password_change_required: false,
  restricted_by_admin_units: false,
  token_id: null,
  has_external_password_mgmt: false,
} as const;

// States exported before these records were modelled lack them; reading one creates it empty.

/** The account's administrators by admin_id. */
export function adminsOf(account: Account): Record<string, AdminRecord> {
  return (account.admins ??= {});
}

/** The account's pending activations of new administrators by admin_activation_id. */
export function adminActivationsOf(account: Account): Record<string, AdminActivationRecord> {
  return (account.admin_activations ??= {});
}

/** The emails the account's Duo would have sent administrators, oldest first. */
export function adminEmailsOf(account: Account): AdminEmail[] {
  return (account.admin_emails ??= []);
}
