/**
 * The mix of users every seeded account gets (demo and fleet alike), in per cent of the account's
 * users. Each dimension is allocated by quota (largest remainder) and shuffled independently, so an
 * account of n users holds about n * weight / 100 of each kind; in the demo seed every kind appears at
 * least once per account. Reports and tests compute their ground truth from the resulting state, never
 * from these numbers.
 *
 * Enrollment (what the user can authenticate with):
 * - push 48: Duo Mobile on a smartphone, activated (auto, push, sms, phone, mobile_otp)
 * - push_unactivated 4: a smartphone whose Duo Mobile was never activated (auto, phone, sms)
 * - sms_voice 10: a mobile phone without Duo Mobile (auto, phone, sms)
 * - voice_only 3: a landline (auto, phone)
 * - token 6: a hardware OTP token only
 * - webauthn 5: a WebAuthn security key or platform authenticator only
 * - push_and_token 4: Duo Mobile plus a hardware token
 * - not_enrolled 20: nothing at all
 *
 * Status: active 88, bypass 4, disabled 4, locked out 4 (lockout reason "Failed Attempts", or "Not
 * enrolled" for users without devices).
 *
 * Last login: recent (within 30 days) 70, stale (91 to 400 days ago) 12, never 18. Users with no
 * device cannot log in unless they are in bypass status, so unenrolled non-bypass users never have.
 *
 * Bypass codes (1 to 5 per user): none 88, expiring within a week 3, never expiring 3, unlimited reuse
 * and never expiring 2, already expired (stale) 4.
 *
 * Push script, over users who can receive pushes: approve (the default, no script) 94, deny 2,
 * time out 2, report fraud 2.
 *
 * Also: 5% of users carry an alias; 60% of a child account's users come from its directory (they
 * have an external_id and last_directory_sync), and each directory holds about 2% (at least 1) users
 * not yet synced to Duo; every user belongs to one group, a quarter to a second.
 */
export const ENROLLMENT_MIX = {
  push: 48,
  push_unactivated: 4,
  sms_voice: 10,
  voice_only: 3,
  token: 6,
  webauthn: 5,
  push_and_token: 4,
  not_enrolled: 20,
} as const;

/** User status shares, per cent. */
export const STATUS_MIX = { active: 88, bypass: 4, disabled: 4, 'locked out': 4 } as const;

/** Last-login shares, per cent. */
export const LOGIN_MIX = { recent: 70, stale: 12, never: 18 } as const;

/** Bypass-code shares, per cent of users. */
export const BYPASS_MIX = { none: 88, expiring: 3, never_expiring: 3, unlimited: 2, expired: 4 } as const;

/** Push-script shares, per cent of push-capable users. */
export const PUSH_MIX = { approve: 94, deny: 2, timeout: 2, fraud: 2 } as const;

/** Share of users with an alias, per cent. */
export const ALIAS_PERCENT = 5;

/** Share of a child account's users synced from its directory, per cent. */
export const DIRECTORY_SYNCED_PERCENT = 60;

/** Directory users not yet in Duo, per cent of the account's users (at least one). */
export const DIRECTORY_PENDING_PERCENT = 2;

export type EnrollmentKind = keyof typeof ENROLLMENT_MIX;
export type LoginKind = keyof typeof LOGIN_MIX;
export type BypassKind = keyof typeof BYPASS_MIX;
export type PushKind = keyof typeof PUSH_MIX;
