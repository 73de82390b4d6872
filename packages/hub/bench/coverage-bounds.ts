/** What the emulator's Duo-like conditions allow at best, in seconds. */
export interface CoverageBounds {
  /** Per account: `burst` page reads at once, then one per 60/rate s, after the account list and before the last answer. */
  rate: number;
  /** Dependent round trips: account list -> first page (which gives the total) -> the rest at once. */
  latency: number;
  /** max(rate, latency, machine): the machine bound is the same run with latency and limits off. */
  lower: number;
}

/** The lower bound of a fleet scan where every account has `pages` page reads under (rate, burst). */
export function coverageBounds(input: { pages: number; ratePerMinute: number; burst: number; latencyMs: number; machineSeconds: number }): CoverageBounds {
  const rtt = input.latencyMs / 1000;
  const rate = rtt + (Math.max(0, input.pages - input.burst) * 60) / input.ratePerMinute + rtt;
  const latency = (input.pages > 2 ? 3 : 2) * rtt;
  return { rate, latency, lower: Math.max(rate, latency, input.machineSeconds) };
}
