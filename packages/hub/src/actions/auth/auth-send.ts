import { authAuth, isDuoId } from '@duohub/sdk';
import { z } from 'zod';
import { oneUserRef, oneUserRefIssue, userRefInput } from '../bypass-codes/resolve-user-ref.js';
import { defineAction } from '../define-action.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Longer than Duo's own push timeout, so Duo's answer (timeout or deny) arrives first. */
const SYNC_AUTH_TIMEOUT_MS = 90_000;

// Derived from Duo's auth declaration, narrowed where a person types (lengths, an IP address);
// `txid` (a Verified Push follow-up after preauth) is left out: the catalog has no preauth step.
const input = z
  .strictObject({
    ...zodFromEndpointParams(authAuth, { omit: ['txid'] }),
    ...userRefInput,
    factor: z.enum(['auto', 'push', 'passcode', 'phone', 'sms']).describe('How the user proves it is them'),
    device: z.string().min(1).max(64).optional().describe('Device id or auto (push, phone, sms)'),
    passcode: z.string().regex(/^[0-9A-Za-z]{4,32}$/, 'must be 4-32 letters or digits').optional().describe('For factor passcode'),
    type: z.string().max(64).optional().describe('Push title word, e.g. Login or Transaction'),
    display_username: z.string().max(256).optional().describe('Name shown in the push'),
    pushinfo: z.record(z.string().min(1).max(64), z.string().max(512)).optional().describe('Key/value lines shown in the push'),
    ipaddr: z.union([z.ipv4(), z.ipv6()]).optional(),
    hostname: z.string().max(255).optional(),
    async: z.boolean().default(false).describe('Return a txid at once instead of waiting for the user'),
  })
  .refine(oneUserRef, oneUserRefIssue)
  .refine((v) => v.factor !== 'passcode' || v.passcode !== undefined, { message: 'required for factor passcode', path: ['passcode'] })
  .refine((v) => v.factor === 'passcode' || v.passcode === undefined, { message: 'only for factor passcode', path: ['passcode'] })
  .refine((v) => v.factor === 'push' || (v.pushinfo === undefined && v.type === undefined && v.display_username === undefined), {
    message: 'only for factor push',
    path: ['pushinfo'],
  });

/** Sends a Duo authentication (push, passcode, phone call or SMS). */
export const authSend = defineAction({
  id: 'auth.send',
  title: 'Send Duo authentication',
  description:
    'Authenticates a user (by id, username, alias or email) with a push (with display info), passcode, phone call or SMS. Synchronous by default (waits for the user, up to about a minute); `async` returns a txid for auth.status. Never retried.',
  api: 'auth',
  resource: 'auth',
  endpoints: ['auth.auth'],
  idempotent: false,
  input,
  output: z.union([
    z.looseObject({ txid: z.string() }),
    z.looseObject({ result: z.string(), status: z.string().optional(), status_msg: z.string().optional() }),
  ]),
  run: async (ctx, { async: isAsync, pushinfo, factor, device, email, user, ...rest }) => {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(rest)) if (value !== undefined) params[key] = String(value);
    // The Auth API itself takes a user id or a username (or alias); an email needs the Admin API.
    if (user !== undefined) params[isDuoId(user, 'DU') ? 'user_id' : 'username'] = user;
    if (email !== undefined) params['user_id'] = (await ctx.admin().users.resolve({ email }, { field: 'email' })).user_id;
    params['factor'] = factor;
    if (factor !== 'passcode') params['device'] = device ?? 'auto';
    if (pushinfo) params['pushinfo'] = new URLSearchParams(pushinfo).toString();
    params['async'] = isAsync ? '1' : '0';
    // A synchronous auth waits for the user (Duo times out after about a minute).
    const options = isAsync ? {} : { timeoutMs: SYNC_AUTH_TIMEOUT_MS };
    return (await ctx.auth().request('POST', '/auth/v2/auth', params, options)).response as never;
  },
});
