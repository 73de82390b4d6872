/** A policy's settings for one section, in Duo's setting names. */
export type SectionSettings = Record<string, unknown>;
/** A policy's sections by name. */
export type Sections = Record<string, SectionSettings>;

/**
 * Duo's authentication method names in `authentication_methods` lists (as Duo's docs and the
 * policies examples of its clients spell them).
 */
export const AUTH_METHODS: readonly string[] = [
  'duo-push',
  'duo-push-pwl',
  'duo-passcode',
  'hardware-token',
  'phonecall',
  'sms',
  'webauthn-platform',
  'webauthn-platform-pwl',
  'webauthn-roaming',
  'webauthn-roaming-pwl',
  'webauthn-require-user-verification',
  'desktop',
  'bypass',
  'bypass-pwl',
  'smart-card',
];

/**
 * The sections the global policy carries, with the settings a new Duo account starts with. The
 * names are Duo's; the values are our reading of Duo's documented defaults (each global policy
 * section shows them until an administrator changes it).
 */
export const SECTION_DEFAULTS: Readonly<Record<string, SectionSettings>> = {
  authentication_methods: {
    allowed_auth_list: ['duo-push', 'duo-passcode', 'hardware-token', 'phonecall', 'sms', 'webauthn-platform', 'webauthn-roaming'],
    blocked_auth_list: [],
    require_verified_push: true,
  },
  authentication_policy: { user_auth_behavior: 'enforce' },
  new_user: { new_user_behavior: 'enroll' },
  remembered_devices: {
    browser_apps: { enabled: false, remember_method: 'user-based', user_based: { max_time_units: 'hours', max_time_value: 12, confirm_per_app: false } },
  },
  user_location: {
    default_action: 'ignore-location',
    require_mfa_countries_list: [],
    deny_access_countries_list: [],
    allow_access_no_2fa_countries_list: [],
    ignore_location_countries_list: [],
  },
  authorized_networks: { mfa_required: { ip_list: [] }, no_2fa_required: { ip_list: [], require_enrollment: true }, deny_other_access: false },
  anonymous_networks: { anonymous_access_behavior: 'no-action' },
  browsers: { blocked_browsers_list: [], out_of_date_behavior: 'no-remediation' },
  operating_systems: { allow_unrestricted_os_list: ['android', 'chromeos', 'ios', 'linux', 'macos', 'windows'], block_os_list: [] },
  trusted_endpoints: { trusted_endpoint_checking: 'allow-all' },
  screen_lock: { require_screen_lock: false },
  tampered_devices: { block_tampered_devices: false },
  full_disk_encryption: { require_encryption: false },
  mobile_device_biometrics: { require_biometrics: false },
  risk_based_factor_selection: { limit_to_risk_based_auth_methods: false },
  duo_desktop: { requires_duo_desktop: [] },
};

/**
 * Sections Duo documents that a custom policy may set but the emulator's global policy does not
 * carry (older or edition-specific names); accepted as given.
 */
export const EXTRA_SECTIONS: readonly string[] = ['device_health_app', 'health_checks', 'duo_mobile_app', 'plugins', 'risk_based_authentication'];

/** Every section name the emulator knows. */
export const KNOWN_SECTIONS: ReadonlySet<string> = new Set([...Object.keys(SECTION_DEFAULTS), ...EXTRA_SECTIONS]);

/** Settings whose value must be one of a few words (Duo's documented choices). */
export const SETTING_CHOICES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  authentication_policy: { user_auth_behavior: ['enforce', 'bypass', 'deny'] },
  new_user: { new_user_behavior: ['enroll', 'no-mfa', 'deny'] },
  anonymous_networks: { anonymous_access_behavior: ['no-action', 'require-mfa', 'deny'] },
  trusted_endpoints: { trusted_endpoint_checking: ['allow-all', 'not-configured', 'require-trusted'] },
  user_location: { default_action: ['ignore-location', 'allow-access-without-mfa', 'require-mfa', 'deny-access'] },
};

/** A deep copy of JSON settings, so stored sections never share objects with a request or another policy. */
export function cloneSections<T>(value: T): T {
  return structuredClone(value);
}
