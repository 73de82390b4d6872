import { duoTimeMs } from './duo-time-ms.js';
import { firstText, ipText, member, text, type LogSearchFields } from './log-search-fields.js';

/**
 * Search fields of a v2 authentication log row: the user's name, the application's name (its key
 * when unnamed), factor, result, reason, event type, the access device's IP; the time from
 * `isotimestamp` (ms precision), else `timestamp` (seconds).
 */
export function extractAuthentication(row: unknown): LogSearchFields {
  return {
    occurredAt: duoTimeMs(member(row, 'isotimestamp')) ?? duoTimeMs(member(row, 'timestamp')),
    username: firstText(member(row, 'user', 'name'), member(row, 'username')),
    application: firstText(member(row, 'application', 'name'), member(row, 'application', 'key')),
    factor: text(member(row, 'factor')),
    result: text(member(row, 'result')),
    reason: text(member(row, 'reason')),
    eventType: text(member(row, 'event_type')),
    ip: ipText(member(row, 'access_device', 'ip')),
  };
}
