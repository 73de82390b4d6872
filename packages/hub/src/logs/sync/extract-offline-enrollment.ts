import { duoTimeMs } from './duo-time-ms.js';
import { firstText, member, text, type LogSearchFields } from './log-search-fields.js';

/**
 * Search fields of an offline enrollment log row (v1): the user, the action as the event type, the
 * application the enrollment is for (`object`), and the factor from the JSON `description`.
 */
export function extractOfflineEnrollment(row: unknown): LogSearchFields {
  return {
    occurredAt: duoTimeMs(member(row, 'isotimestamp')) ?? duoTimeMs(member(row, 'timestamp')),
    username: firstText(member(row, 'username'), member(row, 'user', 'name')),
    application: text(member(row, 'object')),
    factor: firstText(member(row, 'description', 'factor')),
    result: null,
    reason: null,
    eventType: text(member(row, 'action')),
    ip: null,
  };
}
