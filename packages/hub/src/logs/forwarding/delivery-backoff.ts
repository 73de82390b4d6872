/** The retry schedule of a destination's deliveries. */
export interface DeliveryBackoffOptions {
  /** Wait after the first failure, ms. */
  initialMs: number;
  /** Longest wait, ms (also the cap on a receiver's Retry-After). */
  maxMs: number;
}

/** 1 s doubling to 5 minutes: a receiver down for an hour is retried about every 5 minutes. */
export const DEFAULT_DELIVERY_BACKOFF: DeliveryBackoffOptions = { initialMs: 1000, maxMs: 300_000 };

/**
 * How long to wait before attempt `failures + 1`, after `failures` consecutive failures (>= 1):
 * exponential (initial * 2^(failures-1), capped), with "equal jitter" (half fixed, half random) so
 * replicas and destinations retrying together spread out but never retry sooner than half the step.
 * A receiver's Retry-After (ms) is honoured when it asks for longer, up to `maxMs`.
 */
export function deliveryBackoffMs(failures: number, options: DeliveryBackoffOptions = DEFAULT_DELIVERY_BACKOFF, random: () => number = Math.random, retryAfterMs?: number): number {
  const step = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  const jittered = Math.round(step / 2 + random() * (step / 2));
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs) || retryAfterMs <= jittered) return jittered;
  return Math.min(options.maxMs, Math.ceil(retryAfterMs));
}
