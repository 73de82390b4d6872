import { deviceEndpointsOf, registeredDeviceRecordsOf, type EndpointRecord } from '../state/device-records.js';
import type { Account, User } from '../state/types.js';

const DAY = 86_400;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A small deterministic stream from a string, so this step never shifts the seed's main random draws. */
function streamFrom(text: string): () => number {
  let h = 2166136261;
  for (const ch of `devices:${text}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296;
  };
}

/** A 20-character key with `prefix`, unique among `taken` (Duo's `CR` compkeys, `EP` endpoint keys are ours). */
function key(prefix: string, random: () => number, taken: Record<string, unknown>): string {
  for (;;) {
    let k = prefix;
    while (k.length < 20) k += ALNUM[Math.floor(random() * ALNUM.length)];
    if (taken[k] === undefined) return k;
  }
}

type Kind = 'windows' | 'mac' | 'iphone' | 'android';

/** One endpoint of `user` of the given kind; laptops carry Duo Desktop's health data. */
function endpointFor(user: User, kind: Kind, epkey: string, random: () => number, nowSec: number): EndpointRecord {
  const laptop = kind === 'windows' || kind === 'mac';
  const seen = nowSec - Math.floor(random() * 20) * DAY - Math.floor(random() * DAY);
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
  const base: EndpointRecord = {
    epkey,
    username: user.username,
    email: user.email,
    os_family: { windows: 'Windows', mac: 'Mac OS X', iphone: 'iOS', android: 'Android' }[kind],
    os_version: { windows: '10.0.22631', mac: '14.5', iphone: '17.5.1', android: '14' }[kind],
    os_build: kind === 'windows' ? '22631' : '',
    model: { windows: '', mac: '', iphone: 'iPhone 15', android: 'Pixel 8' }[kind],
    type: '',
    browsers: [
      {
        browser_family: { windows: 'Edge Chromium', mac: 'Chrome', iphone: 'Mobile Safari', android: 'Chrome Mobile' }[kind],
        browser_version: { windows: '126.0.2592.68', mac: '126.0.6478.127', iphone: '17.5', android: '126.0.6478.122' }[kind],
        flash_version: 'uninstalled',
        java_version: 'uninstalled',
        last_used: seen,
      },
    ],
    trusted_endpoint: laptop ? (random() < 0.7 ? 'yes' : 'no') : 'unknown',
    last_updated: seen,
    device_name: '',
    device_id: '',
    device_identifier: '',
    device_identifier_type: '',
    device_udid: '',
    device_username: '',
    device_username_type: '',
    computer_sid: '',
    cpu_id: '',
    domain_sid: '',
    hardware_uuid: '',
    machine_guid: '',
    health_app_client_version: '',
    health_data_last_collected: '',
    disk_encryption_status: 'Unknown',
    firewall_status: 'Unknown',
    password_status: 'Unknown',
    security_agents: [],
  };
  if (!laptop) return base;
  const host = `${user.username.split(/[.@]/)[0]!.toUpperCase()}-${kind === 'windows' ? 'PC' : 'MAC'}`;
  return {
    ...base,
    device_name: host,
    device_username: user.username,
    device_username_type: kind === 'windows' ? 'upn' : 'local',
    computer_sid: kind === 'windows' ? `S-1-5-21-${1000 + Math.floor(random() * 9000)}-${1000 + Math.floor(random() * 9000)}-1001` : '',
    cpu_id: hex(16).toUpperCase(),
    domain_sid: kind === 'windows' ? 'S-1-5-21-3623811015-3361044348-30300820' : '',
    hardware_uuid: kind === 'mac' ? `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`.toUpperCase() : '',
    machine_guid: kind === 'windows' ? `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}` : '',
    health_app_client_version: '6.6.0',
    health_data_last_collected: seen,
    disk_encryption_status: random() < 0.85 ? 'On' : 'Off',
    firewall_status: 'On',
    password_status: 'Set',
    security_agents: kind === 'windows' ? [{ security_agent: 'Microsoft Defender', version: '4.18.24050' }] : [],
  };
}

/**
 * Seeds endpoints for every third user (a laptop and a phone each, in turn Windows/iPhone and
 * Mac/Android) and a Duo Desktop registered device for every second active user's computer; on
 * the parent the first registered device is blocked, so the blocked list has an entry. Tied to
 * the account's users by username/email (endpoints) and user id (registered devices).
 */
export function seedDevices(account: Account, nowMs: number): void {
  const random = streamFrom(account.account_id);
  const nowSec = Math.floor(nowMs / 1000);
  const endpoints = deviceEndpointsOf(account);
  const users = Object.values(account.users);
  users.forEach((user, i) => {
    if (i % 3 !== 0) return;
    const pair: Kind[] = (i / 3) % 2 === 0 ? ['windows', 'iphone'] : ['mac', 'android'];
    for (const kind of pair) {
      const epkey = key('EP', random, endpoints);
      endpoints[epkey] = endpointFor(user, kind, epkey, random, nowSec);
    }
  });
  const devices = registeredDeviceRecordsOf(account);
  users
    .filter((u) => u.status === 'active')
    .forEach((user, i) => {
      if (i % 2 !== 0) return;
      const mac = (i / 2) % 2 === 1;
      const compkey = key('CR', random, devices);
      devices[compkey] = {
        compkey,
        user_id: user.user_id,
        name: `${user.username.split(/[.@]/)[0]!.toUpperCase()}-${mac ? 'MAC' : 'PC'}`,
        os_family: mac ? 'macOS' : 'Windows',
        os_version: mac ? '14.5' : '10.0.22631',
        health_app_client_version: '6.6.0',
        date_added: nowSec - (30 + Math.floor(random() * 300)) * DAY,
        last_seen: nowSec - Math.floor(random() * 14) * DAY,
        blocked: account.parent_id === null && i === 0,
      };
    });
}
