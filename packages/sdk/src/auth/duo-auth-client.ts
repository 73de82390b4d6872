import { DuoClient, type RequestOptions } from '../client/duo-client.js';
import type { DuoClientOptions } from '../config/duo-client-options.js';
import { authAuth, authAuthStatus, authCheck, authEnroll, authEnrollStatus, authLogo, authPing, authPreauth } from '../endpoints/auth.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import { DuoConfigError, DuoInvalidRequestError } from '../errors/error-classes.js';
import { encodeForm } from '../request/encode-form.js';
import { optionalString, requireObject, requireString } from '../resources/check.js';
import type {
  DuoAuthParams,
  DuoAuthResult,
  DuoAuthStatus,
  DuoEnrollment,
  DuoLogo,
  DuoPreauthParams,
  DuoPreauthResult,
  DuoTime,
} from './types.js';

/**
 * A client of Duo's Auth API (Auth API keys): health checks, enrollment, preauth, and
 * authentication, synchronous or by transaction id (declared in `endpoints/auth.ts`). Pushes are
 * never sent twice by a retry.
 */
export class DuoAuthClient extends DuoClient {
  constructor(options: DuoClientOptions) {
    super(options);
  }

  /** Duo's time; answered without checking credentials (use it to measure clock skew). */
  async ping(options?: RequestOptions): Promise<DuoTime> {
    return (await callEndpoint(this, authPing, {}, options)).response;
  }

  /** Duo's time, after verifying these keys and this host. */
  async check(options?: RequestOptions): Promise<DuoTime> {
    return (await callEndpoint(this, authCheck, {}, options)).response;
  }

  /** The logo configured for the account (PNG). */
  async logo(options?: RequestOptions): Promise<DuoLogo> {
    const res = await callEndpoint(this, authLogo, {}, options);
    if (!Buffer.isBuffer(res.response)) {
      throw new DuoInvalidRequestError('logo answered JSON instead of an image', {
        status: res.status,
        request: { method: 'GET', host: this.host, path: '/auth/v2/logo' },
      });
    }
    return { contentType: res.contentType ?? 'application/octet-stream', data: res.response };
  }

  /** Creates a user (random name when none) with an activation code. Not idempotent. */
  async enroll(params: { username?: string; valid_secs?: number; bypass_codes?: number } = {}, options?: RequestOptions): Promise<DuoEnrollment> {
    return (await callEndpoint(this, authEnroll, requireObject(params, 'params'), options)).response as never;
  }

  /** Whether an enrollment's activation finished: "success", "waiting" or "invalid". Read-only. */
  async enrollStatus(
    params: { user_id: string; activation_code: string },
    options?: RequestOptions,
  ): Promise<'success' | 'waiting' | 'invalid' | (string & {})> {
    return (await callEndpoint(this, authEnrollStatus, requireObject(params, 'params'), options)).response;
  }

  /** Whether the user may, must or cannot authenticate, and with which devices. Read-only. */
  async preauth(params: DuoPreauthParams, options?: RequestOptions): Promise<DuoPreauthResult> {
    requireObject(params, 'params');
    userParams(params);
    // Only a true flag is sent, as Duo's clients do.
    const { client_supports_verified_push: verified, ...rest } = params;
    const body = verified === false ? rest : params;
    return (await callEndpoint(this, authPreauth, body, options)).response as never;
  }

  /**
   * Authenticates and waits for the outcome (a push waits for the user, up to Duo's timeout), so
   * it uses the long-poll timeout. Never resent after an ambiguous failure: that could push twice.
   */
  async auth(params: DuoAuthParams, options?: RequestOptions): Promise<DuoAuthResult> {
    return (await callEndpoint(this, authAuth, { ...authParams(params), async: false }, options)).response as never;
  }

  /** Starts an authentication and returns its transaction id at once; poll with `authStatus`. */
  async authAsync(params: DuoAuthParams, options?: RequestOptions): Promise<{ txid: string }> {
    // Answered at once: the normal timeout, not the long-poll one.
    return (await callEndpoint(this, authAuth, { ...authParams(params), async: true }, { longPoll: false, ...options })).response as never;
  }

  /** The state of an async authentication; Duo holds the request until it changes (long-poll). */
  async authStatus(txid: string, options?: RequestOptions): Promise<DuoAuthStatus> {
    return (await callEndpoint(this, authAuthStatus, { txid: requireString(txid, 'txid') }, options)).response as never;
  }
}

function userParams(params: { user_id?: string; username?: string }): Record<string, string> {
  const hasId = params.user_id !== undefined;
  const hasName = params.username !== undefined;
  if (hasId === hasName) throw new DuoConfigError('user_id', 'give exactly one of user_id or username');
  return hasId ? { user_id: requireString(params.user_id, 'user_id') } : { username: requireString(params.username, 'username') };
}

function copyStrings(source: object, target: Record<string, string>, keys: readonly string[]): void {
  for (const key of keys) {
    const value = optionalString((source as Record<string, unknown>)[key], key);
    if (value !== undefined) target[key] = value;
  }
}

// The factor decides which fields apply: behaviour, not shape, so it stays here beside the declaration.
function authParams(params: DuoAuthParams): Record<string, string> & { factor: 'auto' | 'push' | 'passcode' | 'phone' | 'sms' } {
  requireObject(params, 'params');
  const body = userParams(params);
  copyStrings(params, body, ['ipaddr', 'hostname', 'txid']);
  const factor = (params as { factor?: unknown }).factor;
  switch (factor) {
    case 'auto':
    case 'push': {
      const p = params as Extract<DuoAuthParams, { factor: 'auto' | 'push' }>;
      body['device'] = optionalString(p.device, 'device') ?? 'auto';
      copyStrings(p, body, ['type', 'display_username']);
      if (p.pushinfo !== undefined) {
        if (typeof p.pushinfo === 'string') body['pushinfo'] = p.pushinfo;
        else if (typeof p.pushinfo === 'object' && p.pushinfo !== null) {
          body['pushinfo'] = encodeForm(Object.entries(p.pushinfo).map(([k, v]) => [k, String(v)] as [string, string]));
        } else throw new DuoConfigError('pushinfo', 'pushinfo must be an object of strings or a URL-encoded string');
      }
      return { ...body, factor };
    }
    case 'passcode': {
      // The passcode may be a bypass code: it is checked, never echoed.
      body['passcode'] = requireString((params as { passcode?: unknown }).passcode, 'passcode');
      return { ...body, factor };
    }
    case 'phone':
    case 'sms': {
      body['device'] = optionalString((params as { device?: unknown }).device, 'device') ?? 'auto';
      return { ...body, factor };
    }
    default:
      throw new DuoConfigError('factor', 'factor must be one of auto, push, passcode, phone, sms');
  }
}
