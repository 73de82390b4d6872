import { duoTimeMs } from './duo-time-ms.js';
import { firstText, member, text, type LogSearchFields } from './log-search-fields.js';

/**
 * Search fields of a telephony log row (v2 `ts`, v1 `timestamp`): the message kind (`sms`, `phone`)
 * as the factor, what it was for (`context`, e.g. `authentication`) as the reason, and Duo's event
 * type. Telephony rows name no user, application, result or IP.
 */
export function extractTelephony(row: unknown): LogSearchFields {
  return {
    occurredAt: duoTimeMs(member(row, 'ts')) ?? duoTimeMs(member(row, 'isotimestamp')) ?? duoTimeMs(member(row, 'timestamp')),
    username: null,
    application: null,
    factor: text(member(row, 'type')),
    result: null,
    reason: text(member(row, 'context')),
    eventType: firstText(member(row, 'event_type'), member(row, 'type')),
    ip: null,
  };
}
