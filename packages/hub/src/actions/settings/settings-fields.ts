import { z } from 'zod';

const bool = z.boolean();
const int = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * The settings Duo documents as writable, typed so a typo or a wrong type is a 400 naming the field
 * rather than a silent no-op.
 */
export const settingsFields = {
  name: z.string().min(1).max(256).optional().describe('Customer name'),
  caller_id: z.string().max(32).optional(),
  fraud_email: z.email().optional(),
  fraud_email_enabled: bool.optional(),
  helpdesk_bypass: z.enum(['allow', 'limit', 'deny']).optional(),
  helpdesk_bypass_expiration: int(0, 525_600).optional().describe('Minutes'),
  helpdesk_message: z.string().max(200).optional(),
  helpdesk_can_send_enroll_email: bool.optional(),
  inactive_user_expiration: int(0, 365).optional().describe('Days (30-365; 0 turns it off)'),
  pending_deletion_days: int(1, 30).optional(),
  keypress_confirm: z.string().regex(/^[0-9#*]?$/).optional(),
  keypress_fraud: z.string().regex(/^[0-9#*]?$/).optional(),
  language: z.enum(['EN', 'DE', 'FR']).optional(),
  lockout_threshold: int(1, 9999).optional(),
  lockout_expire_duration: int(0, 30_000).optional().describe('Minutes; 0 = unlock by hand'),
  log_retention_days: int(1, 365).optional(),
  minimum_password_length: int(12, 100).optional(),
  password_requires_upper_alpha: bool.optional(),
  password_requires_lower_alpha: bool.optional(),
  password_requires_numeric: bool.optional(),
  password_requires_special: bool.optional(),
  sms_batch: int(1, 10).optional(),
  sms_expiration: int(0, 525_600).optional().describe('Minutes'),
  sms_message: z.string().max(200).optional(),
  sms_refresh: bool.optional(),
  telephony_warning_min: int(0, 1_000_000).optional(),
  timezone: z.string().max(64).optional().describe('IANA time zone'),
  user_telephony_cost_max: z.number().min(0).max(1000).optional(),
  security_checkup_enabled: bool.optional(),
  user_managers_can_put_users_in_bypass: bool.optional(),
  email_activity_notification_enabled: bool.optional(),
  push_activity_notification_enabled: bool.optional(),
  unenrolled_user_lockout_threshold: int(0, 365).optional().describe('Days'),
  enrollment_universal_prompt_enabled: bool.optional(),
  duo_mobile_otp_type: z.string().max(32).optional(),
  global_ssp_policy_enforced: bool.optional(),
};
