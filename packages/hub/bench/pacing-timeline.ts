import type { RateDecisionRecord } from '@duohub/emulator';
import { summarizeSamples } from './summarize-samples.js';

/** How one run's paced reads looked from Duo's side (the emulator's rate-limit log), ms. */
export interface PacingTimeline {
  accounts: number;
  /** When each account's first read reached its bucket, after the run's first such read: median and latest. */
  start: { median: number; latest: number };
  /**
   * Each account's last accepted read against its own paced ideal: its bucket full at its first read,
   * then a token every 60,000 / rate ms, so read n is due at first + (n - burst) intervals. How much
   * later it came: median and most. Large with a late start: the pace; large with a small one: the start.
   */
  late: { median: number; most: number };
  /** Accounts that met at least one 429, and the 429s in all. */
  limitedAccounts: number;
  limited: number;
  /**
   * With the run's window (epoch ms, the emulator's clock being this machine's): from the run's start
   * (the POST, the CLI's spawn) to the first read, and from the last accepted read to the run seen done.
   * What the hub spends before and after Duo's part: claims, clients, the account list; results, the report.
   */
  lead?: number;
  tail?: number;
}

/** Summarizes the decisions of one bucket (`admin_get_page`) under (rate, burst). Pure. */
export function pacingTimeline(
  records: readonly RateDecisionRecord[],
  limits: { bucket: string; ratePerMinute: number; burst: number },
  window?: { startedAt: number; endedAt: number },
): PacingTimeline | undefined {
  const byAccount = new Map<string, RateDecisionRecord[]>();
  for (const r of records) {
    if (r.bucket !== limits.bucket) continue;
    let list = byAccount.get(r.accountId);
    if (!list) byAccount.set(r.accountId, (list = []));
    list.push(r);
  }
  if (byAccount.size === 0) return undefined;
  const intervalMs = 60_000 / limits.ratePerMinute;
  const firsts: number[] = [];
  const late: number[] = [];
  let limited = 0;
  let limitedAccounts = 0;
  let lastAccepted = -Infinity;
  for (const list of byAccount.values()) {
    const first = list[0]!.at;
    const accepted = list.filter((r) => r.allowed);
    const refused = list.length - accepted.length;
    limited += refused;
    if (refused > 0) limitedAccounts += 1;
    firsts.push(first);
    if (accepted.length > 0) lastAccepted = Math.max(lastAccepted, accepted.at(-1)!.at);
    if (accepted.length > 0) late.push(accepted.at(-1)!.at - (first + Math.max(0, accepted.length - limits.burst) * intervalMs));
  }
  const runStart = Math.min(...firsts);
  const starts = firsts.map((t) => t - runStart);
  return {
    accounts: byAccount.size,
    start: { median: summarizeSamples(starts).median, latest: Math.max(...starts) },
    late: { median: summarizeSamples(late).median, most: Math.max(...late) },
    limitedAccounts,
    limited,
    ...(window ? { lead: runStart - window.startedAt, ...(lastAccepted > -Infinity ? { tail: window.endedAt - lastAccepted } : {}) } : {}),
  };
}

