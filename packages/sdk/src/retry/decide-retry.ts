import { isDuoError } from '../errors/duo-error.js';
import { DuoConnectionError, DuoRateLimitError, DuoServerError, DuoTimeoutError } from '../errors/error-classes.js';

/** Why an attempt is retried. */
export type RetryReason = 'rate_limited' | 'not_sent' | 'server_error' | 'connection' | 'timeout';

/** Whether a failure may be retried, and why (or why not). */
export type RetryDecision = { retry: true; reason: RetryReason } | { retry: false; reason: string };

/**
 * The retry rule. A 429 is always safe: Duo did not process it. A request that provably never
 * left (refused, unresolvable) is safe too. A 5xx, reset or timeout is ambiguous: Duo may have
 * acted, so only idempotent calls are retried; a push or a create is never sent twice.
 */
export function decideRetry(error: unknown, idempotent: boolean): RetryDecision {
  if (!isDuoError(error)) return { retry: false, reason: 'not a Duo error' };
  if (error instanceof DuoRateLimitError) return { retry: true, reason: 'rate_limited' };
  if (error instanceof DuoConnectionError) {
    if (error.failure === 'aborted') return { retry: false, reason: 'aborted by the caller' };
    // TLS and proxy refusals repeat identically; retrying only delays the error.
    if (error.failure === 'tls' || error.failure === 'proxy') return { retry: false, reason: `${error.failure} failure` };
    if (!error.sent) return { retry: true, reason: 'not_sent' };
    return idempotent ? { retry: true, reason: 'connection' } : { retry: false, reason: 'ambiguous connection failure on a non-idempotent call' };
  }
  if (error instanceof DuoTimeoutError) {
    if (!error.sent) return { retry: true, reason: 'not_sent' };
    return idempotent ? { retry: true, reason: 'timeout' } : { retry: false, reason: 'timeout on a non-idempotent call' };
  }
  if (error instanceof DuoServerError) {
    return idempotent ? { retry: true, reason: 'server_error' } : { retry: false, reason: 'server error on a non-idempotent call' };
  }
  return { retry: false, reason: `status ${error.status ?? 'unknown'} is final` };
}
