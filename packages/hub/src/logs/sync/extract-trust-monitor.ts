import { duoTimeMs } from './duo-time-ms.js';
import { firstText, ipText, member, text, type LogSearchFields } from './log-search-fields.js';

/**
 * Search fields of a Trust Monitor event: when it surfaced, its type as the event type, its triage
 * state as the result, and the surfaced authentication's user, application, factor, reason and IP.
 */
export function extractTrustMonitor(row: unknown): LogSearchFields {
  return {
    occurredAt: duoTimeMs(member(row, 'surfaced_timestamp')) ?? duoTimeMs(member(row, 'surfaced_auth', 'isotimestamp')) ?? duoTimeMs(member(row, 'surfaced_auth', 'timestamp')),
    username: firstText(member(row, 'surfaced_auth', 'user', 'name'), member(row, 'user', 'name')),
    application: firstText(member(row, 'surfaced_auth', 'application', 'name'), member(row, 'surfaced_auth', 'application', 'key')),
    factor: text(member(row, 'surfaced_auth', 'factor')),
    result: firstText(member(row, 'triage_state'), member(row, 'state')),
    reason: text(member(row, 'surfaced_auth', 'reason')),
    eventType: text(member(row, 'type')),
    ip: ipText(member(row, 'surfaced_auth', 'access_device', 'ip')),
  };
}
