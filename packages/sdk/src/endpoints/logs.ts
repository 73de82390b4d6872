import { defineEndpoint } from './define-endpoint.js';
import { trustMonitorEvents } from './logs-trust-monitor.js';
import { logV1Endpoints } from './logs-v1.js';
import { required } from './required.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi#logs';
const strings = (description: string) => ({ ...t.array(t.string(), { description }), encoding: 'repeated' }) as const;

/** Parameters every v2 log takes: a window in epoch ms, a page size and Duo's cursor. */
const logWindow = {
  mintime: required(t.integer({ minimum: 0, description: 'Epoch milliseconds, within the last 180 days' })),
  maxtime: required(t.integer({ minimum: 0, description: 'Epoch milliseconds' })),
  limit: t.integer({ minimum: 1, description: 'Rows per page (default 100, at most 1000)' }),
  sort: t.enum(['ts:desc', 'ts:asc']),
  next_offset: strings('The previous page\'s metadata.next_offset: one comma-joined value, or its parts repeated'),
} as const;

const cursorMetadata = t.object({
  next_offset: t.anyOf(t.array(t.string()), t.string(), t.object({}, { nullable: true })),
  total_objects: t.anyOf(t.integer(), t.object({ value: t.integer(), relation: t.string() })),
});

/** `GET /admin/v2/logs/authentication`: cursor paging, filters as repeated parameters. */
export const logsAuthentication = defineEndpoint({
  id: 'logs.authentication',
  summary: 'Authentication log (v2)',
  method: 'GET',
  path: '/admin/v2/logs/authentication',
  api: 'admin',
  grant: 'read_log',
  pacing: 'admin_logs',
  idempotent: true,
  paging: { style: 'cursor', itemsKey: 'authlogs', defaultLimit: 100, maxLimit: 1000 },
  params: {
    ...logWindow,
    users: strings('User ids'),
    groups: strings('Group ids'),
    applications: strings('Integration keys'),
    event_types: strings('authentication, enrollment'),
    factors: strings('e.g. duo_push, phone_call, passcode'),
    reasons: strings('e.g. user_approved, user_cancelled'),
    results: strings('success, denied, fraud'),
    phone_numbers: strings('Phone numbers'),
    registration_id: t.string(),
    token_id: t.string(),
    webauthnkey: t.string(),
  },
  response: t.object(
    {
      authlogs: t.array(t.object({ txid: t.string(), timestamp: t.integer(), isotimestamp: t.string(), factor: t.string(), result: t.string(), reason: t.string() }, { required: ['txid', 'timestamp'] })),
      metadata: cursorMetadata,
    },
    { required: ['authlogs'] },
  ),
  docs: `${DOCS}-authentication-logs`,
});

/** `GET /admin/v2/logs/telephony`. */
export const logsTelephony = defineEndpoint({
  id: 'logs.telephony',
  summary: 'Telephony log (v2)',
  method: 'GET',
  path: '/admin/v2/logs/telephony',
  api: 'admin',
  grant: 'read_log',
  pacing: 'admin_logs',
  idempotent: true,
  paging: { style: 'cursor', itemsKey: 'items', defaultLimit: 100, maxLimit: 1000 },
  params: logWindow,
  response: t.object(
    {
      items: t.array(
        t.object(
          {
            telephony_id: t.string({ description: 'The entry id (a UUID)' }),
            txid: t.string({ nullable: true, description: 'The authentication the call or text served' }),
            ts: t.string({ description: 'ISO 8601 time' }),
            context: t.string({ description: 'authentication, enrollment, administrator login...' }),
            type: t.enum(['sms', 'phone']),
            phone: t.string(),
            credits: t.integer(),
          },
          { required: ['telephony_id', 'ts'] },
        ),
      ),
      metadata: cursorMetadata,
    },
    { required: ['items'] },
  ),
  docs: `${DOCS}-telephony-logs`,
});

/** `GET /admin/v2/logs/activity`. */
export const logsActivity = defineEndpoint({
  id: 'logs.activity',
  summary: 'Activity log (v2)',
  method: 'GET',
  path: '/admin/v2/logs/activity',
  api: 'admin',
  grant: 'read_log',
  pacing: 'admin_logs',
  idempotent: true,
  paging: { style: 'cursor', itemsKey: 'items', defaultLimit: 100, maxLimit: 1000 },
  params: logWindow,
  response: t.object(
    {
      items: t.array(
        t.object(
          {
            activity_id: t.string({ description: 'The entry id (a UUID)' }),
            ts: t.string({ description: 'ISO 8601 time' }),
            akey: t.string({ description: 'The account' }),
            action: t.object({ name: t.string(), details: t.any() }),
            actor: t.object({ key: t.string({ nullable: true }), name: t.string({ nullable: true }), type: t.string(), details: t.any() }),
            target: t.any('What was acted on: key, name, type and details (JSON text of its new state)'),
            old_target: t.any('The target before the change (updates and deletes), else null'),
            outcome: t.any(),
          },
          { required: ['activity_id', 'ts'] },
        ),
      ),
      metadata: cursorMetadata,
    },
    { required: ['items'] },
  ),
  docs: `${DOCS}-activity-logs`,
});

/** Every log endpoint: v2 (cursor), v1 (mintime) and Trust Monitor. */
export const logEndpoints = [logsAuthentication, logsTelephony, logsActivity, ...logV1Endpoints, trustMonitorEvents] as const;

export * from './logs-v1.js';
export * from './logs-trust-monitor.js';
