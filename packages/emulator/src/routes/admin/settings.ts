import { settingsGet, settingsUpdate } from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { parseBool, reject } from '../../params/read-param.js';
import { defineRoute, type Route } from '../../route.js';

type Value = string | number | boolean | null;
type Rule = (text: string) => Value | undefined;

const bool: Rule = (t) => parseBool(t);
const text =
  (max = 1024): Rule =>
  (t) =>
    t.length <= max ? t : undefined;
const int =
  (min: number, max: number, also: number[] = []): Rule =>
  (t) => {
    if (!/^\s*-?\d+\s*$/.test(t)) return undefined;
    const n = Number(t);
    return (n >= min && n <= max) || also.includes(n) ? n : undefined;
  };
const oneOf =
  (...values: string[]): Rule =>
  (t) =>
    values.find((v) => v.toLowerCase() === t.trim().toLowerCase());
const keypress: Rule = (t) => (/^[0-9#*]?$/.test(t) ? t : undefined);
const timezone: Rule = (t) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: t });
    return t;
  } catch {
    return undefined;
  }
};

/** Each settable field and the values Duo documents for it (API.md 4.4); legacy fields are accepted as-is. */
const RULES: Record<string, Rule> = {
  name: text(),
  caller_id: text(),
  fraud_email: (t) => (t === '' || /^[^@\s]+@[^@\s]+$/.test(t) ? t : undefined),
  fraud_email_enabled: bool,
  helpdesk_bypass: oneOf('allow', 'limit', 'deny'),
  helpdesk_bypass_expiration: int(0, 1_000_000),
  helpdesk_message: text(200),
  helpdesk_can_send_enroll_email: bool,
  inactive_user_expiration: int(30, 365, [0]),
  pending_deletion_days: int(1, 30),
  keypress_confirm: keypress,
  keypress_fraud: keypress,
  language: oneOf('EN', 'DE', 'FR'),
  lockout_threshold: int(1, 9999),
  lockout_expire_duration: int(5, 30000, [0]),
  log_retention_days: int(1, 365),
  minimum_password_length: int(12, 100),
  password_requires_upper_alpha: bool,
  password_requires_lower_alpha: bool,
  password_requires_numeric: bool,
  password_requires_special: bool,
  sms_batch: int(1, 10),
  sms_expiration: int(0, 1_000_000),
  sms_message: text(),
  sms_refresh: bool,
  telephony_warning_min: int(0, 1_000_000),
  timezone,
  user_telephony_cost_max: int(0, 1_000_000),
  security_checkup_enabled: bool,
  user_managers_can_put_users_in_bypass: bool,
  email_activity_notification_enabled: bool,
  push_activity_notification_enabled: bool,
  unenrolled_user_lockout_threshold: int(0, 365),
  enrollment_universal_prompt_enabled: bool,
  duo_mobile_otp_type: text(),
  global_ssp_policy_enforced: bool,
};
// Accepted for old clients; Duo ignores them, so they are validated loosely and not stored.
const LEGACY = new Set([
  'push_enabled',
  'sms_enabled',
  'voice_enabled',
  'mobile_otp_enabled',
  'u2f_enabled',
  'reactivation_url',
  'reactivation_integration_key',
]);

/** `GET`/`POST /admin/v1/settings`: read, and update any subset with Duo's documented ranges. */
export const settingsRoutes: Route[] = [
  defineRoute({
    endpoint: settingsGet,
    handle: (ctx) => ok({ ...ctx.account.settings }),
  }),
  defineRoute({
    endpoint: settingsUpdate,
    handle(ctx) {
      const changes: Record<string, Value> = {};
      for (const key of ctx.params.keys()) {
        const value = ctx.params.get(key) ?? '';
        if (LEGACY.has(key)) continue;
        const rule = RULES[key];
        if (!rule) continue;
        const parsed = rule(value);
        if (parsed === undefined) reject(failures.invalidParam(key));
        changes[key] = parsed;
      }
      const next = { ...ctx.account.settings, ...changes };
      const confirm = String(next['keypress_confirm'] ?? '');
      const fraud = String(next['keypress_fraud'] ?? '');
      // Both keys are set or both are empty, and one key cannot mean both things.
      if ((confirm === '') !== (fraud === '') || (confirm !== '' && confirm === fraud)) {
        reject(failures.invalidParam(changes['keypress_fraud'] !== undefined ? 'keypress_fraud' : 'keypress_confirm'));
      }
      ctx.account.settings = next;
      return ok({ ...next });
    },
  }),
];
