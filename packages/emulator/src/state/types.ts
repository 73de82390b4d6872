/**
 * The emulator's state: plain JSON-serializable records keyed by id, so a whole tenant can be
 * exported, imported and compared against a report's results without conversion.
 * Field names follow Duo's wire names where an object is returned as-is; relations are id lists.
 */

/** Unix seconds, as Duo's v1 APIs report times. */
export type UnixSeconds = number;

/** The Admin API permission grants an Admin API integration may hold (Duo's `adminapi_*` flags). */
export interface AdminGrants {
  read_resource: boolean;
  write_resource: boolean;
  settings: boolean;
  info: boolean;
  read_log: boolean;
  /** Grant administrators (read and write); absent in older states: not held. */
  admins?: boolean;
  /** Grant read administrators. */
  admins_read?: boolean;
  /** Grant applications (integrations). */
  integrations?: boolean;
}

/**
 * An application protected by or calling Duo. `type` is the API its keys may sign for (what the
 * pipeline authorizes by); `wire_type` is Duo's integration type (`adminapi`, `websdk`, ...),
 * absent on seeded API integrations, whose wire type follows from `type`.
 */
export interface Integration {
  integration_key: string;
  secret_key: string;
  name: string;
  type: 'admin' | 'auth' | 'accounts';
  /** Duo's integration type as the Admin API shows it; absent: `adminapi`, `authapi` or `accountsapi` by `type`. */
  wire_type?: string;
  /** Settings the integrations endpoints read and write; absent: Duo's defaults. */
  details?: import('./integration-records.js').IntegrationDetails;
  /** Admin API integrations only. */
  grants?: AdminGrants;
  /** Auth API: what preauth/auth answer for a username Duo does not know (Duo's "New User Policy"). Default enroll. */
  new_user_policy?: 'enroll' | 'deny';
  /** The policy applied to this application (policies v2); absent or null: the global policy only. */
  policy_key?: string | null;
  /** Group policies on this application: members of the groups get that policy, in list order. */
  group_policies?: Array<{ group_id_list: string[]; policy_key: string }>;
}

/** What a scripted push does when it reaches the user's phone. */
export interface PushScript {
  outcome: 'approve' | 'deny' | 'timeout' | 'fraud';
  /** Delay before the outcome is reached (for `timeout`, before Duo gives up). */
  afterMs: number;
}

export type UserStatus = 'active' | 'bypass' | 'disabled' | 'locked out' | 'pending deletion';

export interface WebAuthnCredential {
  webauthnkey: string;
  credential_name: string;
  label: string;
  date_added: UnixSeconds;
}

/** Duo Desktop installed on one computer and tied to one user. */
export interface DesktopAuthenticator {
  dakey: string;
  dacuid: string;
  user_id: string;
  name: string;
  os_family: string;
  date_added: UnixSeconds;
  plugins: string[];
}

/** A shared device authentication configuration: groups allowed on trusted shared computers. */
export interface SharedDeviceAuth {
  shared_device_key: string;
  name: string;
  active: boolean;
  group_ids: string[];
  trusted_endpoint_integration_ids: string[];
}

/** A legacy desktop token (deprecated by Duo, still served). */
export interface DesktopToken {
  desktoptoken_id: string;
  name: string;
  /** Stored in request casing (`windows`, `mac os x`). */
  platform: string;
  user_ids: string[];
}

export interface User {
  user_id: string;
  username: string;
  realname: string;
  firstname: string;
  lastname: string;
  email: string;
  status: UserStatus;
  lockout_reason: string | null;
  notes: string;
  created: UnixSeconds;
  last_login: UnixSeconds | null;
  last_directory_sync: UnixSeconds | null;
  external_id: string | null;
  enable_auto_prompt: boolean;
  /** alias1..alias8; unset aliases are absent. */
  aliases: Record<string, string>;
  phone_ids: string[];
  token_ids: string[];
  group_ids: string[];
  webauthn: WebAuthnCredential[];
  /** How pushes to this user's devices resolve; absent means approve after a short delay. */
  push_script?: PushScript;
}

