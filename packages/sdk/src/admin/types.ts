/**
 * Admin API objects and parameters, in Duo's own snake_case field names (API.md section 4).
 * Known fields are typed; Duo adds fields over time, so every object also admits unknown keys.
 */

/** Unix seconds, as the v1 Admin API reports times. */
export type UnixSeconds = number;

/** A user's status; `locked out` and `pending deletion` are set by Duo (or an admin lockout). */
export type DuoUserStatus = 'active' | 'bypass' | 'disabled' | 'locked out' | 'pending deletion';

/** A group as embedded in a user. */
export interface DuoGroup {
  group_id: string;
  name: string;
  desc?: string;
  status?: string;
  [key: string]: unknown;
}

/** A hardware token as embedded in a user. */
export interface DuoToken {
  token_id: string;
  type: string;
  serial: string;
  totp_step?: number | null;
  [key: string]: unknown;
}

/** A WebAuthn credential as embedded in a user. */
export interface DuoWebAuthnCredential {
  webauthnkey: string;
  credential_name?: string;
  label?: string;
  date_added?: UnixSeconds;
  [key: string]: unknown;
}

/** A Duo user. */
export interface DuoUser {
  user_id: string;
  username: string;
  realname?: string;
  firstname?: string;
  lastname?: string;
  email?: string;
  status: DuoUserStatus | string;
  lockout_reason?: string | null;
  notes?: string;
  created?: UnixSeconds;
  last_login?: UnixSeconds | null;
  last_directory_sync?: UnixSeconds | null;
  is_enrolled?: boolean;
  alias1?: string | null;
  alias2?: string | null;
  alias3?: string | null;
  alias4?: string | null;
  aliases?: Record<string, string>;
  external_id?: string | null;
  enable_auto_prompt?: boolean;
  groups?: DuoGroup[];
  phones?: DuoPhone[];
  tokens?: DuoToken[];
  u2ftokens?: Array<Record<string, unknown>>;
  webauthncredentials?: DuoWebAuthnCredential[];
  [key: string]: unknown;
}

/** Fields accepted when creating or modifying a user; a blank alias clears it. */
export interface DuoUserParams {
  username?: string;
  realname?: string;
  email?: string;
  status?: 'active' | 'bypass' | 'disabled';
  notes?: string;
  firstname?: string;
  lastname?: string;
  alias1?: string;
  alias2?: string;
  alias3?: string;
  alias4?: string;
  /** `alias1=a&alias2=b` (up to 8); an alternative to alias1..alias4. */
  aliases?: string;
  enable_auto_prompt?: boolean;
}

/** A phone (responses use display casing: `Mobile`, `Apple iOS`). */
export interface DuoPhone {
  phone_id: string;
  number: string;
  extension?: string;
  name?: string;
  type?: string;
  platform?: string;
  model?: string;
  activated?: boolean;
  capabilities?: string[];
  sms_passcodes_sent?: boolean;
  predelay?: string | null;
  postdelay?: string | null;
  last_seen?: string;
  users?: DuoUser[];
  [key: string]: unknown;
}

/** Fields accepted when creating or modifying a phone (request casing: lower-case). */
export interface DuoPhoneParams {
  number?: string;
  name?: string;
  extension?: string;
  type?: 'unknown' | 'mobile' | 'landline';
  platform?: string;
  predelay?: number | string;
  postdelay?: number | string;
}

/** The answer of `phones/{id}/activation_url`. */
export interface DuoActivationUrl {
  activation_url: string;
  activation_barcode: string;
  valid_secs: number;
  installation_url?: string;
  [key: string]: unknown;
}

/** Bypass-code metadata (Duo never returns the codes after creation). */
export interface DuoBypassCode {
  bypass_code_id: string;
  admin_email?: string;
  created?: UnixSeconds;
  expiration?: UnixSeconds | null;
  reuse_count?: number | null;
  user?: Partial<DuoUser>;
  [key: string]: unknown;
}

/** Options of `bypassCodes.createForUser`: `count` random codes or the given `codes`. */
export interface DuoBypassCodeParams {
  /** 1-10 random codes (Duo's default 10). Exclusive with `codes`. */
  count?: number;
  /** Custom codes (sent as Duo's CSV string). Exclusive with `count`. */
  codes?: string[];
  /** Uses per code; 0 = unlimited. Duo's default 1. */
  reuse_count?: number;
  /** Lifetime in seconds; 0 = never expires (Duo's default). */
  valid_secs?: number;
  /** Keep the user's existing codes instead of replacing them. */
  preserve_existing?: boolean;
}

/** Account settings (a subset of known fields; Duo returns more). */
export interface DuoSettings {
  name?: string;
  caller_id?: string;
  fraud_email?: string;
  fraud_email_enabled?: boolean;
  helpdesk_bypass?: 'allow' | 'limit' | 'deny';
  helpdesk_bypass_expiration?: number;
  helpdesk_message?: string;
  helpdesk_can_send_enroll_email?: boolean;
  inactive_user_expiration?: number;
  keypress_confirm?: string;
  keypress_fraud?: string;
  language?: string;
  lockout_threshold?: number;
  lockout_expire_duration?: number;
  log_retention_days?: number | null;
  minimum_password_length?: number;
  sms_batch?: number;
  sms_expiration?: number;
  sms_message?: string;
  sms_refresh?: number | boolean;
  telephony_warning_min?: number;
  timezone?: string;
  user_telephony_cost_max?: number;
  [key: string]: unknown;
}

/** A settings update: any subset; booleans are sent as Duo's "1"/"0". */
export type DuoSettingsUpdate = Partial<Record<string, string | number | boolean>>;

/** `info/summary`. */
export interface DuoInfoSummary {
  admin_count: number;
  integration_count: number;
  telephony_credits_remaining: number;
  user_count: number;
  user_pending_deletion_count?: number;
  [key: string]: unknown;
}

/** `info/authentication_attempts`. */
export interface DuoAuthenticationAttempts {
  authentication_attempts: Record<string, number>;
  mintime: UnixSeconds;
  maxtime: UnixSeconds;
  [key: string]: unknown;
}

/** A time window in Unix seconds (Date objects accepted). */
export interface DuoTimeWindow {
  mintime?: number | Date;
  maxtime?: number | Date;
}

/** One v2 authentication-log row (the fields the SDK relies on; Duo sends many more). */
export interface DuoAuthLog {
  txid: string;
  timestamp: UnixSeconds;
  isotimestamp?: string;
  user?: { key?: string; name?: string; [key: string]: unknown };
  factor?: string;
  result?: string;
  reason?: string;
  event_type?: string;
  access_device?: Record<string, unknown>;
  auth_device?: Record<string, unknown>;
  application?: Record<string, unknown>;
  [key: string]: unknown;
}

/** One row of the v2 telephony or activity logs. */
export type DuoLogItem = Record<string, unknown>;

/** The three editions a child account can be set to. */
export type DuoEdition = 'ENTERPRISE' | 'PLATFORM' | 'BEYOND' | (string & {});
