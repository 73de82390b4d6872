import type { Account, AuthLogEntry } from '../state/types.js';

const NO_LOCATION = { city: '', state: '', country: '' };

/** Epoch ms as Duo's `isotimestamp` (`2026-11-22T12:00:00.123+00:00`). */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

/** A log row in Duo's v2 authlog shape, with names looked up in the account as it is now. */
export function authlogItem(account: Account, entry: AuthLogEntry): Record<string, unknown> {
  const user = entry.user_id === null ? undefined : account.users[entry.user_id];
  const groups = (user?.group_ids ?? []).map((id) => account.groups[id]?.name).filter((n) => n !== undefined);
  return {
    access_device: { ip: entry.ip, hostname: entry.hostname, location: { ...NO_LOCATION } },
    alias: '',
    application: { key: entry.integration_key, name: account.integrations[entry.integration_key]?.name ?? '' },
    auth_device: { ip: null, location: { ...NO_LOCATION }, name: entry.device },
    email: user?.email ?? '',
    event_type: 'authentication',
    factor: entry.factor,
    isotimestamp: isoTimestamp(entry.timestamp_ms),
    reason: entry.reason,
    result: entry.result,
    timestamp: Math.floor(entry.timestamp_ms / 1000),
    txid: entry.txid,
    user: { groups, key: entry.user_id ?? '', name: entry.username },
  };
}
