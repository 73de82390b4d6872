import type { EndpointClass, RateLimitOptions } from './route.js';

/** Outcome of asking for one request's token. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSec: number };

/**
 * Token buckets per (account, endpoint class).
 * PLACEHOLDER: allows everything until the rate-limit work lands (same signature).
 */
export class RateLimiter {
  constructor(
    readonly options: RateLimitOptions,
    readonly now: () => number,
  ) {}

  /** Takes one token for a request of `cls` on `accountId`. */
  take(_accountId: string, _cls: EndpointClass): RateDecision {
    return { allowed: true };
  }

  /** Refills every bucket. */
  reset(): void {}
}
