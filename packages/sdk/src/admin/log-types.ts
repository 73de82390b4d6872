/**
 * Rows of Duo's logs as the Admin API returns them. Fields Duo documents are typed; Duo adds fields
 * over time, so every row keeps an index signature. Times: v1 rows in Unix seconds (`timestamp`),
 * v2 rows in ISO text (`ts`) or seconds plus ISO (`timestamp`, `isotimestamp` on authentication).
 */

/** A place as Duo geolocates an address; parts Duo could not tell are null or empty. */
export interface DuoLogLocation {
  city?: string | null;
  state?: string | null;
  country?: string | null;
}

/** One row of the administrator log (v1). It has no id: identify it by its whole content. */
export interface DuoAdministratorLog {
  /** e.g. `user_create`, `user_update`, `bypass_create`, `integration_skey_view`, `customer_update`. */
  action: string;
  /** JSON text of what the action set (new values), or null. */
  description: string | null;
  isotimestamp?: string;
  /** The username, group name, integration name... acted on; null for account-wide actions. */
  object: string | null;
  /** Unix seconds. */
  timestamp: number;
  /** The administrator; Admin API changes show as "API". */
  username: string;
  [key: string]: unknown;
}

/** One row of the offline enrollment log (v1). It has no id. */
export interface DuoOfflineEnrollmentLog {
  action: 'o2fa_user_provisioned' | 'o2fa_user_deprovisioned' | 'o2fa_user_reenrolled' | (string & {});
  /** JSON text: `user_agent`, `hostname`, `factor`. */
  description: string | null;
  isotimestamp?: string;
  /** The Windows Logon or macOS Logon application's name. */
  object: string | null;
  timestamp: number;
  username: string;
  [key: string]: unknown;
}

/** One row of the deprecated v1 authentication log. Its id is `txid` where Duo sends one. */
export interface DuoAuthLogV1 {
  timestamp: number;
  isotimestamp?: string;
  username: string;
  factor: string;
  result: string;
  reason?: string;
  ip?: string | null;
  device?: string | null;
  integration?: string;
  new_enrollment?: boolean;
  location?: DuoLogLocation;
  txid?: string;
  [key: string]: unknown;
}

/** One row of the deprecated v1 telephony log. It has no id. */
export interface DuoTelephonyLogV1 {
  context: string;
  credits: number;
  isotimestamp?: string;
  phone: string;
  timestamp: number;
  type: 'sms' | 'phone' | (string & {});
  [key: string]: unknown;
}

/** One row of the v2 telephony log; its id is `telephony_id`. */
export interface DuoTelephonyLog {
  telephony_id: string;
  /** The authentication the call or text served, when there was one. */
  txid: string | null;
  /** ISO 8601. */
  ts: string;
  context: string;
  type: 'sms' | 'phone' | (string & {});
  phone: string;
  credits: number;
  [key: string]: unknown;
}

/** Who or what an activity row names (actor, target, old_target); `details` is JSON text. */
export interface DuoActivityParty {
  key: string | null;
  name: string | null;
  type: string;
  details?: string | null;
  [key: string]: unknown;
}

/** One row of the v2 activity log; its id is `activity_id`. */
export interface DuoActivityLog {
  activity_id: string;
  /** ISO 8601. */
  ts: string;
  /** The account. */
  akey?: string;
  action: { name: string; details?: unknown };
  actor: DuoActivityParty;
  target: DuoActivityParty | null;
  /** The target before an update or delete. */
  old_target?: DuoActivityParty | null;
  outcome?: { result: string } | null;
  [key: string]: unknown;
}

/** One Trust Monitor event; its id is `sekey`. */
export interface DuoTrustMonitorEvent {
  sekey: string;
  type: 'auth' | 'bypass_status' | 'device_registration' | (string & {});
  /** Epoch milliseconds. */
  surfaced_timestamp: number;
  state?: string;
  state_updated_timestamp?: number | null;
  triaged_as_interesting?: boolean;
  priority_event?: boolean;
  priority_reasons?: Array<{ label: string; type: string }>;
  explanations?: Array<{ summary: string; type: string }>;
  /** For `auth` events: the authentication, in the v2 authentication log's shape. */
  surfaced_auth?: Record<string, unknown> | null;
  [key: string]: unknown;
}

/** The logs a hub may keep, by Duo's name for them. */
export type DuoLogKind =
  | 'authentication'
  | 'authentication_v1'
  | 'administrator'
  | 'telephony'
  | 'telephony_v1'
  | 'activity'
  | 'offline_enrollment'
  | 'trust_monitor';

/**
 * Duo's own identity of a log row: `txid` (authentication), `telephony_id` (telephony v2),
 * `activity_id` (activity), `sekey` (Trust Monitor). Undefined for rows Duo gives no id (the
 * administrator, offline enrollment and v1 telephony logs, v1 authentication rows without a txid):
 * such rows are identified by a digest of their whole content.
 */
export function duoLogEntryId(kind: DuoLogKind, row: Record<string, unknown>): string | undefined {
  const field = ID_FIELD[kind];
  if (field === undefined) return undefined;
  const value = row[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const ID_FIELD: Record<DuoLogKind, string | undefined> = {
  authentication: 'txid',
  authentication_v1: 'txid',
  administrator: undefined,
  telephony: 'telephony_id',
  telephony_v1: undefined,
  activity: 'activity_id',
  offline_enrollment: undefined,
  trust_monitor: 'sekey',
};
