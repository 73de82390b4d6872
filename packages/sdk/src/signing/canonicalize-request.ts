import { canonicalizeParams } from './canonicalize-params.js';
import { canonicalizeXDuoHeaders } from './canonicalize-x-duo-headers.js';
import { formatDuoDate } from './format-duo-date.js';
import { sha512Hex } from './sha512-hex.js';
import type { SigningRequest } from './signing-request.js';

/** The fields of a request the canonical string depends on. */
export type CanonicalInput = Pick<
  SigningRequest,
  'method' | 'host' | 'path' | 'params' | 'body' | 'xDuoHeaders' | 'date' | 'sigVersion'
>;

/**
 * Duo's canonical string for a request, lines joined by `\n`:
 * v1 `METHOD host path params`; v2 adds the date first; v4 adds sha512(body);
 * v5 adds sha512(body) and sha512(x-duo headers). Method is upper-cased, host lower-cased.
 */
export function canonicalizeRequest(req: CanonicalInput): string {
  const method = req.method.toUpperCase();
  const host = req.host.toLowerCase();
  const params = canonicalizeParams(req.params);
  const date = typeof req.date === 'string' ? req.date : formatDuoDate(req.date);
  switch (req.sigVersion) {
    case 1:
      return [method, host, req.path, params].join('\n');
    case 2:
      return [date, method, host, req.path, params].join('\n');
    case 4:
      return [date, method, host, req.path, params, sha512Hex(req.body ?? '')].join('\n');
    case 5:
      return [
        date,
        method,
        host,
        req.path,
        params,
        sha512Hex(req.body ?? ''),
        canonicalizeXDuoHeaders(req.xDuoHeaders),
      ].join('\n');
    default:
      throw new TypeError(`sigVersion ${String(req.sigVersion)} is not supported (use 1, 2, 4 or 5)`);
  }
}
