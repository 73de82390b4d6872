import type { CallHook } from '../client/duo-call.js';
import { DuoRateLimitError } from '../errors/error-classes.js';
import { isPacedRejection } from '../pacing/paced-rejection.js';
import { backoffDelay, retryAfterDelay } from './backoff-delay.js';
import { decideRetry } from './decide-retry.js';
import type { ResolvedRetryOptions, RetryInfo } from './retry-options.js';

/**
 * Retries failed attempts by `decideRetry`, waiting by the backoff schedule (or Retry-After),
 * within the attempt and total-wait limits. A 429 that a pacer recorded is retried at once: the
 * retry goes back through the pacer, which holds it until Duo's bucket has a token again (one
 * interval at the learned rate, or Retry-After), so it neither sleeps twice nor backs off for 32 s
 * when the pacer was only slightly fast. The last failure is thrown as it came.
 */
export function retryHook(options: ResolvedRetryOptions, clientOnRetry?: (info: RetryInfo) => void): CallHook {
  return async (call, next) => {
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await next({ ...call, attempt });
      } catch (error) {
        const decision = decideRetry(error, call.idempotent);
        if (call.signal?.aborted) throw call.signal.reason;
        if (!decision.retry || attempt >= options.maxAttempts) throw error;
        let delayMs: number;
        let retryAfterMs: number | undefined;
        const paced = isPacedRejection(error);
        if (error instanceof DuoRateLimitError && error.retryAfterMs !== undefined && options.honorRetryAfter) {
          if (error.retryAfterMs > options.maxRetryAfterMs) throw error;
          retryAfterMs = error.retryAfterMs;
          delayMs = paced ? 0 : retryAfterDelay(retryAfterMs, options, options.random);
        } else if (paced) {
          delayMs = 0;
        } else {
          delayMs = backoffDelay(attempt - 1, options, options.random);
        }
        if (waited + delayMs > options.maxTotalWaitMs) throw error;
        waited += delayMs;
        const info: RetryInfo = {
          attempt,
          delayMs,
          reason: decision.reason,
          error: error as RetryInfo['error'],
          request: { method: call.method, host: call.host, path: call.path },
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
          ...(paced ? { paced: true as const } : {}),
        };
        options.onRetry?.(info);
        clientOnRetry?.(info);
        if (!paced) await options.sleep(delayMs, call.signal);
      }
    }
  };
}
