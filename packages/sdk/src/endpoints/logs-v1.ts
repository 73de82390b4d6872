import { endpointFamily } from './endpoint-family.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi';
/** v1 logs need "Grant read log" and share the log endpoints' rate limit (each declaration states `pacing`). */
const v1Log = endpointFamily({ api: 'admin', read: 'read_log' });

/**
 * The one parameter of Duo's v1 logs. v1 logs page by time, not by cursor: each answer holds the
 * (about) 1,000 oldest rows at or after `mintime`; ask again with the newest row's timestamp + 1.
 */
const v1Window = {
  mintime: t.integer({ minimum: 0, description: 'Unix seconds: rows at or after this time (default 0: as far back as Duo keeps, at most 180 days)' }),
} as const;

const location = t.object({ city: t.string({ nullable: true }), state: t.string({ nullable: true }), country: t.string({ nullable: true }) });

/** `GET /admin/v1/logs/administrator`: administrator actions, 1,000 rows per answer, paged by `mintime`. Rows carry no id. */
export const logsAdministrator = v1Log.get({
  id: 'logs.administrator',
  summary: 'Administrator log (v1, paged by mintime)',
  path: '/admin/v1/logs/administrator',
  pacing: 'admin_logs',
  params: v1Window,
  response: t.array(
    t.object(
      {
        action: t.string({ description: 'e.g. user_create, user_update, bypass_create, integration_skey_view' }),
        description: t.string({ nullable: true, description: 'JSON text: the fields the action set, with their new values' }),
        isotimestamp: t.string(),
        object: t.string({ nullable: true, description: 'What was acted on: a username, group name, integration name...' }),
        timestamp: t.integer({ description: 'Unix seconds' }),
        username: t.string({ description: 'The administrator, or "API" for Admin API changes' }),
      },
      { required: ['action', 'timestamp', 'username'] },
    ),
  ),
  docs: `${DOCS}#administrator-logs`,
});

/** `GET /admin/v1/logs/authentication` (deprecated: use v2): 1,000 rows per answer, paged by `mintime`. */
export const logsAuthenticationV1 = v1Log.get({
  id: 'logs.authentication_v1',
  summary: 'Authentication log (v1, deprecated)',
  path: '/admin/v1/logs/authentication',
  pacing: 'admin_logs',
  deprecated: true,
  params: v1Window,
  response: t.array(
    t.object(
      {
        timestamp: t.integer(),
        isotimestamp: t.string(),
        username: t.string(),
        factor: t.string(),
        result: t.string(),
        reason: t.string(),
        ip: t.string({ nullable: true }),
        device: t.string({ nullable: true }),
        integration: t.string({ description: "The application's name" }),
        new_enrollment: t.boolean(),
        location,
        txid: t.string(),
      },
      { required: ['timestamp', 'username', 'result'] },
    ),
  ),
  docs: `${DOCS}-v1#authentication-logs`,
});

/** `GET /admin/v1/logs/telephony` (deprecated: use v2): 1,000 rows per answer, paged by `mintime`. Rows carry no id. */
export const logsTelephonyV1 = v1Log.get({
  id: 'logs.telephony_v1',
  summary: 'Telephony log (v1, deprecated)',
  path: '/admin/v1/logs/telephony',
  pacing: 'admin_logs',
  deprecated: true,
  params: v1Window,
  response: t.array(
    t.object(
      {
        context: t.string({ description: 'authentication, enrollment, administrator login...' }),
        credits: t.integer(),
        isotimestamp: t.string(),
        phone: t.string(),
        timestamp: t.integer(),
        type: t.enum(['sms', 'phone']),
      },
      { required: ['timestamp', 'type', 'credits'] },
    ),
  ),
  docs: `${DOCS}#telephony-logs-(legacy-v1)`,
});

/** `GET /admin/v1/logs/offline_enrollment`: Duo Windows Logon / macOS offline access enrollments, paged by `mintime`. Rows carry no id. */
export const logsOfflineEnrollment = v1Log.get({
  id: 'logs.offline_enrollment',
  summary: 'Offline enrollment log (v1, paged by mintime)',
  path: '/admin/v1/logs/offline_enrollment',
  pacing: 'admin_logs',
  params: v1Window,
  response: t.array(
    t.object(
      {
        action: t.enum(['o2fa_user_provisioned', 'o2fa_user_deprovisioned', 'o2fa_user_reenrolled']),
        description: t.string({ nullable: true, description: 'JSON text: user_agent, hostname, factor' }),
        isotimestamp: t.string(),
        object: t.string({ nullable: true, description: "The integration's name" }),
        timestamp: t.integer(),
        username: t.string(),
      },
      { required: ['action', 'timestamp', 'username'] },
    ),
  ),
  docs: `${DOCS}#offline-enrollment-logs`,
});

/** Every v1 (mintime-paged) log endpoint. */
export const logV1Endpoints = [logsAdministrator, logsAuthenticationV1, logsTelephonyV1, logsOfflineEnrollment] as const;
