import { defineEndpoint } from './define-endpoint.js';
import { required } from './required.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/authapi';
const time = t.object({ time: t.integer({ description: "Duo's clock, Unix seconds" }) }, { required: ['time'] });
const authAnswer = t.object(
  {
    result: t.string({ description: 'allow, deny (waiting for auth_status)' }),
    status: t.string(),
    status_msg: t.string(),
    trusted_device_token: t.string(),
  },
  { required: ['result', 'status', 'status_msg'] },
);
const context = {
  ipaddr: t.string({ description: "The user's IP address" }),
  hostname: t.string(),
} as const;
const who = {
  user_id: t.string({ minLength: 1, description: 'Give user_id or username' }),
  username: t.string({ minLength: 1, description: 'Give user_id or username' }),
} as const;

/** `GET /auth/v2/ping`: answered without credentials; Duo's time measures clock skew. */
export const authPing = defineEndpoint({
  id: 'auth.ping',
  summary: "Duo's liveness and time (unsigned)",
  method: 'GET',
  path: '/auth/v2/ping',
  api: 'auth',
  pacing: 'auth',
  idempotent: true,
  signed: false,
  params: {},
  response: time,
  docs: `${DOCS}#ping`,
});

/** `GET /auth/v2/check`: proves keys, signature and host. */
export const authCheck = defineEndpoint({
  id: 'auth.check',
  summary: 'Verify Auth API keys and signature',
  method: 'GET',
  path: '/auth/v2/check',
  api: 'auth',
  pacing: 'auth',
  idempotent: true,
  params: {},
  response: time,
  docs: `${DOCS}#check`,
});

/** `GET /auth/v2/logo`: PNG bytes, or a JSON error when the account has none. */
export const authLogo = defineEndpoint({
  id: 'auth.logo',
  summary: "The account's logo (PNG)",
  method: 'GET',
  path: '/auth/v2/logo',
  api: 'auth',
  pacing: 'auth',
  idempotent: true,
  params: {},
  produces: 'image/png',
  response: t.any('PNG bytes'),
  docs: `${DOCS}#logo`,
});

/** `POST /auth/v2/enroll`: creates a user with an activation code; never resent. */
export const authEnroll = defineEndpoint({
  id: 'auth.enroll',
  summary: 'Enroll a new user (activation code)',
  method: 'POST',
  path: '/auth/v2/enroll',
  api: 'auth',
  pacing: 'auth',
  idempotent: false,
  params: {
    username: t.string({ description: 'Random when absent' }),
    valid_secs: t.integer({ minimum: 1, description: 'Default 86400' }),
    bypass_codes: t.integer({ minimum: 0, maximum: 10, description: 'Also issue this many bypass codes' }),
  },
  response: t.object(
    {
      activation_barcode: t.string(),
      activation_code: t.string(),
      activation_url: t.string(),
      expiration: t.integer(),
      user_id: t.string(),
      username: t.string(),
      bypass_codes: t.array(t.string()),
    },
    { required: ['activation_barcode', 'activation_code', 'expiration', 'user_id', 'username'] },
  ),
  docs: `${DOCS}#enroll`,
});

/** `POST /auth/v2/enroll_status`: a bare string; a read. */
export const authEnrollStatus = defineEndpoint({
  id: 'auth.enroll_status',
  summary: 'Whether an enrollment finished',
  method: 'POST',
  path: '/auth/v2/enroll_status',
  api: 'auth',
  pacing: 'auth',
  idempotent: true,
  params: { user_id: required(t.string({ minLength: 1 })), activation_code: required(t.string({ minLength: 1 })) },
  response: t.enum(['success', 'waiting', 'invalid']),
  docs: `${DOCS}#enroll_status`,
});

/** `POST /auth/v2/preauth`: a read (user_id or username, exactly one). */
export const authPreauth = defineEndpoint({
  id: 'auth.preauth',
  summary: 'Whether and how a user may authenticate',
  method: 'POST',
  path: '/auth/v2/preauth',
  api: 'auth',
  pacing: 'auth',
  idempotent: true,
  params: {
    ...who,
    ...context,
    trusted_device_token: t.string(),
    client_supports_verified_push: { ...t.boolean(), encoding: 'digit' },
  },
  response: t.object(
    {
      result: t.string({ description: 'auth, allow, deny or enroll' }),
      status_msg: t.string(),
      devices: t.array(
        t.object(
          { device: t.string(), type: t.string(), number: t.string(), name: t.string(), display_name: t.string(), capabilities: t.array(t.string()), sms_nextcode: t.string() },
          { required: ['device'] },
        ),
      ),
      enroll_portal_url: t.string(),
      txid: t.string(),
    },
    { required: ['result', 'status_msg'] },
  ),
  docs: `${DOCS}#preauth`,
});

/**
 * `POST /auth/v2/auth`: one authentication attempt; synchronous calls wait for the user, so they
 * use the long-poll timeout. Never resent: that could push twice.
 */
export const authAuth = defineEndpoint({
  id: 'auth.auth',
  summary: 'Authenticate a user (push, passcode, phone, SMS)',
  method: 'POST',
  path: '/auth/v2/auth',
  api: 'auth',
  pacing: 'auth',
  idempotent: false,
  longPoll: true,
  params: {
    ...who,
    ...context,
    factor: required(t.enum(['auto', 'push', 'passcode', 'phone', 'sms'])),
    device: t.string({ description: 'Device id or auto (auto, push, phone, sms)' }),
    passcode: t.string({ description: 'factor passcode' }),
    type: t.string({ description: 'Push title word' }),
    display_username: t.string(),
    pushinfo: t.string({ description: 'URL-encoded key=value pairs shown with a push' }),
    async: { ...t.boolean({ description: 'Answer a txid at once' }), encoding: 'digit' },
    txid: t.string({ description: 'Verified Push follow-up from preauth' }),
  },
  response: t.anyOf(t.object({ txid: t.string() }, { required: ['txid'] }), authAnswer),
  docs: `${DOCS}#auth`,
});

/** `GET /auth/v2/auth_status`: Duo holds it until the transaction changes (long-poll). */
export const authAuthStatus = defineEndpoint({
  id: 'auth.auth_status',
  summary: 'The state of an asynchronous authentication',
  method: 'GET',
  path: '/auth/v2/auth_status',
  api: 'auth',
  pacing: 'auth',
  idempotent: true,
  longPoll: true,
  params: { txid: required(t.string({ minLength: 1 })) },
  response: t.object(
    { ...authAnswer.properties, auth_delayed: t.boolean({ description: 'Whether the attempt is delayed (not documented by Duo; its examples show false while waiting)' }) },
    { required: ['result', 'status', 'status_msg'] },
  ),
  docs: `${DOCS}#auth_status`,
});

/** Every Auth API endpoint. */
export const authEndpoints = [authPing, authCheck, authLogo, authEnroll, authEnrollStatus, authPreauth, authAuth, authAuthStatus] as const;
