import type { HubContext } from '../hub-context.js';

/** Limits of the failed-token throttle. */
export interface TokenThrottleOptions {
  /** Failed attempts an address may make per window before its further attempts are slowed. */
  budget: number;
  /** Length of the counting window, on the hub clock. */
  windowMs: number;
  /** How long a failed attempt over the budget waits before its 401. */
  delayMs: number;
  /** Attempts over the budget one address may have checked or waiting at once; more are refused unchecked. */
  maxWaiting: number;
  /** Addresses remembered at most; the least recently seen is forgotten first, so memory stays flat. */
  maxAddresses: number;
}

/** Defaults: 10 failures a minute, then one-second 401s, two at a time. */
export const DEFAULT_TOKEN_THROTTLE: TokenThrottleOptions = { budget: 10, windowMs: 60_000, delayMs: 1000, maxWaiting: 2, maxAddresses: 10_000 };

/**
 * What may happen to one attempt: `check` it normally, check it `slow`ly (a failure waits `delayMs`),
 * or `refuse` it without looking the token up (the address already has `maxWaiting` slow attempts).
 */
export type ThrottleAdmission = 'check' | 'slow' | 'refuse';

interface AddressRecord {
  windowStart: number;
  failures: number;
  /** Admitted as `check` and not yet released: counted against the budget so a burst cannot overrun it. */
  checking: number;
  /** Admitted as `slow` and not yet released. */
  waiting: number;
  /** Whether this window's warning was logged. */
  warned: boolean;
  /** Hashes of tokens that authenticated from this address lately (a few, most recent last). */
  trusted: string[];
}

/** Tokens remembered per address as having worked from it. */
const TRUSTED_PER_ADDRESS = 8;

/**
 * Failed token attempts per client address. An address over its budget gets at most `maxWaiting`
 * lookups of unknown tokens per `delayMs`, which bounds how fast it can guess; the answers stay 401.
 * A valid token keeps working from a throttled address: admitted attempts are looked up, and a
 * token that already worked from the address is looked up even during a flood (see `trusts`).
 */
export class TokenThrottle {
  readonly options: TokenThrottleOptions;
  readonly #records = new Map<string, AddressRecord>();

  constructor(options: Partial<TokenThrottleOptions> = {}) {
    this.options = { ...DEFAULT_TOKEN_THROTTLE, ...options };
  }

  /** Addresses currently remembered (for the memory bound). */
  get size(): number {
    return this.#records.size;
  }

  /** Admits one attempt from `key` at `nowMs`; every admission other than `refuse` must be released. */
  admit(key: string, nowMs: number): ThrottleAdmission {
    const record = this.#touch(key, nowMs);
    if (record.failures + record.checking < this.options.budget) {
      record.checking++;
      return 'check';
    }
    if (record.waiting < this.options.maxWaiting) {
      record.waiting++;
      return 'slow';
    }
    return 'refuse';
  }

  /** Ends an admitted attempt, counting it when it failed. */
  release(key: string, admission: Exclude<ThrottleAdmission, 'refuse'>, failed: boolean): void {
    const record = this.#records.get(key);
    // Forgotten meanwhile (evicted under many addresses): nothing left to count against.
    if (!record) return;
    if (admission === 'check') record.checking = Math.max(0, record.checking - 1);
    else record.waiting = Math.max(0, record.waiting - 1);
    if (failed) record.failures++;
  }

  /** Remembers that the token with this hash authenticated from `key`. */
  trust(key: string, tokenHash: string): void {
    const record = this.#records.get(key);
    if (!record) return;
    record.trusted = [...record.trusted.filter((h) => h !== tokenHash), tokenHash].slice(-TRUSTED_PER_ADDRESS);
  }

  /**
   * Whether a token already worked from `key`. During a flood the address's other attempts are
   * refused unchecked; one of these is still looked up, so the client that owns a valid token keeps
   * working from a busy or shared address while a guesser's new tokens stay unchecked.
   */
  trusts(key: string, tokenHash: string): boolean {
    return this.#records.get(key)?.trusted.includes(tokenHash) ?? false;
  }

  /** True once per window for an address over its budget: the caller logs one warning. */
  shouldWarn(key: string): boolean {
    const record = this.#records.get(key);
    if (!record || record.warned || record.failures < this.options.budget) return false;
    record.warned = true;
    return true;
  }

  /** Failures counted for `key` in its current window. */
  failures(key: string): number {
    return this.#records.get(key)?.failures ?? 0;
  }

  #touch(key: string, nowMs: number): AddressRecord {
    let record = this.#records.get(key);
    if (record) {
      // Re-inserting keeps the map in least-recently-seen order, so eviction takes the first key.
      this.#records.delete(key);
    } else {
      record = { windowStart: nowMs, failures: 0, checking: 0, waiting: 0, warned: false, trusted: [] };
      while (this.#records.size >= this.options.maxAddresses) {
        const oldest = this.#records.keys().next().value;
        if (oldest === undefined) break;
        this.#records.delete(oldest);
      }
    }
    if (nowMs - record.windowStart >= this.options.windowMs || nowMs < record.windowStart) {
      record.windowStart = nowMs;
      record.failures = 0;
      record.warned = false;
    }
    this.#records.set(key, record);
    return record;
  }
}

const throttles = new WeakMap<HubContext, TokenThrottle>();

/** The hub's one throttle, shared by the `/api` bearer check and the Vault gate. */
export function tokenThrottleFor(hub: HubContext): TokenThrottle {
  let throttle = throttles.get(hub);
  if (!throttle) {
    throttle = new TokenThrottle();
    throttles.set(hub, throttle);
  }
  return throttle;
}

/** Installs a throttle with other limits for a hub (tests shorten the delay). */
export function useTokenThrottle(hub: HubContext, throttle: TokenThrottle): void {
  throttles.set(hub, throttle);
}
