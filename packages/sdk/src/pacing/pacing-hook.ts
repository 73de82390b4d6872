import type { CallHook } from '../client/duo-call.js';
import { DuoError } from '../errors/duo-error.js';
import { DuoRateLimitError } from '../errors/error-classes.js';
import type { Pacer, PaceKey } from './pacer.js';

/** Draws each attempt from the pacer's budget and tells it how Duo answered. */
export function pacingHook(pacer: Pacer): CallHook {
  return async (call, next) => {
    const key: PaceKey = { host: call.host, accountId: call.accountId, endpointClass: call.endpointClass };
    await pacer.acquire(key, call.signal);
    try {
      const response = await next(call);
      pacer.onSuccess(key);
      return response;
    } catch (error) {
      if (error instanceof DuoRateLimitError) pacer.onRateLimited(key, error.retryAfterMs);
      else if (error instanceof DuoError && error.status !== undefined) pacer.onAnswered(key);
      throw error;
    }
  };
}
