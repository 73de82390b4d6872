import type { BucketConfig, EndpointClass, RateLimitOptions } from './route.js';

/** Outcome of asking for one request's token. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSec: number };

/**
 * Per-minute request rates a Duo engineer quoted in 2019 (API.md 3.2). `accounts` is a guess (Duo
 * publishes nothing for it) and `auth` is the emulator's own. Burst equals one minute's worth, so a
 * client may spend its whole minute at once, which is how a "N per minute" limit reads most naturally.
 */
export const DEFAULT_BUCKETS: Readonly<Record<EndpointClass, BucketConfig>> = {
  admin_modify: { perMinute: 300, burst: 300 },
  admin_get_one: { perMinute: 300, burst: 300 },
  admin_get_page: { perMinute: 200, burst: 200 },
  admin_get_all: { perMinute: 40, burst: 40 },
  admin_logs: { perMinute: 2, burst: 2 },
  accounts: { perMinute: 40, burst: 40 },
  auth: { perMinute: 600, burst: 600 },
};

interface Bucket {
  tokens: number;
  /** Clock reading (ms) the token count was last brought up to date at. */
  at: number;
}

/**
 * Token buckets per (account, endpoint class). Buckets refill continuously at `perMinute / 60000`
 * tokens per ms up to `burst`, and are created full on first use.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly options: RateLimitOptions,
    readonly now: () => number,
  ) {}

  /** The bucket settings in force for a class (defaults merged with overrides); undefined when disabled. */
  config(cls: EndpointClass): BucketConfig | undefined {
    if (this.options === false) return undefined;
    return this.options.classes?.[cls] ?? DEFAULT_BUCKETS[cls];
  }

  /** Takes one token for a request of `cls` on `accountId`. */
  take(accountId: string, cls: EndpointClass): RateDecision {
    const config = this.config(cls);
    if (config === undefined) return { allowed: true };
    const now = this.now();
    const key = `${accountId}\u0000${cls}`;
    const burst = Math.max(0, config.burst);
    const perMs = Math.max(0, config.perMinute) / 60_000;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { tokens: burst, at: now };
      this.buckets.set(key, bucket);
    } else if (now > bucket.at) {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perMs);
      bucket.at = now;
    }
    // The epsilon absorbs float drift, so waiting exactly the advertised Retry-After always succeeds.
    if (bucket.tokens >= 1 - 1e-9) {
      bucket.tokens = Math.max(0, bucket.tokens - 1);
      return { allowed: true };
    }
    // A class that never refills (perMinute 0) or cannot hold a token (burst < 1) stays closed;
    // a minute is the honest "try much later" for it.
    if (perMs === 0 || burst < 1) return { allowed: false, retryAfterSec: 60 };
    const waitMs = (1 - bucket.tokens) / perMs;
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Refills every bucket. */
  reset(): void {
    this.buckets.clear();
  }
}
