import { createHmac } from 'node:crypto';
import { canonicalizeRequest } from './canonicalize-request.js';
import { formatDuoDate } from './format-duo-date.js';
import type { SigningRequest } from './signing-request.js';

/** What a signature produces: the canonical string (for debugging 40103s) and the headers to send. */
export interface SignedRequest {
  canonical: string;
  /** Lowercase hex HMAC. */
  signature: string;
  /** `Basic base64(ikey:signature)`. */
  authorization: string;
  /** Authorization, the date header and any x-duo headers, ready to send. */
  headers: Record<string, string>;
}

/** Computes the HMAC over a canonical string with the integration's secret key. */
export function hmacHex(skey: string, canonical: string, digest: 'sha512' | 'sha1' = 'sha512'): string {
  return createHmac(digest, Buffer.from(skey, 'utf8')).update(canonical, 'utf8').digest('hex');
}

/** Signs a request as Duo's official clients do and returns the headers to send with it. */
export function signRequest(req: SigningRequest): SignedRequest {
  const digest = req.digest ?? 'sha512';
  if (digest === 'sha1' && req.sigVersion !== 1 && req.sigVersion !== 2) {
    throw new TypeError(`HMAC-SHA1 is defined only for sigVersion 1 and 2, not ${req.sigVersion}`);
  }
  const date = typeof req.date === 'string' ? req.date : formatDuoDate(req.date);
  const dateHeader = req.dateHeader ?? 'Date';
  const xDuoHeaders: Record<string, string> = { ...req.xDuoHeaders };
  // An X-Duo-Date header is itself an x-duo header, so v5 must hash it along with the others.
  if (dateHeader === 'X-Duo-Date') xDuoHeaders['X-Duo-Date'] = date;
  const canonical = canonicalizeRequest({ ...req, date, xDuoHeaders });
  const signature = hmacHex(req.skey, canonical, digest);
  const authorization = 'Basic ' + Buffer.from(`${req.ikey}:${signature}`, 'utf8').toString('base64');
  const headers: Record<string, string> = { ...xDuoHeaders, Authorization: authorization };
  if (req.sigVersion !== 1 && dateHeader === 'Date') headers['Date'] = date;
  return { canonical, signature, authorization, headers };
}
