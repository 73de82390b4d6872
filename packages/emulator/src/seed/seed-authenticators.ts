import { desktopAuthenticatorsOf, desktopTokensOf, sharedDeviceAuthOf } from '../state/authenticator-records.js';
import { newAuthenticatorKey } from '../state/new-authenticator-key.js';
import type { Account } from '../state/types.js';

const DAY = 86_400;
const OS = ['Windows', 'macOS'] as const;

/** A small deterministic stream from a string, so this step never shifts the seed's main random draws. */
function streamFrom(text: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296;
  };
}

/**
 * Seeds a few Duo Desktop authenticators (every fifth active user's computer), one shared device
 * authentication configuration over the account's first groups, and one legacy desktop token on
 * the parent, so every authenticator endpoint has something to answer in the demo.
 */
export function seedAuthenticators(account: Account, nowMs: number): void {
  const random = streamFrom(account.account_id);
  const nowSec = Math.floor(nowMs / 1000);
  const authenticators = desktopAuthenticatorsOf(account);
  const users = Object.values(account.users).filter((u) => u.status === 'active');
  users.forEach((user, i) => {
    if (i % 5 !== 0) return;
    const dakey = newAuthenticatorKey('DE', random, (k) => authenticators[k] !== undefined);
    const os = OS[i % OS.length]!;
    authenticators[dakey] = {
      dakey,
      dacuid: newAuthenticatorKey('DE', random, () => false).slice(2).toLowerCase(),
      user_id: user.user_id,
      name: `${user.username.split(/[.@]/)[0]!.toUpperCase()}-${os === 'Windows' ? 'PC' : 'MAC'}`,
      os_family: os,
      date_added: nowSec - Math.floor(random() * 90) * DAY,
      plugins: i % 10 === 0 ? ['device_health', 'verified_duo_push'] : ['device_health'],
    };
  });
  const groups = Object.keys(account.groups).slice(0, 2);
  if (groups.length > 0) {
    const configs = sharedDeviceAuthOf(account);
    const key = newAuthenticatorKey('DS', random, (k) => configs[k] !== undefined);
    configs[key] = {
      shared_device_key: key,
      name: 'Front desk kiosks',
      active: true,
      group_ids: groups,
      trusted_endpoint_integration_ids: [newAuthenticatorKey('DI', random, () => false)],
    };
  }
  const owner = users[1];
  if (account.parent_id === null && owner) {
    const tokens = desktopTokensOf(account);
    const id = newAuthenticatorKey('DT', random, (k) => tokens[k] !== undefined);
    tokens[id] = { desktoptoken_id: id, name: 'Legacy desktop token', platform: 'windows', user_ids: [owner.user_id] };
  }
}
