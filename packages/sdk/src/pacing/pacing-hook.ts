import type { CallHook } from '../client/duo-call.js';
import { DuoError } from '../errors/duo-error.js';
import { DuoRateLimitError } from '../errors/error-classes.js';
import { markPacedRejection } from './paced-rejection.js';
import type { Pacer, PaceKey } from './pacer.js';

/**
 * Draws each attempt from the pacer's budget and tells it how Duo answered. A 429 on a paced call
 * is marked, so the retry hook sends the retry straight back here instead of waiting out Duo's
 * 1-32 s schedule: the pacer already knows how long Duo's bucket needs.
 */
export function pacingHook(pacer: Pacer): CallHook {
  return async (call, next) => {
    const key: PaceKey = { host: call.host, accountId: call.accountId, endpointClass: call.endpointClass };
    const permit = await pacer.acquire(key, call.signal);
    call.onPaced?.();
    // When Duo answered is when its headers came, not when this process got round to the parsed
    // body: a busy process reads a page's body and parses it long after, and a mirror that refilled
    // from then would pace every later request that much too late.
    let answeredAt: number | undefined;
    const onResponse = () => {
      answeredAt ??= pacer.now();
      call.onResponse?.();
    };
    try {
      const response = await next({ ...call, onResponse });
      pacer.onSuccess(key, permit, answeredAt);
      return response;
    } catch (error) {
      if (error instanceof DuoRateLimitError) {
        pacer.onRateLimited(key, error.retryAfterMs, permit, answeredAt);
        if (permit) markPacedRejection(error);
      } else if (error instanceof DuoError && error.status !== undefined) {
        // Duo answered: the request went through its limiter and took a token.
        pacer.onSuccess(key, permit, answeredAt);
      } else {
        pacer.onAnswered(key, permit);
      }
      throw error;
    }
  };
}