export interface Phone {
  phone_id: string;
  number: string;
  extension: string;
  name: string;
  /** Stored in request casing (`mobile`, `landline`, `unknown`); responses use display casing. */
  type: 'unknown' | 'mobile' | 'landline';
  /** Stored in request casing (`apple ios`, `google android`, ...). */
  platform: string;
  model: string;
  activated: boolean;
  capabilities: Array<'auto' | 'push' | 'phone' | 'sms' | 'mobile_otp'>;
  sms_passcodes_sent: boolean;
  predelay: string | null;
  postdelay: string | null;
  last_seen: string;
  user_ids: string[];
}

export interface HardwareToken {
  token_id: string;
  type: 'h6' | 'h8' | 'yk' | 'd1' | 't6' | 't8';
  serial: string;
  totp_step: number | null;
  user_ids: string[];
  /** HOTP/TOTP secret, hex; absent for Duo-D100 and YubiKey tokens. Never returned. */
  secret?: string;
  /** Next HOTP counter the token is expected to show (h6/h8). */
  counter?: number;
  /** YubiKey AES credentials (yk). Never returned. */
  private_id?: string;
  aes_key?: string;
}

/** A U2F security key registration (deprecated by Duo; WebAuthn replaced it). */
export interface U2fToken {
  registration_id: string;
  date_added: UnixSeconds;
  user_id: string | null;
}

export interface Group {
  group_id: string;
  name: string;
  desc: string;
  status: 'active' | 'bypass' | 'disabled';
}

export interface BypassCode {
  bypass_code_id: string;
  /** The code itself: Duo holds it, returns it only once at creation. */
  code: string;
  user_id: string;
  admin_email: string;
  created: UnixSeconds;
  /** null: never expires. */
  expiration: UnixSeconds | null;
  /** Uses left; null: unlimited. */
  reuse_count: number | null;
}

/** One row of the authentication log (Duo's v2 authlog shape, reduced to what we model). */
export interface AuthLogEntry {
  txid: string;
  /** Milliseconds. */
  timestamp_ms: number;
  user_id: string | null;
  username: string;
  factor: string;
  result: 'success' | 'denied' | 'error' | 'fraud';
  reason: string;
  integration_key: string;
  ip: string | null;
  hostname: string | null;
  device: string | null;
  /** Browser, OS and places, when known (seeded history, scripted rows); absent: null in the log. */
  details?: import('../logs/log-records.js').AuthLogDetails;
}

/** An Auth API transaction started with `async=1` or running synchronously. */
export interface AuthTransaction {
  txid: string;
  user_id: string;
  factor: string;
  device: string | null;
  /** Epoch ms when the outcome is reached. */
  resolve_at_ms: number;
  outcome: 'approve' | 'deny' | 'timeout' | 'fraud';
  /** Set once the outcome has been written to the log. */
  done: boolean;
  pushinfo: string | null;
  integration_key: string;
  /** The final `/auth` answer, decided when the transaction starts and revealed once it resolves. */
  answer?: { result: 'allow' | 'deny'; status: string; status_msg: string };
  /** What `auth_status` says until then (e.g. `pushed`, `calling`). */
  waiting?: { status: string; status_msg: string };
  /** The authentication-log row written when it resolves (its timestamp is `resolve_at_ms`). */
  log?: Omit<AuthLogEntry, 'timestamp_ms'>;
}

/** An Auth API `/enroll` activation waiting for a phone. */
export interface Enrollment {
  activation_code: string;
  user_id: string;
  expiration: UnixSeconds;
  activated: boolean;
  /** The numberless phone `/auth/v2/enroll` created; activating it completes the enrollment. */
  phone_id?: string;
}

