import { hotp } from './hotp.js';

/**
 * Where three consecutive codes sit in a token's HOTP sequence: the first counter `c` at or after
 * `from` (and fewer than `window` steps ahead) whose codes at c, c+1 and c+2 are code1..code3.
 * Returns the counter the token will show next (c + 3), or undefined when none fits.
 */
export function findResyncCounter(
  secretHex: string,
  from: number,
  codes: readonly [string, string, string],
  digits: number,
  window: number,
): number | undefined {
  for (let c = Math.max(0, from); c < from + window; c++) {
    if (hotp(secretHex, c, digits) !== codes[0]) continue;
    if (hotp(secretHex, c + 1, digits) === codes[1] && hotp(secretHex, c + 2, digits) === codes[2]) return c + 3;
  }
  return undefined;
}

/**
 * Whether three codes are a TOTP token's codes for three consecutive steps within `windowSteps`
 * steps of `nowSeconds` (a token's clock drifts either way).
 */
export function totpCodesFit(
  secretHex: string,
  nowSeconds: number,
  stepSeconds: number,
  codes: readonly [string, string, string],
  digits: number,
  windowSteps: number,
): boolean {
  const now = Math.floor(nowSeconds / stepSeconds);
  for (let s = now - windowSteps; s <= now + windowSteps; s++) {
    if (s < 0) continue;
    if (codes.every((code, i) => hotp(secretHex, s + i, digits) === code)) return true;
  }
  return false;
}
