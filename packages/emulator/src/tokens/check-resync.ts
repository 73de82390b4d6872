import type { HardwareToken } from '../state/types.js';
import { findResyncCounter, totpCodesFit } from './find-resync-counter.js';
import type { ResolvedHardwareTokenOptions } from './hardware-token-options.js';

/** What a resync decides: accepted (with the HOTP counter to store, when one was found) or refused. */
export type ResyncVerdict = { ok: true; counter?: number } | { ok: false; detail: string };

// A TOTP token may drift this many steps either way and still be recognized.
const TOTP_WINDOW_STEPS = 10;

/**
 * Checks three codes against a token: HOTP tokens with a known secret by scanning their sequence,
 * TOTP tokens per `totpResync`, tokens without a known secret per `resyncWithoutSecret`.
 */
export function checkResync(
  token: HardwareToken,
  codes: readonly [string, string, string],
  nowSeconds: number,
  options: ResolvedHardwareTokenOptions,
): ResyncVerdict {
  // YubiKey OTPs carry their own counter; there is nothing to resynchronize.
  if (token.type === 'yk') return { ok: false, detail: 'token_id: YubiKey tokens cannot be resynchronized' };
  const digits = token.type === 'h8' || token.type === 't8' ? 8 : 6;
  // A code of the wrong length can never be the token's; name the first such code.
  const malformed = codes.findIndex((code) => code.length !== digits || !/^\d+$/.test(code));
  if (malformed >= 0) return { ok: false, detail: `code${malformed + 1}` };
  if (token.type === 't6' || token.type === 't8') {
    if (options.totpResync === 'reject') return { ok: false, detail: 'token_id: TOTP tokens cannot be resynchronized' };
    if (token.secret === undefined) return withoutSecret(options);
    const fits = totpCodesFit(token.secret, nowSeconds, token.totp_step ?? 30, codes, digits, TOTP_WINDOW_STEPS);
    return fits ? { ok: true } : { ok: false, detail: 'code1' };
  }
  if (token.secret === undefined) return withoutSecret(options);
  const counter = findResyncCounter(token.secret, token.counter ?? 0, codes, digits, options.resyncWindow);
  return counter === undefined ? { ok: false, detail: 'code1' } : { ok: true, counter };
}

function withoutSecret(options: ResolvedHardwareTokenOptions): ResyncVerdict {
  return options.resyncWithoutSecret === 'accept' ? { ok: true } : { ok: false, detail: 'token_id: the token cannot be resynchronized' };
}
