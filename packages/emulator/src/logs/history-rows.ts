import type { Account, AuthLogEntry } from '../state/types.js';
import { LOG_PLACES } from './geo.js';
import { historySalt, historyTimes, type HistoryKind } from './history-columns.js';
import { derivedDuoId, derivedUuid, mix } from './log-ids.js';
import type { ActivityLogEntry, AdminLogEntry, HistorySpec, TelephonyLogEntry } from './log-records.js';

/** What one generated row is, before it is rendered the way live rows are. */
export type HistoryRow<K extends HistoryKind> = K extends 'authentication'
  ? AuthLogEntry
  : K extends 'telephony'
    ? TelephonyLogEntry
    : K extends 'administrator'
      ? AdminLogEntry
      : ActivityLogEntry;

const FACTORS: ReadonlyArray<readonly [string, number]> = [
  ['duo_push', 62],
  ['duo_mobile_passcode', 10],
  ['sms_passcode', 7],
  ['phone_call', 5],
  ['webauthn_security_key', 6],
  ['hardware_token', 4],
  ['bypass_code', 2],
  ['remembered_device', 4],
];
const BROWSERS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['Chrome', '124.0.6367.91', 'Windows', '10'],
  ['Edge', '124.0.2478.67', 'Windows', '11'],
  ['Safari', '17.4.1', 'Mac OS X', '14.4.1'],
  ['Firefox', '125.0', 'Linux', ''],
  ['Chrome', '124.0.6367.82', 'Mac OS X', '13.6.6'],
  ['Mobile Safari', '17.4', 'iOS', '17.4.1'],
];
const PUBLIC_FIRST_OCTETS = [24, 50, 64, 73, 98, 107, 174, 184];
const ADMINS = ['Morgan Lee', 'Sam Rivera', 'Alex Chen'];
const ADMIN_ACTIONS = ['user_update', 'user_create', 'phone_create', 'bypass_create', 'group_update', 'integration_update', 'admin_login', 'user_delete'];

function pickWeighted(table: ReadonlyArray<readonly [string, number]>, h: number): string {
  const total = table.reduce((n, [, w]) => n + w, 0);
  let r = h % total;
  for (const [value, weight] of table) {
    if (r < weight) return value;
    r -= weight;
  }
  return table[0]![0];
}

function publicIp(h: number): string {
  return `${PUBLIC_FIRST_OCTETS[h % PUBLIC_FIRST_OCTETS.length]}.${(h >>> 8) & 255}.${(h >>> 16) & 255}.${1 + ((h >>> 24) % 254)}`;
}

function phoneNumber(h: number): string {
  const digits = String(1_000_000 + (h % 9_000_000)).slice(-7);
  return `+1555${digits}`;
}

function who(account: Account, spec: HistorySpec, h: number): { user_id: string | null; username: string } {
  if (spec.user_ids.length === 0) return { user_id: null, username: `user${h % 1000}` };
  const userId = spec.user_ids[h % spec.user_ids.length]!;
  // Users deleted since the seed keep their id; their name is no longer known.
  return { user_id: userId, username: account.users[userId]?.username ?? userId.toLowerCase() };
}

