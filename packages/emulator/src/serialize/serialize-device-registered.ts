import type { RegisteredDeviceRecord } from '../state/device-records.js';
import type { Account } from '../state/types.js';
import { serializeAuthenticatorUser } from './serialize-authenticator-user.js';

/** A Duo Desktop registered device as the Admin API lists it, with its owner and its block. */
export function serializeRegisteredDevice(account: Account, device: RegisteredDeviceRecord): Record<string, unknown> {
  return {
    compkey: device.compkey,
    date_added: device.date_added,
    health_app_client_version: device.health_app_client_version,
    is_blocked: device.blocked,
    last_seen: device.last_seen,
    name: device.name,
    os_family: device.os_family,
    os_version: device.os_version,
    user: serializeAuthenticatorUser(account.users[device.user_id]),
  };
}
