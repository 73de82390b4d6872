/** One earlier attempt for the same Duo user, as the allowance needs it. */
export interface PastAttempt {
  factor: string | null;
  outcome: string;
  startedAtMs: number;
  finishedAtMs: number | null;
}

/** The push-fatigue policy of a method. */
export interface PushPolicy {
  /** Interrupting attempts (pushes, calls) allowed per window. */
  pushLimit: number;
  windowSeconds: number;
  /** Pause after a denied push or call; a fraud report pauses `fraudMultiplier` times longer. */
  cooldownSeconds: number;
  fraudMultiplier: number;
}

/** Whether another interrupting attempt may go out now, or which rule refuses it and for how long. */
export type PushAllowance =
  | { allowed: true }
  | { allowed: false; rule: 'rate_limit'; retryAfterSeconds: number; limit: number; windowSeconds: number }
  | { allowed: false; rule: 'cooldown'; retryAfterSeconds: number; lastOutcome: 'denied' | 'fraud' };

/** Factors that interrupt the user (a phone buzzing or ringing): the ones push fatigue is about. */
export const INTERRUPTING_FACTORS: ReadonlySet<string> = new Set(['push', 'phone', 'auto']);

// Attempts that never reached the user do not count against them.
const NOT_SENT = new Set(['rate_limited', 'cooldown', 'refused', 'allowed', 'enroll', 'unknown_user', 'factor_unavailable', 'error']);

/**
 * Decides push-fatigue protection for one Duo user: a denied or fraud-reported push (or call) starts
 * a cooldown, and at most `pushLimit` interrupting attempts may start within any `windowSeconds`.
 * The cooldown is checked first: after a fraud report, waiting out the rate window must not be enough.
 */
export function decidePushAllowance(history: readonly PastAttempt[], nowMs: number, policy: PushPolicy): PushAllowance {
  const interrupting = history.filter((a) => a.factor !== null && INTERRUPTING_FACTORS.has(a.factor) && !NOT_SENT.has(a.outcome));

  let cooldownEnd = -Infinity;
  let lastOutcome: 'denied' | 'fraud' = 'denied';
  for (const a of interrupting) {
    if (a.outcome !== 'denied' && a.outcome !== 'fraud') continue;
    const at = a.finishedAtMs ?? a.startedAtMs;
    const end = at + policy.cooldownSeconds * 1000 * (a.outcome === 'fraud' ? policy.fraudMultiplier : 1);
    if (end > cooldownEnd) {
      cooldownEnd = end;
      lastOutcome = a.outcome;
    }
  }
  if (cooldownEnd > nowMs) return { allowed: false, rule: 'cooldown', retryAfterSeconds: Math.ceil((cooldownEnd - nowMs) / 1000), lastOutcome };

  const windowStart = nowMs - policy.windowSeconds * 1000;
  const recent = interrupting.filter((a) => a.startedAtMs > windowStart).map((a) => a.startedAtMs).sort((x, y) => x - y);
  if (recent.length >= policy.pushLimit) {
    // The window frees a slot when the oldest attempt that keeps it full ages out.
    const oldestBlocking = recent[recent.length - policy.pushLimit]!;
    return {
      allowed: false,
      rule: 'rate_limit',
      retryAfterSeconds: Math.max(1, Math.ceil((oldestBlocking + policy.windowSeconds * 1000 - nowMs) / 1000)),
      limit: policy.pushLimit,
      windowSeconds: policy.windowSeconds,
    };
  }
  return { allowed: true };
}
