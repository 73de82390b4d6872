import type { BucketSnapshot } from './learning-bucket.js';

/**
 * Milliseconds until a pacer bucket in `snapshot` grants one request without making it wait; 0 when
 * it would now (or the class is unpaced). A bucket still probing its burst grants a request beyond
 * its tokens (a probe) when one is ready: waiting for a token instead would keep the burst at its
 * first guess forever. A paused bucket (Duo's Retry-After) refills from the end of the pause; an
 * empty one at its current rate.
 */
export function readyInMs(snapshot: Pick<BucketSnapshot, 'tokens' | 'ratePerMinute' | 'pausedUntil' | 'probe'> | undefined, nowMs: number): number {
  if (!snapshot) return 0;
  const paused = Math.max(0, snapshot.pausedUntil - nowMs);
  if (snapshot.tokens >= 1 || snapshot.probe === 'ready') return Math.ceil(paused);
  if (!(snapshot.ratePerMinute > 0)) return Number.POSITIVE_INFINITY;
  return Math.ceil(paused + ((1 - snapshot.tokens) * 60_000) / snapshot.ratePerMinute);
}
