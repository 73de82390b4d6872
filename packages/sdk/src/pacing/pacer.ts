import { sleep as realSleep } from '../retry/sleep.js';
import { AdaptiveBucket, type BucketSnapshot } from './adaptive-bucket.js';
import type { EndpointClass } from './endpoint-class.js';
import { DEFAULT_ADAPTATION, DEFAULT_RATES, defaultBurst, type PacingOptions } from './pacing-options.js';

/** Which budget a request draws from: Duo counts per account (host + account_id) and class. */
export interface PaceKey {
  host: string;
  accountId?: string | undefined;
  endpointClass: EndpointClass;
}

/**
 * Client-side pacing under Duo's rate limits: one adaptive token bucket per (host, account,
 * class). Pass one Pacer to several clients so they share an account's budget.
 */
export class Pacer {
  private readonly buckets = new Map<string, AdaptiveBucket>();
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: PacingOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Waits until a request for `key` may be sent. Rejects with the signal's reason on abort. */
  async acquire(key: PaceKey, signal?: AbortSignal): Promise<void> {
    const bucket = this.bucket(key);
    if (!bucket) return;
    const wait = bucket.reserve(this.now());
    if (wait <= 0) return;
    try {
      await this.sleep(wait, signal);
    } catch (error) {
      bucket.cancel(this.now());
      throw error;
    }
  }

  /** Records that Duo answered a request (any status): the budget's refill is timed from the first answer. */
  onAnswered(key: PaceKey): void {
    this.bucket(key)?.answered(this.now());
  }

  /** Records a request Duo accepted (any answer but 429). */
  onSuccess(key: PaceKey): void {
    const bucket = this.bucket(key);
    bucket?.answered(this.now());
    bucket?.succeeded();
  }

  /** Records a 429, with Duo's Retry-After when it sent one. */
  onRateLimited(key: PaceKey, retryAfterMs?: number): void {
    this.bucket(key)?.rateLimited(this.now(), retryAfterMs);
  }

  /** The bucket's current state, or undefined for an unpaced class. */
  snapshot(key: PaceKey): BucketSnapshot | undefined {
    return this.bucket(key)?.snapshot(this.now());
  }

  private bucket(key: PaceKey): AdaptiveBucket | undefined {
    const id = `${key.host.toLowerCase()}|${key.accountId ?? ''}|${key.endpointClass}`;
    let bucket = this.buckets.get(id);
    if (bucket) return bucket;
    const rate = this.options.rates?.[key.endpointClass] ?? DEFAULT_RATES[key.endpointClass];
    if (!Number.isFinite(rate) || rate <= 0) return undefined;
    bucket = new AdaptiveBucket(
      rate,
      this.options.burst?.[key.endpointClass] ?? defaultBurst(rate),
      {
        decreaseFactor: this.options.decreaseFactor ?? DEFAULT_ADAPTATION.decreaseFactor,
        recoveryPerSuccess: this.options.recoveryPerSuccess ?? DEFAULT_ADAPTATION.recoveryPerSuccess,
        minRateFraction: this.options.minRateFraction ?? DEFAULT_ADAPTATION.minRateFraction,
      },
      this.now(),
      { refillFromFirstAnswer: true },
    );
    this.buckets.set(id, bucket);
    return bucket;
  }
}
