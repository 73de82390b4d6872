/**
 * The lower bound the rate limits set on a bulk run, in seconds: accounts run in parallel, each its own
 * rate-limit domain, so the fleet takes as long as its slowest account: `burst` calls at once, the rest
 * one per 60/rate s, then the last answer's round trip.
 */
export function bulkRateBound(input: { itemsPerAccount: readonly number[]; ratePerMinute: number; burst: number; latencyMs: number }): number {
  const worst = Math.max(0, ...input.itemsPerAccount);
  if (worst === 0) return 0;
  return (Math.max(0, worst - input.burst) * 60) / input.ratePerMinute + input.latencyMs / 1000;
}
