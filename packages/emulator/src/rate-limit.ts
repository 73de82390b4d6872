import type { RateDecisionLog } from './rate-decision-log.js';
import type { BucketConfig, EndpointClass, RateLimitOptions } from './route.js';

/** Outcome of asking for one request's token. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSec: number };

/**
 * Per-minute request rates a Duo engineer quoted in 2019 (API.md 3.2). `accounts` is a guess (Duo
 * publishes nothing for it) and `auth` is the emulator's own. Burst equals one minute's worth, so a
 * client may spend its whole minute at once, which is how a "N per minute" limit reads most naturally.
 */
export const DEFAULT_BUCKETS: Readonly<Record<EndpointClass, BucketConfig>> = {
  admin_modify: { perMinute: 300, burst: 300 },
  admin_get_one: { perMinute: 300, burst: 300 },
  admin_get_page: { perMinute: 200, burst: 200 },
  admin_get_all: { perMinute: 40, burst: 40 },
  admin_logs: { perMinute: 2, burst: 2 },
  accounts: { perMinute: 40, burst: 40 },
  auth: { perMinute: 600, burst: 600 },
};

/**
 * Log endpoints Duo limits one by one rather than as a class. v1 logs: 2 requests a minute each, as a
 * Duo engineer quoted (issue duo_client_python#101) and the Java client's users saw ("faster than once
 * every 30s" -> 429), so no burst beyond one. v2 logs and Trust Monitor: 50 a minute, the figure Duo's
 * documentation gives for some endpoints and Elastic saw enforced on the v2 authentication log.
 */
export const DEFAULT_ENDPOINT_BUCKETS: Readonly<Record<string, BucketConfig>> = {
  'logs.administrator': { perMinute: 2, burst: 1 },
  'logs.authentication_v1': { perMinute: 2, burst: 1 },
  'logs.telephony_v1': { perMinute: 2, burst: 1 },
  'logs.offline_enrollment': { perMinute: 2, burst: 1 },
  'logs.authentication': { perMinute: 50, burst: 50 },
  'logs.telephony': { perMinute: 50, burst: 50 },
  'logs.activity': { perMinute: 50, burst: 50 },
  'trust_monitor.events': { perMinute: 50, burst: 50 },
};

interface Bucket {
  tokens: number;
  /** Clock reading (ms) the token count was last brought up to date at. */
  at: number;
}

/**
 * Token buckets per (account, endpoint class). Buckets refill continuously at `perMinute / 60000`
 * tokens per ms up to `burst`, and are created full on first use.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly options: RateLimitOptions,
    readonly now: () => number,
    /** Where each decision is kept, when the emulator records them (`recordRateDecisions`). */
    private readonly log?: RateDecisionLog,
  ) {}

  /** The bucket settings in force for a class (defaults merged with overrides); undefined when disabled. */
  config(cls: EndpointClass): BucketConfig | undefined {
    if (this.options === false) return undefined;
    return this.options.classes?.[cls] ?? DEFAULT_BUCKETS[cls];
  }

  /**
   * The bucket a request draws from: its endpoint's own (an `endpoints` override, or a default of
   * `DEFAULT_ENDPOINT_BUCKETS` unless its class is overridden), else its class's shared one.
   */
  bucketFor(cls: EndpointClass, endpointId?: string): { config: BucketConfig; key: string } | undefined {
    if (this.options === false) return undefined;
    if (endpointId !== undefined) {
      const own = this.options.endpoints?.[endpointId] ?? (this.options.classes?.[cls] ? undefined : DEFAULT_ENDPOINT_BUCKETS[endpointId]);
      if (own) return { config: own, key: `endpoint:${endpointId}` };
    }
    const config = this.config(cls);
    return config === undefined ? undefined : { config, key: cls };
  }

  /** Takes one token for a request of `cls` (and endpoint `endpointId`, when known) on `accountId`. */
  take(accountId: string, cls: EndpointClass, endpointId?: string): RateDecision {
    const bucketOf = this.bucketFor(cls, endpointId);
    if (bucketOf === undefined) return { allowed: true };
    const { config } = bucketOf;
    const now = this.now();
    const key = `${accountId}\u0000${bucketOf.key}`;
    const burst = Math.max(0, config.burst);
    const perMs = Math.max(0, config.perMinute) / 60_000;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { tokens: burst, at: now };
      this.buckets.set(key, bucket);
    } else if (now > bucket.at) {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perMs);
      bucket.at = now;
    }
    // The epsilon absorbs float drift, so waiting exactly the advertised Retry-After always succeeds.
    const allowed = bucket.tokens >= 1 - 1e-9;
    this.log?.push({ accountId, bucket: bucketOf.key, at: now, allowed });
    if (allowed) {
      bucket.tokens = Math.max(0, bucket.tokens - 1);
      return { allowed: true };
    }
    // A class that never refills (perMinute 0) or cannot hold a token (burst < 1) stays closed;
    // a minute is the honest "try much later" for it.
    if (perMs === 0 || burst < 1) return { allowed: false, retryAfterSec: 60 };
    const waitMs = (1 - bucket.tokens) / perMs;
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Refills every bucket. */
  reset(): void {
    this.buckets.clear();
  }
}
