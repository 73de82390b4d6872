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
  /** False until the first answer when the bucket waits for it to start refilling (see `answered`). */
  private anchored: boolean;

  constructor(
    readonly configuredPerMinute: number,
    readonly burst: number,
    private readonly tuning: BucketTuning,
    now: number,
    /** Start refilling at the first answer rather than at creation (what a client pacing a server wants). */
    options: { refillFromFirstAnswer?: boolean } = {},
  ) {
    this.rate = configuredPerMinute;
    this.tokens = burst;
    this.last = now;
    this.anchored = !options.refillFromFirstAnswer;
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
    this.answered(now);
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

  /**
   * Duo answered a request of this budget. Duo's bucket starts refilling when our first request
   * reaches it, which we only know happened before its answer came back; a pacer that counted refill
   * from its own first send would run ahead of Duo by the first request's trip (longer when the server
   * is busy) and draw 429s later. So no refill is credited until the first answer, and it counts from
   * then (with `refillFromFirstAnswer`; otherwise a no-op). Reservations queued beyond the burst before
   * that answer are timed from their own request.
   */
  answered(now: number): void {
    if (this.anchored) return;
    this.anchored = true;
    this.last = Math.max(this.last, now);
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
    if (!this.anchored || now <= this.last) return;
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.rate) / 60_000);
    this.last = now;
  }
}
