import { signRequest } from '../signing/sign-request.js';
import { toParamPairs, type DuoParams } from '../signing/params.js';
import { encodeForm } from './encode-form.js';
import { stableJson } from './stable-json.js';

/** Everything one attempt needs to become bytes on the wire. */
export interface BuildRequestInput {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The signed Duo host (lower-case, no port). */
  host: string;
  path: string;
  params: DuoParams | undefined;
  sigVersion: 2 | 5;
  ikey: string;
  skey: string;
  /** A fresh date for every attempt. */
  date: Date;
}

/** A signed request: path with query, body and headers, plus the canonical string that was signed. */
export interface BuiltRequest {
  method: string;
  /** Path plus `?query` when there are query parameters. */
  target: string;
  body: string | undefined;
  headers: Record<string, string>;
  canonical: string;
}

/**
 * Lays parameters out as Duo expects and signs them. v5: GET/DELETE parameters go in the query
 * and the params line; POST/PUT send a sorted compact JSON body (`{}` when empty) that the
 * signature hashes, with an empty params line. v2: POST/PUT send a form body whose parameters
 * are signed in the params line.
 */
export function buildSignedRequest(input: BuildRequestInput): BuiltRequest {
  const hasBody = input.method === 'POST' || input.method === 'PUT';
  const headers: Record<string, string> = {};
  let target = input.path;
  let body: string | undefined;
  let signedParams: DuoParams | undefined;
  let signedBody: string | undefined;

  // A v5 body is JSON (objects allowed); everything else travels as text pairs.
  const pairs = hasBody && input.sigVersion === 5 ? [] : toParamPairs(input.params);
  if (!hasBody) {
    if (pairs.length > 0) target += `?${encodeForm(pairs)}`;
    signedParams = pairs;
    signedBody = '';
  } else if (input.sigVersion === 5) {
    body = stableJson(input.params);
    headers['Content-Type'] = 'application/json';
    signedParams = [];
    signedBody = body;
  } else {
    body = encodeForm(pairs);
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    signedParams = pairs;
  }

  const signed = signRequest({
    method: input.method,
    host: input.host,
    path: input.path,
    params: signedParams,
    ...(input.sigVersion === 5 ? { body: signedBody ?? '' } : {}),
    date: input.date,
    ikey: input.ikey,
    skey: input.skey,
    sigVersion: input.sigVersion,
  });
  return { method: input.method, target, body, headers: { ...headers, ...signed.headers }, canonical: signed.canonical };
}
