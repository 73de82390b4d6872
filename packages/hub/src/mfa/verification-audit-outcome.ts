import type { VerifyOutcome } from './map-auth-status.js';

/** The audit outcome of a verification: `unknown` when Duo was asked but its final answer never came. */
export type VerificationAuditOutcome = 'success' | 'failure' | 'unknown';

/**
 * Maps a verification's end to its audit outcome. `settled` is false when the authentication went
 * out (or may have: a timeout or dropped connection on the send) and the hub stopped hearing from
 * Duo before a final answer: the user may still approve, so calling it a failure would mislead.
 */
export function verificationAuditOutcome(outcome: VerifyOutcome, settled: boolean): VerificationAuditOutcome {
  if (outcome === 'approved' || outcome === 'allowed') return 'success';
  return settled ? 'failure' : 'unknown';
}
