import type { Account, Phone } from '../state/types.js';
import { displayPhoneType, displayPlatform, isSmartphone } from './display-casing.js';
import { serializeUser } from './serialize-user.js';

/**
 * A phone as the Admin API returns it: display casing for `type` and `platform`, posture fields
 * for activated smartphones, and (unless embedded in a user) its users without their phones.
 */
export function serializePhone(account: Account, phone: Phone, opts: { withUsers?: boolean } = {}): Record<string, unknown> {
  const posture = phone.activated && isSmartphone(phone.platform);
  const out: Record<string, unknown> = {
    activated: phone.activated,
    capabilities: [...phone.capabilities],
    encrypted: posture ? 'Encrypted' : '',
    extension: phone.extension,
    fingerprint: posture ? 'Configured' : '',
    last_seen: phone.last_seen,
    model: phone.model,
    name: phone.name,
    number: phone.number,
    phone_id: phone.phone_id,
    platform: displayPlatform(phone.platform),
    postdelay: phone.postdelay,
    predelay: phone.predelay,
    screenlock: posture ? 'Locked' : '',
    sms_passcodes_sent: phone.sms_passcodes_sent,
    tampered: posture ? 'Not tampered' : '',
    type: displayPhoneType(phone.type),
  };
  if (opts.withUsers !== false) {
    out['users'] = phone.user_ids
      .map((id) => account.users[id])
      .filter((u) => u !== undefined)
      .map((u) => serializeUser(account, u, { withDevices: false }));
  }
  return out;
}
