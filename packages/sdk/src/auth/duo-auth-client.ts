import { DuoClient, type RequestOptions } from '../client/duo-client.js';
import type { DuoClientOptions } from '../config/duo-client-options.js';
import { DuoConfigError, DuoInvalidRequestError } from '../errors/error-classes.js';
import { encodeForm } from '../request/encode-form.js';
import { optionalBoolean, optionalInteger, optionalString, requireObject, requireString } from '../resources/check.js';
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
 * authentication, synchronous or by transaction id. Pushes are never sent twice by a retry.
 */
export class DuoAuthClient extends DuoClient {
  constructor(options: DuoClientOptions) {
    super(options);
  }

  /** Duo's time; answered without checking credentials (use it to measure clock skew). */
  async ping(options?: RequestOptions): Promise<DuoTime> {
    return (await this.call<DuoTime>({ ...options, method: 'GET', path: '/auth/v2/ping', idempotent: true, endpointClass: 'auth' })).response;
  }

  /** Duo's time, after verifying these keys and this host. */
  async check(options?: RequestOptions): Promise<DuoTime> {
    return (await this.call<DuoTime>({ ...options, method: 'GET', path: '/auth/v2/check', idempotent: true, endpointClass: 'auth' })).response;
  }

  /** The logo configured for the account (PNG). */
  async logo(options?: RequestOptions): Promise<DuoLogo> {
    const res = await this.call<unknown>({ ...options, method: 'GET', path: '/auth/v2/logo', idempotent: true, endpointClass: 'auth' });
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
    requireObject(params, 'params');
    const body: Record<string, string | number> = {};
    const username = optionalString(params.username, 'username');
    if (username !== undefined) body['username'] = username;
    const validSecs = optionalInteger(params.valid_secs, 'valid_secs', 1);
    if (validSecs !== undefined) body['valid_secs'] = validSecs;
    const codes = optionalInteger(params.bypass_codes, 'bypass_codes', 1, 10);
    if (codes !== undefined) body['bypass_codes'] = codes;
    return (await this.call<DuoEnrollment>({ ...options, method: 'POST', path: '/auth/v2/enroll', params: body, idempotent: false, endpointClass: 'auth' }))
      .response;
  }

  /** Whether an enrollment's activation finished: "success", "waiting" or "invalid". Read-only. */
  async enrollStatus(
    params: { user_id: string; activation_code: string },
    options?: RequestOptions,
  ): Promise<'success' | 'waiting' | 'invalid' | (string & {})> {
    requireObject(params, 'params');
    const body = { user_id: requireString(params.user_id, 'user_id'), activation_code: requireString(params.activation_code, 'activation_code') };
    return (await this.call<string>({ ...options, method: 'POST', path: '/auth/v2/enroll_status', params: body, idempotent: true, endpointClass: 'auth' }))
      .response;
  }

  /** Whether the user may, must or cannot authenticate, and with which devices. Read-only. */
  async preauth(params: DuoPreauthParams, options?: RequestOptions): Promise<DuoPreauthResult> {
    requireObject(params, 'params');
    const body: Record<string, string> = userParams(params);
    copyStrings(params, body, ['ipaddr', 'hostname', 'trusted_device_token']);
    if (optionalBoolean(params.client_supports_verified_push, 'client_supports_verified_push')) body['client_supports_verified_push'] = '1';
    return (await this.call<DuoPreauthResult>({ ...options, method: 'POST', path: '/auth/v2/preauth', params: body, idempotent: true, endpointClass: 'auth' }))
      .response;
  }

  /**
   * Authenticates and waits for the outcome (a push waits for the user, up to Duo's timeout), so
   * it uses the long-poll timeout. Never resent after an ambiguous failure: that could push twice.
   */
  async auth(params: DuoAuthParams, options?: RequestOptions): Promise<DuoAuthResult> {
    const body = { ...authParams(params), async: '0' };
    return (
      await this.call<DuoAuthResult>({ ...options, method: 'POST', path: '/auth/v2/auth', params: body, idempotent: false, endpointClass: 'auth', longPoll: true })
    ).response;
  }

  /** Starts an authentication and returns its transaction id at once; poll with `authStatus`. */
  async authAsync(params: DuoAuthParams, options?: RequestOptions): Promise<{ txid: string }> {
    const body = { ...authParams(params), async: '1' };
    return (await this.call<{ txid: string }>({ ...options, method: 'POST', path: '/auth/v2/auth', params: body, idempotent: false, endpointClass: 'auth' }))
      .response;
  }

  /** The state of an async authentication; Duo holds the request until it changes (long-poll). */
  async authStatus(txid: string, options?: RequestOptions): Promise<DuoAuthStatus> {
    requireString(txid, 'txid');
    return (
      await this.call<DuoAuthStatus>({
        ...options,
        method: 'GET',
        path: '/auth/v2/auth_status',
        params: { txid },
        idempotent: true,
        endpointClass: 'auth',
        longPoll: true,
      })
    ).response;
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

function authParams(params: DuoAuthParams): Record<string, string> {
  requireObject(params, 'params');
  const body = userParams(params);
  copyStrings(params, body, ['ipaddr', 'hostname', 'txid']);
  const factor = (params as { factor?: unknown }).factor;
  switch (factor) {
    case 'auto':
    case 'push': {
      const p = params as Extract<DuoAuthParams, { factor: 'auto' | 'push' }>;
      body['factor'] = factor;
      body['device'] = optionalString(p.device, 'device') ?? 'auto';
      copyStrings(p, body, ['type', 'display_username']);
      if (p.pushinfo !== undefined) {
        if (typeof p.pushinfo === 'string') body['pushinfo'] = p.pushinfo;
        else if (typeof p.pushinfo === 'object' && p.pushinfo !== null) {
          body['pushinfo'] = encodeForm(Object.entries(p.pushinfo).map(([k, v]) => [k, String(v)] as [string, string]));
        } else throw new DuoConfigError('pushinfo', 'pushinfo must be an object of strings or a URL-encoded string');
      }
      return body;
    }
    case 'passcode': {
      // The passcode may be a bypass code: it is checked, never echoed.
      body['factor'] = 'passcode';
      body['passcode'] = requireString((params as { passcode?: unknown }).passcode, 'passcode');
      return body;
    }
    case 'phone':
    case 'sms': {
      body['factor'] = factor;
      body['device'] = optionalString((params as { device?: unknown }).device, 'device') ?? 'auto';
      return body;
    }
    default:
      throw new DuoConfigError('factor', 'factor must be one of auto, push, passcode, phone, sms');
  }
}
