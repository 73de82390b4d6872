/**
 * What an account's logs hold besides the authentication log (`Account.auth_log`): plain JSON
 * records the emulator appends as things happen in it, plus an optional recipe for generated
 * history (kept as a recipe, not as rows, so months of history cost no memory until read).
 * Every entry has a time in epoch ms and an id, so (time, id) orders them totally.
 */

/** One administrator-log row. Duo's rows have no id; `id` is the emulator's, for ordering only. */
export interface AdminLogEntry {
  id: string;
  ts_ms: number;
  /** The administrator, or "API" (or the integration's name) for Admin API changes. */
  username: string;
  action: string;
  object: string | null;
  /** JSON text, as Duo sends it; null when the action carries none. */
  description: string | null;
}

/** One telephony-log row: a text or a call Duo paid for. */
export interface TelephonyLogEntry {
  telephony_id: string;
  ts_ms: number;
  /** The authentication it served, if any. */
  txid: string | null;
  /** `authentication`, `activation`, `enrollment`, `administrator login`... */
  context: string;
  type: 'sms' | 'phone';
  phone: string;
  credits: number;
}

/** Who or what an activity row names; `details` is kept as an object and sent as JSON text. */
export interface ActivityParty {
  key: string | null;
  name: string | null;
  type: string;
  details?: Record<string, unknown> | null;
}

/** One activity-log row. */
export interface ActivityLogEntry {
  activity_id: string;
  ts_ms: number;
  action: string;
  actor: ActivityParty;
  target: ActivityParty | null;
  /** The target before an update or delete. */
  old_target: ActivityParty | null;
  application: { key: string; name: string; type: string } | null;
  outcome: 'SUCCESS' | 'FAILURE';
  access_device?: { browser: string | null; browser_version: string | null; os: string | null; os_version: string | null; ip: string | null } | null;
}

/** One offline-enrollment row (Duo Windows Logon / macOS Logon offline access). */
export interface OfflineEnrollmentEntry {
  id: string;
  ts_ms: number;
  username: string;
  action: 'o2fa_user_provisioned' | 'o2fa_user_deprovisioned' | 'o2fa_user_reenrolled';
  /** The Logon application's name. */
  object: string | null;
  /** JSON text: user_agent, hostname, factor. */
  description: string | null;
}

/** A Trust Monitor event, stored in Duo's wire shape. */
export interface TrustMonitorEventRecord {
  sekey: string;
  type: 'auth' | 'bypass_status' | 'device_registration';
  surfaced_timestamp: number;
  state: string;
  state_updated_timestamp: number | null;
  triaged_as_interesting: boolean;
  priority_event: boolean;
  priority_reasons: Array<{ label: string; type: string }>;
  explanations: Array<{ summary: string; type: string }>;
  from_common_netblock?: boolean;
  from_new_user?: boolean;
  low_risk_ip?: boolean;
  surfaced_auth?: Record<string, unknown> | null;
  triage_event_uri?: string;
  bypass_status_enabled?: number;
  enabled_by?: { key: string; name: string };
  enabled_for?: { key: string; name: string };
  [key: string]: unknown;
}

/**
 * Generated history (fleet seeds with `historyDays`): a pure function of this recipe, built into
 * compact columns the first time a log is read and dropped with the state.
 */
export interface HistorySpec {
  seed: number;
  /** Epoch ms the history starts at; it ends at `to_ms` (the seed's clock reading). */
  from_ms: number;
  to_ms: number;
  /** Authentications per day; telephony, administrator and activity rows follow from it. */
  events_per_day: number;
  /** The users and applications rows name, as they were when the history was seeded. */
  user_ids: string[];
  application_keys: string[];
}

/** The logs of one account, beside `Account.auth_log`. */
export interface AccountLogs {
  /** Next sequence number for the ids of recorded rows. */
  seq: number;
  administrator: AdminLogEntry[];
  telephony: TelephonyLogEntry[];
  activity: ActivityLogEntry[];
  offline_enrollment: OfflineEnrollmentEntry[];
  trust_monitor: TrustMonitorEventRecord[];
  history?: HistorySpec;
}

/** Details of an authentication a plain `AuthLogEntry` does not carry (browser, OS, places). */
export interface AuthLogDetails {
  event_type?: 'authentication' | 'enrollment';
  alias?: string;
  browser?: string | null;
  browser_version?: string | null;
  os?: string | null;
  os_version?: string | null;
  /** Where the access device was; absent: looked up from its IP. */
  access_location?: { city: string; state: string; country: string };
  auth_device_ip?: string | null;
  auth_device_location?: { city: string; state: string; country: string };
}

/** What a handler may say about the change it made, for the administrator and activity logs. */
export interface AdminChangeNote {
  /** Duo's action name, when the handler knows better than the endpoint table. */
  action?: string;
  /** What was acted on, as Duo names it (username, group name...). */
  object?: string | null;
  /** The fields set, with their new values (secrets are dropped before recording). */
  description?: Record<string, unknown> | null;
  /** The object's key (user_id, group_id...), for the activity log's target. */
  key?: string | null;
}
