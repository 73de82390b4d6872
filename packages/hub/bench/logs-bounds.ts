import type { LogRowCounts } from './logs-emulator-process.js';

/** Rows per page of each log as the hub reads it (Trust Monitor pages hold 200). */
const PAGE: LogRowCounts = { authentication: 1000, telephony: 1000, activity: 1000, administrator: 1000, offline_enrollment: 1000, trust_monitor: 200 };
const V1 = new Set(['administrator', 'offline_enrollment']);

/**
 * Log reads a first sync of one account needs: per window log, its pages (an empty window still
 * takes one read); per v1 log, its pages plus one when the last is full (a full page cannot tell
 * it was the last).
 */
export function readsForAccount(rows: LogRowCounts): number {
  let reads = 0;
  for (const [type, n] of Object.entries(rows) as Array<[keyof LogRowCounts, number]>) {
    const page = PAGE[type];
    reads += V1.has(type) ? Math.floor(n / page) + 1 : Math.max(1, Math.ceil(n / page));
  }
  return reads;
}

/** What Duo's log limit allows at best, in seconds. */
export interface LogSyncBounds {
  /** The account with the most reads, and how many. */
  reads: number;
  /** Per account: `burst` reads at once, then one per 60/rate s; after the account list, before the last answer. */
  rate: number;
  /** The machine bound: the same sync with latency and limits off. */
  machine: number;
  /** max(rate, machine). */
  lower: number;
}

/**
 * The lower bound of a first sync of every account: each account's reads share its log budget
 * (rate per minute, burst), accounts run side by side, so the account with the most reads decides:
 * rtt (account list) + (reads - burst) x 60/rate + rtt (its last answer).
 */
export function logSyncBounds(input: { rows: Record<string, LogRowCounts>; ratePerMinute: number; burst: number; latencyMs: number; machineSeconds: number }): LogSyncBounds {
  const reads = Math.max(...Object.values(input.rows).map(readsForAccount));
  const rtt = input.latencyMs / 1000;
  const rate = rtt + (Math.max(0, reads - input.burst) * 60) / input.ratePerMinute + rtt;
  return { reads, rate, machine: input.machineSeconds, lower: Math.max(rate, input.machineSeconds) };
}
