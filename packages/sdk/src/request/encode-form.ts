import { percentEncode } from '../signing/percent-encode.js';

/**
 * `k=v&k=v` for a query string or a form body, in the caller's order (a cursor's repeated
 * values keep their meaning), encoded as Duo canonicalizes: the server re-canonicalizes decoded
 * values, so the wire form only has to decode to the same strings.
 */
export function encodeForm(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
}
