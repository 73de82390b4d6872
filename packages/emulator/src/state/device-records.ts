import type { Account } from './types.js';

/** A browser Duo saw on an endpoint, in Duo's field names. */
export interface EndpointBrowser {
  browser_family: string;
  browser_version: string;
  flash_version: string;
  java_version: string;
  /** Unix seconds. */
  last_used: number | null;
}

/**
 * An endpoint (a device Duo saw reach a protected application), stored in Duo's wire field names.
 * It names its user by username and email, not by id: deleting the user leaves it, as Duo keeps
 * endpoint records until 30 days without activity purge them.
 */
export interface EndpointRecord {
  epkey: string;
  username: string;
  email: string;
  os_family: string;
  os_version: string;
  os_build: string;
  model: string;
  type: string;
  browsers: EndpointBrowser[];
  trusted_endpoint: 'yes' | 'no' | 'unknown';
  /** Unix seconds. */
  last_updated: number;
  device_name: string;
  device_id: string;
  device_identifier: string;
  device_identifier_type: string;
  device_udid: string;
  device_username: string;
  device_username_type: string;
  computer_sid: string;
  cpu_id: string;
  domain_sid: string;
  hardware_uuid: string;
  machine_guid: string;
  /** Duo Desktop version; empty without Duo Desktop. */
  health_app_client_version: string;
  /** Unix seconds, or '' when Duo Desktop never reported. */
  health_data_last_collected: number | '';
  disk_encryption_status: string;
  firewall_status: string;
  password_status: string;
  security_agents: Array<{ security_agent: string; version: string }>;
}

/** A Duo Desktop registered device: a computer registered for one user, possibly blocked. */
export interface RegisteredDeviceRecord {
  compkey: string;
  user_id: string;
  name: string;
  os_family: string;
  os_version: string;
  /** Duo Desktop version. */
  health_app_client_version: string;
  date_added: number;
  last_seen: number | null;
  /** Blocked through `/admin/v1/registered_devices/blocked`. */
  blocked: boolean;
}

// States exported before these records were modelled lack them; reading one creates it empty.

/** The account's endpoints by epkey. */
export function deviceEndpointsOf(account: Account): Record<string, EndpointRecord> {
  return (account.device_endpoints ??= {});
}

/** Every registered device record of the account by compkey, those of deleted users included. */
export function registeredDeviceRecordsOf(account: Account): Record<string, RegisteredDeviceRecord> {
  return (account.registered_devices ??= {});
}

/**
 * The registered devices the API shows: a device belongs to one user, so a deleted user's devices
 * are gone with it (and come back if the user is restored from the Trash). The emulator's choice;
 * Duo does not document what deleting a user does to its registered devices.
 */
export function registeredDevicesOf(account: Account): RegisteredDeviceRecord[] {
  return Object.values(registeredDeviceRecordsOf(account)).filter((d) => account.users[d.user_id] !== undefined);
}

/** One registered device the API shows, or undefined (unknown key, or its user was deleted). */
export function findRegisteredDevice(account: Account, compkey: string): RegisteredDeviceRecord | undefined {
  const device = registeredDeviceRecordsOf(account)[compkey];
  return device && account.users[device.user_id] !== undefined ? device : undefined;
}
