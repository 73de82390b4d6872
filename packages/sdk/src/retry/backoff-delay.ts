import type { ResolvedRetryOptions } from './retry-options.js';

type BackoffOptions = Pick<ResolvedRetryOptions, 'initialDelayMs' | 'factor' | 'maxDelayMs' | 'jitterMs'>;

/**
 * The wait before retry number `retryIndex` (0 for the first retry): exponential from
 * `initialDelayMs`, capped at `maxDelayMs`, plus uniform jitter in [0, jitterMs).
 * With Duo's defaults: 1, 2, 4, 8, 16, 32, 32 ... seconds plus up to one second.
 */
export function backoffDelay(retryIndex: number, options: BackoffOptions, random: () => number): number {
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * options.factor ** retryIndex);
  return Math.round(base + random() * options.jitterMs);
}

/**
 * The wait when Duo sent Retry-After: at least what it asked, plus jitter so clients that were
 * limited together do not return together.
 */
export function retryAfterDelay(retryAfterMs: number, options: Pick<BackoffOptions, 'jitterMs'>, random: () => number): number {
  return Math.round(retryAfterMs + random() * options.jitterMs);
}
