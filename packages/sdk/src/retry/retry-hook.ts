import type { CallHook } from '../client/duo-call.js';
import { DuoRateLimitError } from '../errors/error-classes.js';
import { backoffDelay, retryAfterDelay } from './backoff-delay.js';
import { decideRetry } from './decide-retry.js';
import type { ResolvedRetryOptions, RetryInfo } from './retry-options.js';

/**
 * Retries failed attempts by `decideRetry`, waiting by the backoff schedule (or Retry-After),
 * within the attempt and total-wait limits. The last failure is thrown as it came.
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
        if (error instanceof DuoRateLimitError && error.retryAfterMs !== undefined && options.honorRetryAfter) {
          if (error.retryAfterMs > options.maxRetryAfterMs) throw error;
          retryAfterMs = error.retryAfterMs;
          delayMs = retryAfterDelay(retryAfterMs, options, options.random);
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
        };
        options.onRetry?.(info);
        clientOnRetry?.(info);
        await options.sleep(delayMs, call.signal);
      }
    }
  };
}
