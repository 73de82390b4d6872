import type { Account, AuthLogEntry } from '../state/types.js';
import { locateIp } from '../logs/geo.js';

/** Epoch ms as Duo's `isotimestamp` (`2026-11-22T12:00:00.123+00:00`). */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

/** Epoch ms as Duo's v1 `isotimestamp` (whole seconds: `2026-11-22T12:00:00+00:00`). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}

/**
 * A log row in Duo's v2 authlog shape, with names looked up in the account as it is now: the access
 * device (browser, OS and place when known; the place otherwise from its IP), the authenticating
 * device, the application, the user with their groups, result, reason and ids.
 */
export function authlogItem(account: Account, entry: AuthLogEntry): Record<string, unknown> {
  const user = entry.user_id === null ? undefined : account.users[entry.user_id];
  const groups = (user?.group_ids ?? []).map((id) => account.groups[id]?.name).filter((n) => n !== undefined);
  const d = entry.details ?? {};
  const authDeviceIp = d.auth_device_ip ?? null;
  return {
    access_device: {
      browser: d.browser ?? null,
      browser_version: d.browser_version ?? null,
      flash_version: null,
      hostname: entry.hostname,
      ip: entry.ip,
      is_encryption_enabled: 'unknown',
      is_firewall_enabled: 'unknown',
      is_password_set: 'unknown',
      java_version: null,
      location: d.access_location ? { ...d.access_location } : locateIp(entry.ip),
      os: d.os ?? null,
      os_version: d.os_version ?? null,
      security_agents: 'unknown',
    },
    alias: d.alias ?? '',
    application: { key: entry.integration_key, name: account.integrations[entry.integration_key]?.name ?? '' },
    auth_device: {
      ip: authDeviceIp,
      location: d.auth_device_location ? { ...d.auth_device_location } : locateIp(authDeviceIp),
      name: entry.device,
    },
    email: user?.email ?? '',
    event_type: d.event_type ?? 'authentication',
    factor: entry.factor,
    isotimestamp: isoTimestamp(entry.timestamp_ms),
    ood_software: null,
    reason: entry.reason,
    result: entry.result,
    timestamp: Math.floor(entry.timestamp_ms / 1000),
    trusted_endpoint_status: null,
    txid: entry.txid,
    user: { groups, key: entry.user_id ?? '', name: entry.username },
  };
}

const V1_FACTORS: Record<string, string> = {
  duo_push: 'Duo Push',
  phone_call: 'Phone Call',
  sms_passcode: 'SMS Passcode',
  sms_refresh: 'SMS Refresh',
  passcode: 'Passcode',
  duo_mobile_passcode: 'Duo Mobile Passcode',
  bypass_code: 'Bypass Code',
  hardware_token: 'Hardware Token',
  webauthn_security_key: 'WebAuthn Security Key',
  not_available: 'Not Available',
};

const V1_RESULTS: Record<string, string> = { success: 'SUCCESS', denied: 'FAILURE', fraud: 'FRAUD', error: 'ERROR' };

/**
 * A row of the deprecated v1 authentication log: Unix seconds, the display names v1 used for
 * factor, result and reason ("Duo Push", "SUCCESS", "User approved"), the application's name.
 */
export function authlogV1Item(account: Account, entry: AuthLogEntry): Record<string, unknown> {
  const d = entry.details ?? {};
  return {
    device: entry.device,
    eventtype: 'authentication',
    factor: V1_FACTORS[entry.factor] ?? entry.factor,
    host: account.api_hostname,
    integration: account.integrations[entry.integration_key]?.name ?? '',
    ip: entry.ip,
    isotimestamp: isoSeconds(entry.timestamp_ms),
    location: d.access_location ? { ...d.access_location } : locateIp(entry.ip),
    new_enrollment: d.event_type === 'enrollment',
    reason: sentence(entry.reason),
    result: V1_RESULTS[entry.result] ?? entry.result.toUpperCase(),
    timestamp: Math.floor(entry.timestamp_ms / 1000),
    txid: entry.txid,
    username: entry.username,
  };
}

/** `user_approved` -> `User approved`. */
function sentence(reason: string): string {
  const words = reason.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
