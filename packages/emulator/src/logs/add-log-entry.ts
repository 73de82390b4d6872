import type { AuthLogEntry, EmulatorState } from '../state/types.js';
import { nextLogUuid } from './log-ids.js';
import type { ActivityLogEntry, AdminLogEntry, OfflineEnrollmentEntry, TelephonyLogEntry, TrustMonitorEventRecord } from './log-records.js';
import { logsOf } from './logs-of.js';
import { addTrustMonitorEvent, type TrustMonitorEventInput } from './trust-monitor.js';

/** The logs a test may write to directly (the inspection API's `POST /__emulator/logs/{kind}`). */
export const SCRIPTABLE_LOGS = ['authentication', 'administrator', 'telephony', 'activity', 'offline_enrollment', 'trust_monitor'] as const;

/** One of `SCRIPTABLE_LOGS`. */
export type ScriptableLog = (typeof SCRIPTABLE_LOGS)[number];

/** A row as stored, for each log. */
export interface ScriptedRow {
  authentication: AuthLogEntry;
  administrator: AdminLogEntry;
  telephony: TelephonyLogEntry;
  activity: ActivityLogEntry;
  offline_enrollment: OfflineEnrollmentEntry;
  trust_monitor: TrustMonitorEventRecord;
}

/**
 * Adds a row to an account's log (default: the parent), with an id and the time `now` unless given,
 * and Duo-like defaults for what the input leaves out; answers the stored row. Throws a TypeError
 * naming what is wrong (unknown log or account).
 */
export function addLogEntry<K extends ScriptableLog>(
  state: EmulatorState,
  kind: K,
  input: Record<string, unknown> & { account_id?: string },
  nowMs: number,
): ScriptedRow[K] {
  const { account_id: accountId, ...fields } = input;
  const account = state.accounts[accountId ?? state.parent_account_id];
  if (!account) throw new TypeError(`no account ${String(accountId)}`);
  const logs = logsOf(account);
  const at = typeof fields['ts_ms'] === 'number' ? fields['ts_ms'] : nowMs;
  switch (kind) {
    case 'trust_monitor':
      return addTrustMonitorEvent(account, fields as TrustMonitorEventInput, nowMs) as ScriptedRow[K];
    case 'authentication': {
      const row: AuthLogEntry = {
        txid: nextLogUuid(account, 'authentication'),
        timestamp_ms: typeof fields['timestamp_ms'] === 'number' ? fields['timestamp_ms'] : nowMs,
        user_id: null,
        username: '',
        factor: 'duo_push',
        result: 'success',
        reason: 'user_approved',
        integration_key: Object.values(account.integrations).find((i) => i.type === 'auth')?.integration_key ?? '',
        ip: null,
        hostname: null,
        device: null,
        ...(fields as Partial<AuthLogEntry>),
      };
      account.auth_log.push(row);
      return row as ScriptedRow[K];
    }
    case 'administrator': {
      const row: AdminLogEntry = { id: nextLogUuid(account, kind), ts_ms: at, username: 'API', action: 'user_update', object: null, description: null, ...(fields as Partial<AdminLogEntry>) };
      logs.administrator.push(row);
      return row as ScriptedRow[K];
    }
    case 'telephony': {
      const row: TelephonyLogEntry = {
        telephony_id: nextLogUuid(account, kind),
        ts_ms: at,
        txid: null,
        context: 'authentication',
        type: 'sms',
        phone: '',
        credits: 1,
        ...(fields as Partial<TelephonyLogEntry>),
      };
      logs.telephony.push(row);
      return row as ScriptedRow[K];
    }
    case 'activity': {
      const row: ActivityLogEntry = {
        activity_id: nextLogUuid(account, kind),
        ts_ms: at,
        action: 'user_update',
        actor: { key: null, name: 'API', type: 'adminapi', details: null },
        target: null,
        old_target: null,
        application: null,
        outcome: 'SUCCESS',
        ...(fields as Partial<ActivityLogEntry>),
      };
      logs.activity.push(row);
      return row as ScriptedRow[K];
    }
    case 'offline_enrollment': {
      const row: OfflineEnrollmentEntry = {
        id: nextLogUuid(account, kind),
        ts_ms: at,
        username: '',
        action: 'o2fa_user_provisioned',
        object: 'Microsoft Windows Logon',
        description: JSON.stringify({ user_agent: 'DuoCredProv/4.2.2.1755 (Windows NT 10.0.19045; x64; Workstation)', hostname: 'WKS-0001', factor: 'duo_otp' }),
        ...(fields as Partial<OfflineEnrollmentEntry>),
      };
      logs.offline_enrollment.push(row);
      return row as ScriptedRow[K];
    }
    default:
      throw new TypeError(`no log ${String(kind)}; one of ${SCRIPTABLE_LOGS.join(', ')}`);
  }
}
