import { isHubError } from '../errors/hub-error.js';

/**
 * What a failed call says about whether Duo carried it out:
 * - `rate_limited`: Duo answered 429, which means it did not process the call;
 * - `not_sent`: the request provably never left (refused, unresolvable);
 * - `ambiguous`: it may have been carried out (reset after sending, timeout, 5xx, an answer not Duo's);
 * - `unreadable`: Duo said OK but the answer did not have the expected shape (so it was carried out);
 * - `not_found`: Duo says the target does not exist (404);
 * - `final`: Duo (or the hub) refused it for good: bad input, forbidden, not mapped, no credentials.
 */
export type ItemFailureKind = 'rate_limited' | 'not_sent' | 'ambiguous' | 'unreadable' | 'not_found' | 'final';

/** Classifies what `runAction` threw (HubErrors mapped from the SDK's errors by mapDuoError). Pure. */
export function classifyItemFailure(error: unknown): ItemFailureKind {
  if (!isHubError(error)) return 'ambiguous';
  const details = typeof error.details === 'object' && error.details !== null && !Array.isArray(error.details) ? (error.details as Record<string, unknown>) : undefined;
  const status = typeof details?.['duo_status'] === 'number' ? (details['duo_status'] as number) : undefined;
  switch (error.code) {
    case 'duo_unreachable':
      return details?.['outcome'] === 'not_sent' ? 'not_sent' : 'ambiguous';
    case 'duo_error':
      if (status === 429 || details?.['duo_code'] === 42901) return 'rate_limited';
      // Field issues of Duo's answer: it answered OK, in a shape the action does not know.
      if (Array.isArray(error.details)) return 'unreadable';
      if (status !== undefined && status < 500 && details?.['outcome'] !== 'unknown') return 'final';
      return 'ambiguous';
    case 'not_found':
      // Only Duo's own 404 says the target is gone; the hub's (organization deleted) is final.
      return status !== undefined ? 'not_found' : 'final';
    default:
      return 'final';
  }
}
