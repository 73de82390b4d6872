/** The adaptation parameters of one bucket. */
export interface BucketTuning {
  decreaseFactor: number;
  recoveryPerSuccess: number;
  minRateFraction: number;
}

/** A bucket's state, for tests, metrics and debugging. */
export interface BucketSnapshot {
  configuredPerMinute: number;
  ratePerMinute: number;
  tokens: number;
  burst: number;
  /** Epoch ms before which no token is granted (Retry-After), or 0. */
  pausedUntil: number;
}

/**
 * A token bucket that hands out reservations (a request may go at time t) and adapts its rate
 * AIMD-style: halve on a 429, regain a small share of the configured rate per success. Tokens may
 * go negative: that is the queue, served first-come first-served at the current rate. Pure over
 * the clock values passed in, so it is tested with plain numbers.
 */
export class AdaptiveBucket {
  private rate: number;
  private tokens: number;
  private last: number;
  private pausedUntil = 0;

  constructor(
    readonly configuredPerMinute: number,
    readonly burst: number,
    private readonly tuning: BucketTuning,
    now: number,
  ) {
    this.rate = configuredPerMinute;
    this.tokens = burst;
    this.last = now;
  }

  /** Takes a token and returns how long (ms) the caller must wait before sending. */
  reserve(now: number): number {
    this.refill(now);
    this.tokens -= 1;
    const start = Math.max(now, this.last);
    const debtMs = this.tokens >= 0 ? 0 : (-this.tokens * 60_000) / this.rate;
    return Math.max(0, Math.ceil(start - now + debtMs));
  }

  /** Gives back a token reserved by a caller that gave up before sending. */
  cancel(now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.burst, this.tokens + 1);
  }

  /** A 429 arrived: slow down, drop saved-up tokens, and pause for Retry-After when given. */
  rateLimited(now: number, retryAfterMs?: number): void {
    this.refill(now);
    const floor = this.configuredPerMinute * this.tuning.minRateFraction;
    this.rate = Math.max(floor, this.rate * this.tuning.decreaseFactor);
    this.tokens = Math.min(this.tokens, 0);
    if (retryAfterMs !== undefined && retryAfterMs > 0) {
      this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
      // Refilling restarts when the pause ends, so the bucket does not burst right after it.
      this.last = Math.max(this.last, this.pausedUntil);
    }
  }

  /** A request got through: creep back toward the configured rate. */
  succeeded(): void {
    this.rate = Math.min(this.configuredPerMinute, this.rate + this.configuredPerMinute * this.tuning.recoveryPerSuccess);
  }

  snapshot(now: number): BucketSnapshot {
    this.refill(now);
    return {
      configuredPerMinute: this.configuredPerMinute,
      ratePerMinute: this.rate,
      tokens: this.tokens,
      burst: this.burst,
      pausedUntil: this.pausedUntil,
    };
  }

  private refill(now: number): void {
    if (now <= this.last) return;
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.rate) / 60_000);
    this.last = now;
  }
}
