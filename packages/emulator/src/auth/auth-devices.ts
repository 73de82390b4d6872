import { displayPlatform } from '../serialize/display-casing.js';
import type { Account, User } from '../state/types.js';
import { authCapabilities, maskNumber } from './auth-capabilities.js';

const SHORT_PLATFORM: Readonly<Record<string, string>> = { 'apple ios': 'iOS', 'google android': 'Android', unknown: 'Phone', '': 'Phone' };

/** One entry of preauth's `devices`. */
export interface AuthDevice {
  device: string;
  type: 'phone' | 'token';
  number?: string;
  name: string;
  display_name: string;
  capabilities: string[];
  sms_nextcode?: string;
}

/**
 * The user's devices the Auth API can use: phones with at least one working capability, then
 * hardware tokens. WebAuthn credentials are absent: the Auth API cannot drive them.
 */
export function authDevices(account: Account, user: User): AuthDevice[] {
  const devices: AuthDevice[] = [];
  for (const id of user.phone_ids) {
    const phone = account.phones[id];
    if (!phone) continue;
    const capabilities = authCapabilities(phone);
    if (capabilities.length === 0) continue;
    const masked = maskNumber(phone.number);
    const kind = phone.type === 'landline' ? 'Landline' : (SHORT_PLATFORM[phone.platform] ?? displayPlatform(phone.platform));
    const device: AuthDevice = {
      device: phone.phone_id,
      type: 'phone',
      number: masked,
      name: phone.name,
      display_name: masked === '' ? kind : `${kind} (${masked})`,
      capabilities,
    };
    // Duo names the next passcode of the batch it already texted.
    if (phone.sms_passcodes_sent && capabilities.includes('sms')) device.sms_nextcode = '1';
    devices.push(device);
  }
  for (const id of user.token_ids) {
    const token = account.tokens[id];
    if (!token) continue;
    devices.push({
      device: token.token_id,
      type: 'token',
      name: token.serial,
      display_name: `Hardware token (${token.serial})`,
      capabilities: [],
    });
  }
  return devices;
}
