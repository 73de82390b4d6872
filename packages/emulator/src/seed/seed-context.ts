import { newApiHostname, type newId } from '../state/ids.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM_CODES = Array.from(ALNUM, (c) => c.charCodeAt(0));
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const DIGIT_CODES = Array.from('0123456789', (c) => c.charCodeAt(0));
const scratch: number[] = [];

/**
 * `length` characters of `alphabet` in one string allocation. Same output as ids.ts's generators
 * for the same draws, but without building each id a character at a time: at fleet scale
 * (millions of ids) those intermediate strings dominated the seed's time in garbage collection.
 */
function draw(codes: readonly number[], length: number, random: () => number, prefix = ''): string {
  scratch.length = 0;
  for (let i = 0; i < prefix.length; i++) scratch.push(prefix.charCodeAt(i));
  for (let i = 0; i < length; i++) scratch.push(codes[Math.floor(random() * codes.length)]!);
  return String.fromCharCode.apply(null, scratch);
}

/** `digits` random decimal digits (same draws as ids.ts's newNumericCode). */
export function numericCode(ctx: SeedContext, digits: number): string {
  return draw(DIGIT_CODES, digits, ctx.random);
}

/** A lowercase GUID such as directories use for `external_id`. */
export function guid(ctx: SeedContext): string {
  const h = draw(HEX_CODES, 32, ctx.random);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** What every seed step shares: one random stream, one clock reading and the ids already handed out. */
export interface SeedContext {
  random: () => number;
  /** Epoch ms the seed is built at. */
  now: number;
  /** Hostnames, domains and keys issued so far, so none repeats anywhere in the state. */
  taken: Set<string>;
  /** `rich` writes a varied authentication history (demo); `light` only each user's last success (fleet). */
  history: 'rich' | 'light';
  /** Give every kind of the user mix at least one user per account when the account is big enough. */
  everyKind: boolean;
}

/** A fresh seed context. */
export function seedContext(random: () => number, now: number, history: SeedContext['history'], everyKind: boolean): SeedContext {
  return { random, now, taken: new Set(), history, everyKind };
}

/**
 * A Duo id with the given prefix. Not checked against `taken`: 18 base-36 characters make a clash
 * among even millions of ids vanishingly unlikely (about n^2 / 2^94), and a Set of every id was the
 * single biggest cost of a 250,000-user fleet. The seed tests assert uniqueness.
 */
export function uniqueId(ctx: SeedContext, prefix: Parameters<typeof newId>[0]): string {
  return draw(ALNUM_CODES, 18, ctx.random, prefix);
}

/** An api_hostname no other account in this seed has. */
export function uniqueHostname(ctx: SeedContext): string {
  for (;;) {
    const host = newApiHostname(ctx.random);
    if (!ctx.taken.has(host)) {
      ctx.taken.add(host);
      return host;
    }
  }
}

/** A 20-character id with a prefix outside ids.ts's list (directory keys use `DD`). */
export function uniqueKey(ctx: SeedContext, prefix: string): string {
  for (;;) {
    const key = draw(ALNUM_CODES, Math.max(0, 20 - prefix.length), ctx.random, prefix);
    if (!ctx.taken.has(key)) {
      ctx.taken.add(key);
      return key;
    }
  }
}

/** An integer in [min, max], inclusive. */
export function randInt(ctx: SeedContext, min: number, max: number): number {
  return min + Math.floor(ctx.random() * (max - min + 1));
}

/** One item of a non-empty list. */
export function pickOne<T>(ctx: SeedContext, items: readonly T[]): T {
  return items[Math.floor(ctx.random() * items.length)]!;
}
