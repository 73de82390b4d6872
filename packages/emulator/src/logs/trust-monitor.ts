import { authlogItem } from '../auth/authlog-item.js';
import type { Account, AuthLogEntry, User } from '../state/types.js';
import { createRandom } from '../random.js';
import { derivedUuid, hashString, mix, nextLogDuoId } from './log-ids.js';
import type { TrustMonitorEventRecord } from './log-records.js';
import { logsOf } from './logs-of.js';

/** What a script may say about a Trust Monitor event; everything else gets a plausible default. */
export type TrustMonitorEventInput = Partial<TrustMonitorEventRecord> & {
  /** The user the event is about (default: the account's first user). */
  user_id?: string;
  /** An authentication-log row (by txid) to surface; default: one made up for the user. */
  txid?: string;
};

const DAY_MS = 86_400_000;

/**
 * A Trust Monitor event in Duo's shape, surfaced `now` unless the input says when: an `auth` event
 * carries the authentication it surfaced (`surfaced_auth`, in the v2 authentication log's shape)
 * and Duo's explanations; `bypass_status` says who put whom in bypass; `device_registration` names
 * the new device's user. The `sekey` is derived from the account and a sequence.
 */
export function newTrustMonitorEvent(account: Account, input: TrustMonitorEventInput, nowMs: number): TrustMonitorEventRecord {
  const { user_id: userId, txid, ...fields } = input;
  const type = fields.type ?? 'auth';
  const user = (userId === undefined ? undefined : account.users[userId]) ?? Object.values(account.users)[0];
  const sekey = fields.sekey ?? nextLogDuoId(account, 'SE');
  const surfaced = fields.surfaced_timestamp ?? nowMs;
  const name = user?.username ?? 'unknown';
  const base: TrustMonitorEventRecord = {
    sekey,
    type,
    surfaced_timestamp: surfaced,
    state: 'new',
    state_updated_timestamp: null,
    triaged_as_interesting: false,
    priority_event: type === 'auth',
    priority_reasons: type === 'auth' ? [{ label: 'CN', type: 'country' }] : [],
    explanations: [],
  };
  if (type === 'auth') {
    const row = (txid === undefined ? undefined : account.auth_log.find((e) => e.txid === txid)) ?? madeUpAuth(account, user, surfaced, sekey);
    Object.assign(base, {
      explanations: [
        { summary: `${name} has not logged in from this location recently.`, type: 'NEW_COUNTRY_CODE' },
        { summary: `${name} has not logged in from this IP recently.`, type: 'NEW_NETBLOCK' },
      ],
      from_common_netblock: false,
      from_new_user: false,
      low_risk_ip: false,
      surfaced_auth: authlogItem(account, row),
      triage_event_uri: `https://${account.api_hostname.replace(/^api-/, 'admin-')}/trust-monitor?sekey=${sekey}`,
    });
  } else if (type === 'bypass_status') {
    Object.assign(base, {
      bypass_status_enabled: surfaced - DAY_MS,
      enabled_by: { key: Object.values(account.integrations).find((i) => i.type === 'admin')?.integration_key ?? '', name: 'Admin API' },
      enabled_for: { key: user?.user_id ?? '', name },
      explanations: [{ summary: `${name} has been in bypass status for more than a day.`, type: 'BYPASS_STATUS' }],
    });
  } else {
    Object.assign(base, {
      from_new_user: false,
      explanations: [{ summary: `${name} registered a new device.`, type: 'NEW_DEVICE' }],
      surfaced_auth: null,
    });
  }
  return { ...base, ...fields, sekey, type, surfaced_timestamp: surfaced };
}

/** Adds an event to the account's Trust Monitor (kept in surfaced order by the query, not here). */
export function addTrustMonitorEvent(account: Account, input: TrustMonitorEventInput, nowMs: number): TrustMonitorEventRecord {
  const event = newTrustMonitorEvent(account, input, nowMs);
  logsOf(account).trust_monitor.push(event);
  return event;
}

/**
 * Seeds a few events over the last 30 days (one of each type at least), from an RNG of the account's
 * own, so seeding them shifts no other seeded id.
 */
export function seedTrustMonitor(account: Account, nowMs: number, count = 3): void {
  const random = createRandom(mix(hashString(account.account_id), 0x7e57));
  const types = ['auth', 'bypass_status', 'device_registration'] as const;
  for (let i = 0; i < count; i++) {
    const users = Object.values(account.users);
    const user = users.length === 0 ? undefined : users[Math.floor(random() * users.length)];
    const surfaced = nowMs - Math.floor((1 + random() * 29) * DAY_MS);
    addTrustMonitorEvent(account, { type: types[i % types.length]!, surfaced_timestamp: surfaced, ...(user ? { user_id: user.user_id } : {}) }, nowMs);
  }
}

function madeUpAuth(account: Account, user: User | undefined, at: number, sekey: string): AuthLogEntry {
  const integration = Object.values(account.integrations).find((i) => i.type === 'auth');
  const h = hashString(sekey);
  return {
    txid: derivedUuid(h, 1),
    timestamp_ms: at - 60_000,
    user_id: user?.user_id ?? null,
    username: user?.username ?? 'unknown',
    factor: 'duo_push',
    result: 'success',
    reason: 'user_approved',
    integration_key: integration?.integration_key ?? '',
    ip: `58.${(h >>> 8) & 255}.${(h >>> 16) & 255}.${1 + ((h >>> 24) % 254)}`,
    hostname: null,
    device: null,
    details: { browser: 'Chrome', browser_version: '124.0.6367.91', os: 'Windows', os_version: '10', access_location: { city: 'Shanghai', state: 'Shanghai', country: 'China' } },
  };
}
