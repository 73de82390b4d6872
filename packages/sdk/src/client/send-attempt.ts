import { buildSignedRequest } from '../request/build-signed-request.js';
import { parseDuoResponse } from '../request/parse-duo-response.js';
import type { Transport } from '../transport/transport.js';
import type { CallHandler } from './duo-call.js';

/** What signing and sending need besides the call itself. */
export interface SenderConfig {
  ikey: string;
  skey: string;
  sigVersion: 2 | 5;
  /** Where to connect; undefined means `https://<host>`. Ignored in fetch mode. */
  baseUrl: string | undefined;
  /** In fetch mode the URL names the Duo host and no Host header is set. */
  fetchMode: boolean;
  userAgent: string;
  now: () => number;
}

/**
 * The innermost handler: signs the call with a fresh Date, sends it, and parses Duo's answer.
 * Each retry comes through here again, so every attempt carries a new date and a rebuilt body.
 */
export function sendAttempt(config: SenderConfig, transport: Transport): CallHandler {
  return async (call) => {
    const signedAtMs = config.now();
    const built = buildSignedRequest({
      method: call.method,
      host: call.host,
      path: call.path,
      params: call.params,
      sigVersion: call.sigVersion ?? config.sigVersion,
      ikey: config.ikey,
      skey: config.skey,
      date: new Date(signedAtMs),
    });
    const authorization = built.headers['Authorization'];
    const secrets = [config.skey, authorization, authorization?.slice('Basic '.length)];
    const headers: Record<string, string> = { ...built.headers, Accept: 'application/json', 'User-Agent': config.userAgent };
    if (!config.fetchMode) headers['Host'] = call.host;
    const origin = config.fetchMode || config.baseUrl === undefined ? `https://${call.host}` : config.baseUrl;
    const describe = { method: call.method, host: call.host, path: call.path };
    const res = await transport.send({
      method: call.method,
      url: origin + built.target,
      headers,
      body: built.body,
      timeoutMs: call.timeoutMs,
      signal: call.signal,
      describe,
      secrets,
      onResponse: call.onResponse,
    });
    return parseDuoResponse(res, {
      request: describe,
      signedAtMs,
      secrets,
      addressOverride: !config.fetchMode && config.baseUrl !== undefined,
    });
  };
}