/** Generated row `i` of `kind`: every field a pure function of the spec, the index and its time. */
export function historyRow<K extends HistoryKind>(account: Account, spec: HistorySpec, kind: K, i: number, ts: number): HistoryRow<K> {
  const salt = historySalt(spec, kind);
  const h = mix(salt, i);
  const h2 = mix(h, 2);
  const h3 = mix(h, 3);
  switch (kind) {
    case 'authentication': {
      const user = who(account, spec, h);
      const factor = pickWeighted(FACTORS, h2);
      const roll = h3 % 100;
      const passcode = factor.includes('passcode') || factor === 'hardware_token' || factor === 'bypass_code';
      const [result, reason] =
        roll < 91
          ? (['success', factor === 'remembered_device' ? 'remembered_device' : passcode ? 'valid_passcode' : 'user_approved'] as const)
          : roll < 96
            ? (['denied', passcode ? 'invalid_passcode' : factor === 'duo_push' ? 'user_denied' : 'no_response'] as const)
            : roll < 97 && factor === 'duo_push'
              ? (['fraud', 'user_marked_fraud'] as const)
              : (['denied', 'deny_unenrolled_user'] as const);
      const [browser, browserVersion, os, osVersion] = BROWSERS[mix(h, 4) % BROWSERS.length]!;
      const phoneDevice = factor === 'duo_push' || factor === 'phone_call' || factor.startsWith('sms') || factor === 'duo_mobile_passcode';
      const device = phoneDevice ? `+1 555-${String(100 + (mix(h, 5) % 900))}-${String(1000 + (mix(h, 6) % 9000))}` : null;
      const ip = publicIp(mix(h, 7));
      const entry: AuthLogEntry = {
        txid: derivedUuid(salt, i, 1),
        timestamp_ms: ts,
        ...user,
        factor,
        result: result === 'fraud' ? 'fraud' : result,
        reason,
        integration_key: spec.application_keys.length === 0 ? '' : spec.application_keys[mix(h, 8) % spec.application_keys.length]!,
        ip,
        hostname: null,
        device,
        details: {
          event_type: 'authentication',
          browser,
          browser_version: browserVersion,
          os,
          os_version: osVersion,
          access_location: { ...LOG_PLACES[mix(h, 9) % LOG_PLACES.length]! },
          ...(phoneDevice ? { auth_device_ip: publicIp(mix(h, 10)) } : {}),
        },
      };
      return entry as HistoryRow<K>;
    }
    case 'telephony': {
      const contextRoll = h2 % 100;
      const context = contextRoll < 88 ? 'authentication' : contextRoll < 96 ? 'enrollment' : 'administrator login';
      const entry: TelephonyLogEntry = {
        telephony_id: derivedUuid(salt, i, 1),
        ts_ms: ts,
        txid: context === 'authentication' ? derivedUuid(salt, i, 2) : null,
        context,
        type: h3 % 10 < 7 ? 'sms' : 'phone',
        phone: phoneNumber(mix(h, 4)),
        credits: h % 50 === 0 ? 2 : 1,
      };
      return entry as HistoryRow<K>;
    }
    case 'administrator': {
      const action = ADMIN_ACTIONS[h2 % ADMIN_ACTIONS.length]!;
      const user = who(account, spec, h3);
      const admin = ADMINS[mix(h, 4) % ADMINS.length]!;
      const description =
        action === 'admin_login'
          ? { ip_address: publicIp(mix(h, 5)), device: `+1 555-${String(100 + (h % 900))}-0100`, factor: 'duo_push', primary_auth_method: 'Password' }
          : action === 'user_update'
            ? { status: ['Active', 'Bypass', 'Disabled'][h % 3] }
            : action === 'bypass_create'
              ? { bypass: '', count: 1, valid_secs: 3600, auto_generated: true, remaining_uses: 1, user_id: user.user_id, bypass_code_ids: [derivedDuoId('DB', salt, i)] }
              : action === 'group_update'
                ? { desc: 'Updated by history' }
                : action === 'integration_update'
                  ? { notes: 'Updated by history' }
                  : action === 'phone_create'
                    ? { number: phoneNumber(mix(h, 6)), type: 'Mobile', platform: 'Apple iOS' }
                    : action === 'user_create'
                      ? { realname: user.username, status: 'Active' }
                      : {};
      const object = action === 'admin_login' ? null : action.startsWith('group') ? `Group ${1 + (h % 20)}` : action.startsWith('integration') ? 'Microsoft 365' : user.username;
      const entry: AdminLogEntry = { id: derivedUuid(salt, i, 1), ts_ms: ts, username: admin, action, object, description: JSON.stringify(description) };
      return entry as HistoryRow<K>;
    }
    default: {
      const user = who(account, spec, h);
      const byUser = h2 % 3 === 0;
      const action = byUser ? 'webauthncredential_create' : ADMIN_ACTIONS[h3 % ADMIN_ACTIONS.length]!;
      const [browser, browserVersion, os, osVersion] = BROWSERS[mix(h, 4) % BROWSERS.length]!;
      const entry: ActivityLogEntry = {
        activity_id: derivedUuid(salt, i, 1),
        ts_ms: ts,
        action,
        actor: byUser
          ? { key: user.user_id, name: user.username, type: 'user', details: null }
          : { key: derivedDuoId('DE', salt, mix(h, 5) % 3), name: ADMINS[mix(h, 5) % 3]!, type: 'admin', details: null },
        target: byUser
          ? { key: derivedDuoId('WA', salt, i), name: 'Security key', type: 'webauthn_credential', details: { credential_name: 'Security key' } }
          : { key: user.user_id, name: user.username, type: 'user', details: null },
        old_target: null,
        application: null,
        outcome: 'SUCCESS',
        access_device: { browser, browser_version: browserVersion, os, os_version: osVersion, ip: publicIp(mix(h, 6)) },
      };
      return entry as HistoryRow<K>;
    }
  }
}

/** Index range and accessors of one kind's history, or undefined when the account has none. */
export function historyOf<K extends HistoryKind>(
  account: Account,
  kind: K,
): { length: number; ts(i: number): number; id(i: number): string; row(i: number): HistoryRow<K> } | undefined {
  const spec = account.logs?.history;
  if (!spec) return undefined;
  const times = historyTimes(spec, kind);
  const salt = historySalt(spec, kind);
  return {
    length: times.length,
    ts: (i) => times[i]!,
    // Every kind's row id is derived the same way, so ordering needs no decoding.
    id: (i) => derivedUuid(salt, i, 1),
    row: (i) => historyRow(account, spec, kind, i, times[i]!),
  };
}
