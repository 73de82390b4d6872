/**
 * Duo's limiter for one account and class as the emulator models it (packages/emulator/src/rate-limit.ts):
 * a token bucket created full at the first request, refilled continuously at `perMinute` up to
 * `burst`; a request takes a token or is refused with the whole seconds until one is back.
 * Kept here rather than imported so the SDK's tests do not depend on the emulator package.
 */
export class SimulatedDuoBucket {
  private tokens: number;
  private at: number | undefined;

  constructor(
    readonly perMinute: number,
    readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Takes a token at `now`: `{ allowed: true }` or the Retry-After Duo would advertise, in seconds. */
  take(now: number): { allowed: true } | { allowed: false; retryAfterSec: number } {
    const perMs = this.perMinute / 60_000;
    if (this.at === undefined) this.at = now;
    else if (now > this.at) {
      this.tokens = Math.min(this.burst, this.tokens + (now - this.at) * perMs);
      this.at = now;
    }
    if (this.tokens >= 1 - 1e-9) {
      this.tokens = Math.max(0, this.tokens - 1);
      return { allowed: true };
    }
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil((1 - this.tokens) / perMs / 1000)) };
  }
}
