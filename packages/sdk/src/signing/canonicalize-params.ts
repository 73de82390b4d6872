import { percentEncode } from './percent-encode.js';
import { toParamPairs, type DuoParams } from './params.js';

/**
 * The parameter line of Duo's canonical string: each key and value percent-encoded, pairs sorted
 * by encoded key and then encoded value (Duo's Python reference), joined with `&`.
 * No parameters give the empty string; the line itself is still part of the canonical request.
 */
export function canonicalizeParams(params: DuoParams | undefined): string {
  const encoded = toParamPairs(params).map(([k, v]) => [percentEncode(k), percentEncode(v)] as const);
  encoded.sort((a, b) => compareCodeUnits(a[0], b[0]) || compareCodeUnits(a[1], b[1]));
  return encoded.map(([k, v]) => `${k}=${v}`).join('&');
}

// Encoded strings are pure ASCII, so code-unit order equals Python's byte order.
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
