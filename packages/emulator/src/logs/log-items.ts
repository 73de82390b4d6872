import { isoSeconds } from '../auth/authlog-item.js';
import type { Account } from '../state/types.js';
import type { ActivityLogEntry, ActivityParty, AdminLogEntry, OfflineEnrollmentEntry, TelephonyLogEntry } from './log-records.js';

/** Epoch ms as the v2 telephony and activity logs' `ts` (microseconds, `+00:00`). */
export function isoMicros(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000+00:00');
}

/** An administrator-log row as `GET /admin/v1/logs/administrator` answers it. */
export function adminLogItem(account: Account, e: AdminLogEntry): Record<string, unknown> {
  return {
    action: e.action,
    description: e.description,
    eventtype: 'administrator',
    host: account.api_hostname,
    isotimestamp: isoSeconds(e.ts_ms),
    object: e.object,
    timestamp: Math.floor(e.ts_ms / 1000),
    username: e.username,
  };
}

/** An offline-enrollment row as `GET /admin/v1/logs/offline_enrollment` answers it. */
export function offlineEnrollmentItem(e: OfflineEnrollmentEntry): Record<string, unknown> {
  return {
    action: e.action,
    description: e.description,
    isotimestamp: isoSeconds(e.ts_ms),
    object: e.object,
    timestamp: Math.floor(e.ts_ms / 1000),
    username: e.username,
  };
}

/** A telephony row in the v2 shape (`/admin/v2/logs/telephony`). */
export function telephonyItem(e: TelephonyLogEntry): Record<string, unknown> {
  return { context: e.context, credits: e.credits, phone: e.phone, telephony_id: e.telephony_id, ts: isoMicros(e.ts_ms), txid: e.txid, type: e.type };
}

/** A telephony row in the deprecated v1 shape (`/admin/v1/logs/telephony`): seconds, no ids. */
export function telephonyV1Item(account: Account, e: TelephonyLogEntry): Record<string, unknown> {
  return {
    context: e.context,
    credits: e.credits,
    eventtype: 'telephony',
    host: account.api_hostname,
    isotimestamp: isoSeconds(e.ts_ms),
    phone: e.phone,
    timestamp: Math.floor(e.ts_ms / 1000),
    type: e.type,
  };
}

function party(p: ActivityParty | null): Record<string, unknown> | null {
  if (p === null) return null;
  return { details: p.details === undefined || p.details === null ? null : JSON.stringify(p.details), key: p.key, name: p.name, type: p.type };
}

/** An activity row (`/admin/v2/logs/activity`): details of actor and targets as JSON text, as Duo sends them. */
export function activityItem(account: Account, e: ActivityLogEntry): Record<string, unknown> {
  const device = e.access_device ?? null;
  return {
    access_device:
      device === null
        ? null
        : { browser: device.browser, browser_version: device.browser_version, ip: { address: device.ip }, location: { city: null, country: null, state: null }, os: device.os, os_version: device.os_version },
    action: { details: null, name: e.action },
    activity_id: e.activity_id,
    actor: party(e.actor),
    akey: account.account_id,
    application: e.application,
    old_target: party(e.old_target),
    outcome: { result: e.outcome },
    target: party(e.target),
    ts: isoMicros(e.ts_ms),
  };
}
