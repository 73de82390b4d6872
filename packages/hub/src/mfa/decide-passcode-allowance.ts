import type { PastAttempt } from './decide-push-allowance.js';

/** How many failed passcode attempts a user may make per window. */
export interface PasscodePolicy {
  limit: number;
  windowSeconds: number;
}

/** Whether another passcode attempt may go to Duo now, or how long until one may. */
export type PasscodeAllowance = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: number; windowSeconds: number };

// Attempts that never reached Duo, or that proved the user (a right passcode is no guess).
const NOT_COUNTED = new Set(['rate_limited', 'cooldown', 'refused', 'allowed', 'enroll', 'unknown_user', 'factor_unavailable', 'error', 'approved']);

/**
 * Throttles passcode guessing per Duo user, like pushes: at most `limit` passcode attempts that
 * did not succeed (pending ones count, so parallel guesses cannot slip through) may start within any
 * `windowSeconds`. No cooldown: a denied push must not lock out the passcode fallback.
 */
export function decidePasscodeAllowance(history: readonly PastAttempt[], nowMs: number, policy: PasscodePolicy): PasscodeAllowance {
  const windowStart = nowMs - policy.windowSeconds * 1000;
  const recent = history
    .filter((a) => a.factor === 'passcode' && !NOT_COUNTED.has(a.outcome) && a.startedAtMs > windowStart)
    .map((a) => a.startedAtMs)
    .sort((x, y) => x - y);
  if (recent.length < policy.limit) return { allowed: true };
  const oldestBlocking = recent[recent.length - policy.limit]!;
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((oldestBlocking + policy.windowSeconds * 1000 - nowMs) / 1000)),
    limit: policy.limit,
    windowSeconds: policy.windowSeconds,
  };
}
