import type { Account } from '../state/types.js';
import type { AccountLogs } from './log-records.js';

/** Empty logs. */
export function emptyLogs(): AccountLogs {
  return { seq: 0, administrator: [], telephony: [], activity: [], offline_enrollment: [], trust_monitor: [] };
}

/**
 * The account's logs, created on first use (states exported before logs were modelled have none);
 * lists missing from an imported state are added empty.
 */
export function logsOf(account: Account): AccountLogs {
  const logs = (account.logs ??= emptyLogs());
  logs.seq ??= 0;
  logs.administrator ??= [];
  logs.telephony ??= [];
  logs.activity ??= [];
  logs.offline_enrollment ??= [];
  logs.trust_monitor ??= [];
  return logs;
}
