import { duoTimeMs } from './duo-time-ms.js';
import { firstText, ipText, member, type LogSearchFields } from './log-search-fields.js';

/**
 * Search fields of a v2 activity log row: the actor's name (the object may arrive as a JSON string),
 * the application's name, the action's name as the event type (`{ name, details }`, or a plain
 * string), the outcome's result and the access device's IP (`{ address }` or a string).
 */
export function extractActivity(row: unknown): LogSearchFields {
  return {
    occurredAt: duoTimeMs(member(row, 'ts')) ?? duoTimeMs(member(row, 'isotimestamp')) ?? duoTimeMs(member(row, 'timestamp')),
    username: firstText(member(row, 'actor', 'name'), member(row, 'actor', 'details', 'name')),
    application: firstText(member(row, 'application', 'name'), member(row, 'application', 'key')),
    factor: null,
    result: firstText(member(row, 'outcome', 'result'), member(row, 'outcome')),
    reason: null,
    eventType: firstText(member(row, 'action', 'name'), member(row, 'action')),
    ip: ipText(member(row, 'access_device', 'ip')),
  };
}
