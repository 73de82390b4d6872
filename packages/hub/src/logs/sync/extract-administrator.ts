import { duoTimeMs } from './duo-time-ms.js';
import { firstText, member, text, type LogSearchFields } from './log-search-fields.js';

/**
 * Search fields of an administrator log row (v1): the administrator's username, the action as the
 * event type, and the IP of a login (`description` is a JSON string holding `ip_address` then).
 */
export function extractAdministrator(row: unknown): LogSearchFields {
  return {
    occurredAt: duoTimeMs(member(row, 'isotimestamp')) ?? duoTimeMs(member(row, 'timestamp')),
    username: text(member(row, 'username')),
    application: null,
    factor: firstText(member(row, 'description', 'factor')),
    result: null,
    reason: null,
    eventType: text(member(row, 'action')),
    ip: firstText(member(row, 'description', 'ip_address')),
  };
}
