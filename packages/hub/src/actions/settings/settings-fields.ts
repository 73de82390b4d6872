import { settingsUpdate } from '@duohub/sdk';
import { z } from 'zod';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Settings Duo still accepts but ignores; the catalog does not offer them. */
const LEGACY = ['push_enabled', 'sms_enabled', 'voice_enabled', 'mobile_otp_enabled', 'u2f_enabled'];

/**
 * The settings Duo documents as writable, derived from the SDK's `settings.update` declaration so
 * a typo or a wrong type is a 400 naming the field rather than a silent no-op. The hub narrows a
 * few where a person types them (an email, short display texts) and keeps `user_telephony_cost_max`
 * fractional as Duo's credits allow.
 */
export const settingsFields = {
  ...zodFromEndpointParams(settingsUpdate, { omit: LEGACY }),
  name: z.string().min(1).max(256).optional().describe('Customer name'),
  caller_id: z.string().max(32).optional(),
  fraud_email: z.email().optional(),
  helpdesk_bypass_expiration: z.number().int().min(0).max(525_600).optional().describe('Minutes'),
  sms_expiration: z.number().int().min(0).max(525_600).optional().describe('Minutes'),
  sms_message: z.string().max(200).optional(),
  timezone: z.string().max(64).optional().describe('IANA time zone'),
  user_telephony_cost_max: z.number().min(0).max(1000).optional(),
  duo_mobile_otp_type: z.string().max(32).optional(),
};
