import { defineEndpoint } from './define-endpoint.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi#account-info';
/** The `mintime`/`maxtime` window in Unix seconds (default: the last 30 days; at most 180 days). */
const window = {
  mintime: t.integer({ minimum: 0, description: 'Unix seconds (default maxtime - 30 days)' }),
  maxtime: t.integer({ minimum: 0, description: 'Unix seconds (default now)' }),
} as const;
const counts = t.object(
  { ERROR: t.integer(), FAILURE: t.integer(), FRAUD: t.integer(), SUCCESS: t.integer() },
  { additionalProperties: t.integer() },
);

/** `GET /admin/v1/info/summary`. */
export const infoSummary = defineEndpoint({
  id: 'info.summary',
  summary: 'Counts of admins, integrations, users and telephony credits left',
  method: 'GET',
  path: '/admin/v1/info/summary',
  api: 'admin',
  grant: 'info',
  pacing: 'admin_get_one',
  idempotent: true,
  params: {},
  response: t.object(
    { admin_count: t.integer(), integration_count: t.integer(), telephony_credits_remaining: t.integer(), user_count: t.integer(), user_pending_deletion_count: t.integer() },
    { required: ['admin_count', 'integration_count', 'telephony_credits_remaining', 'user_count'] },
  ),
  docs: `${DOCS}-retrieve-summary`,
});

/** `GET /admin/v1/info/authentication_attempts`. */
export const infoAuthenticationAttempts = defineEndpoint({
  id: 'info.authentication_attempts',
  summary: 'Authentication attempts by result in a window',
  method: 'GET',
  path: '/admin/v1/info/authentication_attempts',
  api: 'admin',
  grant: 'info',
  pacing: 'admin_get_one',
  idempotent: true,
  params: window,
  response: t.object({ authentication_attempts: counts, mintime: t.integer(), maxtime: t.integer() }, { required: ['authentication_attempts'] }),
  docs: `${DOCS}-authentication-attempts-report`,
});

/** `GET /admin/v1/info/user_authentication_attempts`. */
export const infoUserAuthenticationAttempts = defineEndpoint({
  id: 'info.user_authentication_attempts',
  summary: 'Users with authentication attempts, by result, in a window',
  method: 'GET',
  path: '/admin/v1/info/user_authentication_attempts',
  api: 'admin',
  grant: 'info',
  pacing: 'admin_get_one',
  idempotent: true,
  params: window,
  response: t.object({ user_authentication_attempts: counts, mintime: t.integer(), maxtime: t.integer() }, { required: ['user_authentication_attempts'] }),
  docs: `${DOCS}-users-with-authentication-attempts-report`,
});

/** `GET /admin/v1/info/telephony_credits_used`. */
export const infoTelephonyCreditsUsed = defineEndpoint({
  id: 'info.telephony_credits_used',
  summary: 'Telephony credits used in a window',
  method: 'GET',
  path: '/admin/v1/info/telephony_credits_used',
  api: 'admin',
  grant: 'info',
  pacing: 'admin_get_one',
  idempotent: true,
  params: window,
  response: t.object({ telephony_credits_used: t.integer(), mintime: t.integer(), maxtime: t.integer() }, { required: ['telephony_credits_used'] }),
  docs: `${DOCS}-telephony-credits-used-report`,
});

/** Every account-info endpoint. */
export const infoEndpoints = [infoSummary, infoAuthenticationAttempts, infoUserAuthenticationAttempts, infoTelephonyCreditsUsed] as const;
