import { defineEndpoint, type ParamSpec } from './define-endpoint.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi#settings';
// Duo's clients send boolean settings as "1"/"0".
const flag = { ...t.boolean(), encoding: 'digit' } as const;
const int = (minimum: number, maximum: number, description?: string) =>
  t.integer(description === undefined ? { minimum, maximum } : { minimum, maximum, description });

/**
 * The writable settings with the values Duo documents (API.md 4.4). Ranges with a special value
 * (0 turns a feature off) are declared over the whole span; the emulator's handler checks the gap.
 */
const settingsParams = {
  name: t.string({ maxLength: 256, description: 'Customer name' }),
  caller_id: t.string(),
  fraud_email: t.string({ description: 'Email address, or empty' }),
  fraud_email_enabled: flag,
  helpdesk_bypass: t.enum(['allow', 'limit', 'deny']),
  helpdesk_bypass_expiration: int(0, 1_000_000, 'Minutes'),
  helpdesk_message: t.string({ maxLength: 200 }),
  helpdesk_can_send_enroll_email: flag,
  inactive_user_expiration: int(0, 365, 'Days: 30-365, or 0 for never'),
  pending_deletion_days: int(1, 30),
  keypress_confirm: t.string({ pattern: '[0-9#*]?' }),
  keypress_fraud: t.string({ pattern: '[0-9#*]?' }),
  language: t.enum(['EN', 'DE', 'FR']),
  lockout_threshold: int(1, 9999),
  lockout_expire_duration: int(0, 30_000, 'Minutes: 5-30000, or 0 to unlock by hand'),
  log_retention_days: int(1, 365),
  minimum_password_length: int(12, 100),
  password_requires_upper_alpha: flag,
  password_requires_lower_alpha: flag,
  password_requires_numeric: flag,
  password_requires_special: flag,
  sms_batch: int(1, 10),
  sms_expiration: int(0, 1_000_000, 'Minutes'),
  sms_message: t.string(),
  sms_refresh: flag,
  telephony_warning_min: int(0, 1_000_000),
  timezone: t.string({ description: 'IANA time zone' }),
  user_telephony_cost_max: int(0, 1_000_000),
  security_checkup_enabled: flag,
  user_managers_can_put_users_in_bypass: flag,
  email_activity_notification_enabled: flag,
  push_activity_notification_enabled: flag,
  unenrolled_user_lockout_threshold: int(0, 365, 'Days'),
  enrollment_universal_prompt_enabled: flag,
  duo_mobile_otp_type: t.string(),
  global_ssp_policy_enforced: flag,
  push_enabled: { ...flag, deprecated: true },
  sms_enabled: { ...flag, deprecated: true },
  voice_enabled: { ...flag, deprecated: true },
  mobile_otp_enabled: { ...flag, deprecated: true },
  u2f_enabled: { ...flag, deprecated: true },
} as const satisfies Record<string, ParamSpec>;

const settingsShape = t.object({
  name: t.string(),
  language: t.string(),
  timezone: t.string(),
  minimum_password_length: t.integer(),
  lockout_threshold: t.integer(),
  log_retention_days: t.integer({ nullable: true }),
  user_telephony_cost_max: t.number(),
});

/** `GET /admin/v1/settings`. */
export const settingsGet = defineEndpoint({
  id: 'settings.get',
  summary: "Get the account's settings",
  method: 'GET',
  path: '/admin/v1/settings',
  api: 'admin',
  grant: 'settings',
  pacing: 'admin_get_one',
  idempotent: true,
  params: {},
  response: settingsShape,
  docs: `${DOCS}-retrieve-settings`,
});

/** `POST /admin/v1/settings`: any subset; answers every setting. */
export const settingsUpdate = defineEndpoint({
  id: 'settings.update',
  summary: "Modify the account's settings",
  method: 'POST',
  path: '/admin/v1/settings',
  api: 'admin',
  grant: 'settings',
  pacing: 'admin_modify',
  idempotent: true,
  params: settingsParams,
  response: settingsShape,
  docs: `${DOCS}-modify-settings`,
});

/** Both settings endpoints. */
export const settingsEndpoints = [settingsGet, settingsUpdate] as const;
