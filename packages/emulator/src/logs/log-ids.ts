import type { Account } from '../state/types.js';
import { logsOf } from './logs-of.js';

/** A 32-bit string hash (FNV-1a), the root of every derived log id. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes numbers into one well-spread 32-bit value (murmur3's finalizer over a running combine). */
export function mix(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h ^= v >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A UUID-shaped id (as Duo's txid, telephony_id and activity_id look) derived from `seed` parts. */
export function derivedUuid(...seed: number[]): string {
  let out = '';
  for (let block = 0; block < 4; block++) {
    const h = mix(...seed, block);
    for (let k = 0; k < 8; k++) out += HEX[(h >>> (k * 4)) & 15];
  }
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-4${out.slice(13, 16)}-a${out.slice(17, 20)}-${out.slice(20)}`;
}

/** A Duo object id (`prefix` + 18 uppercase alphanumerics, e.g. a Trust Monitor `sekey`) derived from `seed` parts. */
export function derivedDuoId(prefix: string, ...seed: number[]): string {
  let out = prefix;
  for (let k = 0; out.length < 20; k++) out += ALNUM[mix(...seed, k) % ALNUM.length];
  return out;
}

/**
 * The next id of a row the emulator records in `account`: a UUID whose first group is a per-account
 * sequence (so rows recorded in the same millisecond keep their order under Duo's (time, id) cursor)
 * and whose rest derives from the account and that sequence. Never drawn from the handlers' RNG, so
 * recording logs leaves the ids handlers draw unchanged.
 */
export function nextLogUuid(account: Account, kind: string): string {
  const logs = logsOf(account);
  logs.seq += 1;
  const rest = derivedUuid(hashString(account.account_id), hashString(kind), logs.seq);
  return `${(logs.seq >>> 0).toString(16).padStart(8, '0')}${rest.slice(8)}`;
}

/** The next `sekey`-style id recorded in `account`. */
export function nextLogDuoId(account: Account, prefix: string): string {
  const logs = logsOf(account);
  logs.seq += 1;
  return derivedDuoId(prefix, hashString(account.account_id), logs.seq);
}
