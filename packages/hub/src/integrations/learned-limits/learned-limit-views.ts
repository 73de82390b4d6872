import { DEFAULT_RATES, readPacerState, type EndpointClass } from '@duohub/sdk';

/** One Duo rate-limit bucket (account, API host, endpoint class) as the hub learned it. */
export interface LearnedLimitView {
  account_id: string;
  /** The hub organization mapped to the account, if any. */
  organization: { id: string; name: string } | null;
  api_host: string;
  endpoint_class: EndpointClass;
  /** The learned pace, requests a minute (one decimal). */
  rate_per_minute: number;
  /** Duo's published figure for the class, where learning starts from. */
  published_per_minute: number;
  burst: number;
  /** A 429 bounded the burst; false: Duo allowed at least this many, and the next run may probe for more. */
  burst_known: boolean;
  /** No 429 has bounded the rate yet: the next run keeps climbing while Duo keeps up. */
  exploring: boolean;
  learned_at: string;
  /** Older than the learning's age limit: the next run ignores it and starts from the published rate. */
  expired: boolean;
}

/**
 * The buckets of stored pacer states, one view each, ordered by account, host and class. Stored
 * states are read as the SDK reads them (malformed entries dropped), so what is shown is what the
 * next run would start from, unless `expired`.
 */
export function learnedLimitViews(
  rows: ReadonlyArray<{ account_id: string; state: unknown }>,
  organizations: ReadonlyMap<string, { id: string; name: string }>,
  nowMs: number,
  maxAgeMs: number,
): LearnedLimitView[] {
  const views: LearnedLimitView[] = [];
  for (const row of rows) {
    for (const bucket of readPacerState(row.state, Number.NEGATIVE_INFINITY)) {
      views.push({
        account_id: row.account_id,
        organization: organizations.get(row.account_id) ?? null,
        api_host: bucket.host,
        endpoint_class: bucket.endpointClass,
        rate_per_minute: Math.round(bucket.ratePerMinute * 10) / 10,
        published_per_minute: DEFAULT_RATES[bucket.endpointClass],
        burst: bucket.burst,
        burst_known: bucket.burstKnown,
        exploring: bucket.exploredFrom !== undefined,
        learned_at: new Date(bucket.learnedAt).toISOString(),
        expired: bucket.learnedAt < nowMs - maxAgeMs,
      });
    }
  }
  const order = (v: LearnedLimitView) => [v.account_id, v.api_host, v.endpoint_class].join('\u0000');
  return views.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}