/** A directory (AD, LDAP, Entra) that `directorysync/{key}/syncuser` reads users from. */
export interface Directory {
  directory_key: string;
  name: string;
  /** username -> the user as the source directory holds it. */
  users: Record<string, { realname: string; email: string; firstname?: string; lastname?: string }>;
  /** Administrators the directory's admin sync holds, by email (`admins/directorysync/{key}/syncadmin`); absent: none. */
  admins?: Record<string, import('./admin-records.js').DirectoryAdmin>;
}

export interface Account {
  account_id: string;
  name: string;
  api_hostname: string;
  /** null for the parent account. */
  parent_id: string | null;
  edition: 'ENTERPRISE' | 'PLATFORM' | 'BEYOND';
  telephony_credits: number;
  integrations: Record<string, Integration>;
  users: Record<string, User>;
  phones: Record<string, Phone>;
  tokens: Record<string, HardwareToken>;
  /** U2F registrations; absent in states exported before they were modelled. */
  u2ftokens?: Record<string, U2fToken>;
  groups: Record<string, Group>;
  bypass_codes: Record<string, BypassCode>;
  settings: Record<string, string | number | boolean | null>;
  directories: Record<string, Directory>;
  auth_log: AuthLogEntry[];
  /** The logo `/auth/v2/logo` serves, base64 PNG; absent: none configured. */
  logo_png_base64?: string;
  transactions: Record<string, AuthTransaction>;
  enrollments: Record<string, Enrollment>;
  /** Users sent to the Trash (`users/bulk_send_to_trash`), restorable until purged; absent: empty. */
  trash?: Record<string, import('./trash.js').TrashedUser>;
  /** Verification pushes sent through the Admin API, by push_id. */
  verification_pushes?: Record<string, import('./verification-records.js').VerificationPush>;
  /** Identity verification inquiries, by inquiry_id. */
  identity_verifications?: Record<string, import('./verification-records.js').IdentityVerification>;
  /** Duo Desktop authenticators by dakey; absent in states exported before they were modelled. */
  desktop_authenticators?: Record<string, DesktopAuthenticator>;
  /** Shared device authentication configurations by key; absent in older states. */
  shared_device_auth?: Record<string, SharedDeviceAuth>;
  /** Deprecated desktop tokens by id; absent in older states. */
  desktop_tokens?: Record<string, DesktopToken>;
  /** Administrators by admin_id; absent in older states. */
  admins?: Record<string, import('./admin-records.js').AdminRecord>;
  /** Pending activations of new administrators by admin_activation_id; absent in older states. */
  admin_activations?: Record<string, import('./admin-records.js').AdminActivationRecord>;
  /** Second factors administrators may sign in with; absent: every method allowed (Duo's default). */
  admin_auth_methods?: import('./admin-records.js').AdminAuthMethods;
  /** Emails Duo would have sent administrators (activation links), oldest first: the emulator's outbox. */
  admin_emails?: import('./admin-records.js').AdminEmail[];
  /** Administrative units by admin_unit_id; absent in older states. */
  administrative_units?: Record<string, import('./admin-unit-records.js').AdminUnitRecord>;
  /** The Duo Passport configuration; absent: never set (Passport disabled). */
  passport_config?: import('./passport-config.js').PassportConfigRecord;
  /** Policies (v2) by policy_key, the global policy among them; absent in older states. */
  policies?: Record<string, import('./policy-records.js').PolicyRecord>;
  /** Endpoints (devices Duo saw reach protected applications) by epkey; absent in older states. */
  device_endpoints?: Record<string, import('./device-records.js').EndpointRecord>;
  /** Duo Desktop registered devices by compkey; absent in older states. */
  registered_devices?: Record<string, import('./device-records.js').RegisteredDeviceRecord>;
  /** Custom branding (live, draft) and custom messaging; absent: Duo's defaults. */
  branding?: import('./branding-records.js').BrandingRecord;
  /** Administrator, telephony, activity, offline-enrollment and Trust Monitor logs; absent: empty. */
  logs?: import('../logs/log-records.js').AccountLogs;
}

/** The whole emulated Duo: one parent account and its children. */
export interface EmulatorState {
  parent_account_id: string;
  accounts: Record<string, Account>;
}
