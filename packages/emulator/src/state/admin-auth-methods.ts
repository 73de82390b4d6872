import type { AdminAuthMethods } from './admin-records.js';

/** The methods `allowed_auth_methods` switches, in Duo's parameter names. */
export const ADMIN_AUTH_METHOD_NAMES = [
  'hardware_token_enabled',
  'mobile_otp_enabled',
  'push_enabled',
  'sms_enabled',
  'verified_push_enabled',
  'voice_enabled',
  'webauthn_enabled',
  'yubikey_enabled',
] as const;

/** One switchable method. */
export type AdminAuthMethodName = (typeof ADMIN_AUTH_METHOD_NAMES)[number];

/**
 * Duo's default: "when no methods are restricted, administrators may use any available two-factor
 * method"; Verified Push codes have 3 digits unless set otherwise (Duo's documented default length).
 */
export const DEFAULT_ADMIN_AUTH_METHODS: Readonly<AdminAuthMethods> = {
  hardware_token_enabled: true,
  mobile_otp_enabled: true,
  push_enabled: true,
  sms_enabled: true,
  verified_push_enabled: true,
  verified_push_length: 3,
  voice_enabled: true,
  webauthn_enabled: true,
  yubikey_enabled: true,
};

/** The outcome of a restriction: the new methods, or the parameter that makes it invalid. */
export type AdminAuthMethodsChange = { ok: true; methods: AdminAuthMethods } | { ok: false; invalid: string };

/**
 * Applies `POST /admin/v1/admins/allowed_auth_methods`. Duo documents that a method not sent as
 * true is disabled, so the request replaces the whole set (a sharp edge: sending only
 * `sms_enabled=0` disables everything else too). `verified_push_length` is a setting, not a method:
 * kept unless given. A request that would leave no method at all is refused (it would lock every
 * administrator out; Duo's answer to it is unverified, 40002 naming `push_enabled` is the guess).
 */
export function replaceAdminAuthMethods(
  current: Readonly<AdminAuthMethods>,
  given: Partial<Record<AdminAuthMethodName, boolean>>,
  verifiedPushLength?: number,
): AdminAuthMethodsChange {
  if (verifiedPushLength !== undefined && (!Number.isInteger(verifiedPushLength) || verifiedPushLength < 3 || verifiedPushLength > 6)) {
    return { ok: false, invalid: 'verified_push_length' };
  }
  const methods = { ...current, verified_push_length: verifiedPushLength ?? current.verified_push_length };
  for (const name of ADMIN_AUTH_METHOD_NAMES) methods[name] = given[name] === true;
  if (!ADMIN_AUTH_METHOD_NAMES.some((name) => methods[name])) return { ok: false, invalid: 'push_enabled' };
  return { ok: true, methods };
}
