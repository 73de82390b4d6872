/**
 * A rate Duo's bucket must have (per minute) for `accepted` requests to have found a token within
 * `longestMs` of it being empty (a 429): r * t > accepted - 1, since it held less than one token at
 * the start. Arrival times are only known to lie between send and answer, so `longestMs` runs from
 * the 429's send to the last acceptance's answer, which keeps the bound true. Filling up to the
 * burst in between cannot break it (capping only removes tokens). 0 when there is nothing to learn.
 */
export function rateLowerBound(accepted: number, longestMs: number): number {
  if (accepted < 2 || !(longestMs > 0)) return 0;
  return ((accepted - 1) * 60_000) / longestMs;
}

/**
 * Duo's burst as one run from a full bucket to its first 429 shows it, once the rate is known: Duo
 * accepted `accepted` requests in `spanMs` and then held less than one token, so its burst lies in
 * [accepted - refill, accepted - refill + 1): the least whole number there, give or take a twentieth
 * of a token of timing noise. The span runs between arrivals, each taken at the middle of its
 * request's send and answer. Never below 1.
 */
export function burstFromFullRun(accepted: number, spanMs: number, ratePerMinute: number): number {
  const refill = (Math.max(0, spanMs) * ratePerMinute) / 60_000;
  return Math.max(1, Math.ceil(accepted - refill - 0.05));
}

/** The inputs of one rate decision after a 429 (rates per minute). */
export interface RateDecisionInput {
  /** The rate the bucket was pacing at. */
  current: number;
  /** Requests Duo accepted since its bucket was last seen empty. */
  accepted: number;
  /** 429s since then that said "too fast", this one included. */
  limited: number;
  /** How long those requests took at our pace: their token intervals summed, ms (0: unknown). */
  pacedMs: number;
  /**
   * How long they actually took: from the send of the 429 that began the count to this one's, ms
   * (0: unknown). Longer than `pacedMs` when sends lagged the pace (timers late, callers busy).
   */
  elapsedMs?: number;
  /**
   * Duo's burst as believed: while sends lag the pace by up to this many tokens less one, Duo banks
   * the refill and the wall time measures it; beyond that its bucket may have filled and thrown
   * refill away, and the wall time would measure our pace instead. Default 1: the pace alone.
   */
  burst?: number;
  /** The proven lower bound (`rateLowerBound`), 0 if none. */
  lower: number;
  /** Never pace slower than this. */
  floor: number;
}

/** A rate decision: the new rate, and whether it rests on enough requests to stay put. */
export interface RateDecision {
  rate: number;
  /** False when few requests back it: the bucket may climb back toward the old rate while Duo accepts. */
  settled: boolean;
}

/**
 * Keep-clear margin under an estimate: network jitter moves arrivals by tens of ms, so a client
 * pacing at exactly Duo's rate would still meet an empty bucket now and then.
 */
export const RATE_MARGIN = 0.04;

/** The deepest single cut: two 429s in a row halve the rate, they do not zero it. */
export const MAX_CUT = 0.5;

/** Fewer requests than this behind a decision leave it unsettled (each count is +-1). */
export const SETTLED_REQUESTS = 8;

/**
 * The pacing rate after a 429. Once Duo's bucket is empty and we keep sending, it accepts what its
 * rate refills and refuses the rest, so the requests it let through over the time they took
 * estimate its rate. That time is the longer of our pace's (the token intervals summed; at a
 * constant pace this is current * accepted / (accepted + limited)) and the wall time between the
 * two 429s: when sends lagged the pace (late timers, busy callers), Duo refilled for the time they
 * really took, and the pace alone would overstate its rate. Either can understate it after a long
 * stretch slower than Duo (its bucket filled, refill was lost), which errs on the safe side. No
 * single 429 cuts deeper than `MAX_CUT`. Paced a margin below the estimate, never below what
 * acceptances proved, and every 429 steps down by at least the margin: under pacing a 429 means
 * "a little too fast", not "back off".
 */
export function decideRate({ current, accepted, limited, pacedMs, elapsedMs = 0, burst = 1, lower, floor }: RateDecisionInput): RateDecision {
  const sends = accepted + Math.max(1, limited);
  // Over the time the requests really took once enough of them back it, as far as Duo could bank the
  // lag (see `burst`): while sends lagged the pace, Duo refilled all along. Over a few requests a lag
  // is as likely an idle spell in which Duo's bucket filled up.
  const settled = accepted + limited >= SETTLED_REQUESTS;
  const bankable = (Math.max(0, burst - 1) * 60_000) / current;
  const took = settled ? pacedMs + Math.min(Math.max(0, elapsedMs - pacedMs), bankable) : pacedMs;
  const estimate = took > 0 ? (accepted * 60_000) / took : (current * accepted) / sends;
  // The count is good to about one request either way: keep half of that clear as well.
  const measured = Math.max(Math.min(current, estimate) * (1 - 0.5 / sends), current * MAX_CUT, lower) * (1 - RATE_MARGIN);
  const rate = Math.max(floor, Math.min(current * (1 - RATE_MARGIN), measured));
  return { rate, settled };
}
