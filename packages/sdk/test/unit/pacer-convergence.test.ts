import { describe, expect, it } from 'vitest';
import type { Pacer, PacerState, PacingOptions } from '../../src/index.js';
import { simulateScan } from '../support/simulated-scan.js';

interface Scenario {
  perMinute: number;
  burst: number;
  pages: readonly number[];
  callers: number;
  retryAfter?: boolean;
  pacing?: PacingOptions;
  pacer?: Pacer;
}

/**
 * Accounts scanned at once through one shared Pacer, each behind its own simulated Duo bucket whose
 * rate and burst the client is not told; `callers` requests per account in flight, one-way latency
 * 20-60 ms. Returns what each account's bucket saw.
 */
function scan(s: Scenario) {
  return simulateScan({ ...s, seed: s.perMinute * 100 + s.burst });
}

/** The best any client can do on one account: the burst at once, then one page per token. */
function idealMs(pages: number, burst: number, perMinute: number): number {
  return (Math.max(0, pages - burst) * 60_000) / perMinute;
}

// The simulated round trip's mean (20-60 ms each way).
const MEAN_RTT_MS = 80;

/**
 * What this pacer aims at: the ideal, except that with a burst of one Duo banks nothing, so each send
 * also waits out part of the previous one's round trip: the mirror refills from half the quickest
 * round trip before an answer (see `LearningBucket.answered`), so about half a mean round trip a page.
 */
function pacedIdealMs(pages: number, burst: number, perMinute: number): number {
  return idealMs(pages, burst, perMinute) + (burst === 1 ? (Math.max(0, pages - 1) * MEAN_RTT_MS) / 2 : 0);
}

// Eight accounts of 11 to 100 pages, scanned together through one Pacer, four requests in flight each.
const PAGES = [11, 100, 25, 70, 40, 85, 55, 100] as const;
const COMBOS = [100, 200, 400].flatMap((perMinute) => [1, 5, 20].map((burst) => ({ perMinute, burst })));
// The pacer's default ceiling for page reads: twice Duo's published 200/min.
const CEILING = 400;
const CONVERGED_BY = 50;

describe('Pacer convergence on an unknown Duo bucket', () => {
  it.each(COMBOS)('Duo at $perMinute/min, burst $burst: at most 4 429s per account, then none, near the bound', async ({ perMinute, burst }) => {
    const { runs } = await scan({ perMinute, burst, pages: PAGES, callers: 4 });
    const bound = Math.min(perMinute, CEILING);
    let late = 0;
    for (const run of runs) {
      expect(run.served).toBe(run.pages);
      expect(run.limited.length, JSON.stringify(run)).toBeLessThanOrEqual(4);
      // Converged: no 429 once Duo has accepted 50 pages of an account.
      late += run.limited.filter((served) => served > CONVERGED_BY).length;
      // Never pathological for any one account, short ones included (the 2 s covers latency, and
      // probing for a burst the ideal spends at once: 11 pages under a burst of 20 ideally take no time).
      expect(run.elapsedMs, JSON.stringify(run)).toBeLessThanOrEqual(2 * idealMs(run.pages, burst, bound) + 2_000);
    }
    // A burst of one at exactly Duo's rate leaves no room for jitter: one late near-miss at most.
    expect(late).toBeLessThanOrEqual(burst === 1 ? 1 : 0);
    // The whole scan (the accounts run side by side) close to the bound, 400/min included: the pacer
    // starts at the published 200 and explores upward while Duo keeps up. With a burst of one the
    // paced ideal already holds half a round trip a page, so less slack is left on top (at 400/min
    // a mirror refilled from each answer, as this pacer did before, took 24.9 s: over this bound).
    const total = Math.max(...runs.map((r) => r.elapsedMs));
    const ideal = Math.max(...runs.map((r) => pacedIdealMs(r.pages, burst, bound)));
    expect(total).toBeLessThanOrEqual((burst === 1 ? 1.1 : 1.25) * ideal + 2_000);
  });

  it('honours Retry-After and still converges', async () => {
    const { runs } = await scan({ perMinute: 100, burst: 5, pages: PAGES, callers: 4, retryAfter: true });
    for (const run of runs) {
      // Retry-After in whole seconds (the emulator's, at least 1 s) over-waits a 0.6 s token: one more step.
      expect(run.limited.length).toBeLessThanOrEqual(5);
      expect(run.elapsedMs).toBeLessThanOrEqual(1.25 * idealMs(run.pages, 5, 100) + 3_000);
    }
  });

  it('explores above the published rate by default, and never with maxRates at the published rate', async () => {
    const published = await scan({ perMinute: 400, burst: 5, pages: [300], callers: 4, pacing: { maxRates: { admin_get_page: 200 } } });
    const explored = await scan({ perMinute: 400, burst: 5, pages: [300], callers: 4 });
    expect(explored.runs[0]!.limited.length).toBeLessThanOrEqual(4);
    expect(explored.runs[0]!.elapsedMs).toBeLessThan(0.7 * published.runs[0]!.elapsedMs);
    const [learned] = explored.pacer.exportState().buckets;
    expect(learned!.ratePerMinute).toBeGreaterThan(350);
    const [kept] = published.pacer.exportState().buckets;
    expect(kept!.ratePerMinute).toBeLessThanOrEqual(200);
  });

  it('at exactly the published rate, exploring costs one 429 over the runs and leaves the rate where it was', async () => {
    // A long scan: exploring starts, meets Duo's limit, and goes back to the published rate for good.
    const first = await scan({ perMinute: 200, burst: 5, pages: [100], callers: 4 });
    const [learned] = first.pacer.exportState().buckets;
    expect(learned!.ratePerMinute).toBe(200);
    expect(learned!.exploredFrom).toBeUndefined();
    const capped = await scan({ perMinute: 200, burst: 5, pages: [100], callers: 4, pacing: { maxRates: { admin_get_page: 200 } } });
    // Within a round trip or two of never exploring at all.
    expect(first.runs[0]!.elapsedMs).toBeLessThanOrEqual(capped.runs[0]!.elapsedMs + 1_000);
    expect(first.runs[0]!.limited.length).toBeLessThanOrEqual(capped.runs[0]!.limited.length + 1);
  });

  it.each([1, 5, 20])('short scans (11 pages an account, 8 in flight) at burst %i: a 429 or two to learn, at most one more ever to end exploring', async (burst) => {
    const pages = Array.from({ length: 20 }, () => 11);
    const first = await scan({ perMinute: 200, burst, pages, callers: 8 });
    for (const run of first.runs) expect(run.limited.length, JSON.stringify(run)).toBeLessThanOrEqual(burst === 1 ? 3 : 2);
    // A run this short may end while still exploring above the published rate: the next runs go on
    // from there, and the first 429 takes the rate back to where exploring began, for good. So over
    // the later runs an account meets at most one 429, and each run stays near the ideal.
    const later = new Array<number>(pages.length).fill(0);
    let state = JSON.parse(JSON.stringify(first.pacer.exportState())) as PacerState;
    for (let i = 0; i < 3; i++) {
      const next = await scan({ perMinute: 200, burst, pages, callers: 8, pacing: { initialState: state } });
      for (const [a, run] of next.runs.entries()) {
        later[a]! += run.limited.length;
        // Near the ideal plus a few round trips (40-120 ms here): the first page's, with a burst of one
        // the jitter kept clear between sends, a burst of 20 the first run did not bound costs a probe
        // or two, and the one 429 that ends exploring costs a token interval and its round trip.
        expect(run.elapsedMs, JSON.stringify(run)).toBeLessThanOrEqual(1.25 * idealMs(11, burst, 200) + (run.limited.length > 0 ? 800 : 400));
      }
      state = JSON.parse(JSON.stringify(next.pacer.exportState())) as PacerState;
    }
    for (const n of later) expect(n).toBeLessThanOrEqual(1);
  });

  it('a Duo faster than published (400/min, burst 5) under short scans: the burst a first run over-counts is cut back to 5, not below, and the rate explored to 400', async () => {
    // The first run probes at the published 200/min while Duo refills at 400, so its probes count
    // refill as burst (7 or 8); the next run opens with that many at once, and the answers come back
    // in any order. Cut to the acceptances answered before the first 429, accounts kept bursts of
    // 1 or 2 for good and paced the rest of every later run one token at a time.
    const pages = Array.from({ length: 20 }, () => 11);
    let state: PacerState | undefined;
    let last: Awaited<ReturnType<typeof scan>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await scan({ perMinute: 400, burst: 5, pages, callers: 10, pacing: state ? { initialState: state } : {} });
      state = JSON.parse(JSON.stringify(last.pacer.exportState())) as PacerState;
    }
    const bursts = state!.buckets.map((b) => b.burst).sort((a, b) => a - b);
    expect(bursts[0], JSON.stringify(bursts)).toBeGreaterThanOrEqual(4);
    // And every account explored up to Duo's rate: the 429s that end an over-counted opening met the
    // bucket its first 429 found empty, and say nothing of the pace (they ended exploring at 200).
    const rates = state!.buckets.map((b) => Math.round(b.ratePerMinute));
    expect(Math.min(...rates), JSON.stringify(rates)).toBeGreaterThan(350);
    // By the fourth run most accounts are near the ideal (the burst, then Duo's rate), plus round trips.
    const near = last!.runs.filter((run) => run.elapsedMs <= 1.25 * idealMs(11, 5, 400) + 400).length;
    expect(near, JSON.stringify(last!.runs.map((r) => Math.round(r.elapsedMs)))).toBeGreaterThanOrEqual(16);
  });

  it('a Duo faster than published (400/min, burst 5), read as the hub reads (first page alone): no account is left at the published rate', async () => {
    // A run ends with the burst still unbounded and the rate still exploring; the next probes the
    // burst again, and a probe's 429 (where the burst ends) once ended exploring for good at 200/min:
    // three accounts of forty stayed there, and every later run waited on them (2.06 s against 1.36).
    const shape = { perMinute: 400, burst: 5, pages: Array.from({ length: 40 }, () => 11), callers: 10, firstAlone: true, back: { min: 20, spread: 100 } };
    let state: PacerState | undefined;
    let last: Awaited<ReturnType<typeof simulateScan>> | undefined;
    for (let run = 0; run < 5; run++) {
      last = await simulateScan({ ...shape, seed: 100 + run, pacing: state ? { initialState: state } : {} });
      state = JSON.parse(JSON.stringify(last.pacer.exportState())) as PacerState;
    }
    const rates = state!.buckets.map((b) => Math.round(b.ratePerMinute));
    expect(Math.min(...rates), JSON.stringify(rates)).toBeGreaterThan(350);
    // The fleet waits on its slowest account: near the ideal (the burst, then Duo's rate) plus round trips.
    expect(Math.max(...last!.runs.map((r) => r.elapsedMs))).toBeLessThanOrEqual(1.25 * idealMs(11, 5, 400) + 400);
  });

  it('a burst no run has reached (Duo holds 20, accounts of 11 pages): the next run probes a few at once and is near a pacer told the limits', async () => {
    // As the hub reads an account: the first page alone (it gives the total), then the rest at once;
    // answers read late (20-270 ms back), as by a hub busy parsing other accounts' pages.
    const shape = { perMinute: 200, burst: 20, pages: Array.from({ length: 20 }, () => 11), callers: 10, firstAlone: true, seed: 7, back: { min: 20, spread: 250 } };
    const told = await simulateScan({ ...shape, pacing: { rates: { admin_get_page: 200 }, maxRates: { admin_get_page: 200 }, burst: { admin_get_page: 20 } } });
    const first = await simulateScan(shape);
    const state = JSON.parse(JSON.stringify(first.pacer.exportState())) as PacerState;
    // The first run ends with a burst still unbounded (no 429: Duo never ran out).
    expect(state.buckets.every((b) => !b.burstKnown)).toBe(true);
    const next = await simulateScan({ ...shape, seed: 8, pacing: { initialState: state } });
    const wall = (runs: Array<{ elapsedMs: number }>) => Math.max(...runs.map((r) => r.elapsedMs));
    // 1.6-1.75 times as long; one probe at a time, 2.9 (a round trip for each token of the burst found).
    expect(wall(next.runs) / wall(told.runs)).toBeLessThan(2.2);
    for (const run of next.runs) expect(run.limited).toEqual([]);
  });

  it('starts the next run from the learned state: converged accounts draw no 429s', async () => {
    const first = await scan({ perMinute: 100, burst: 5, pages: PAGES, callers: 4 });
    const state = JSON.parse(JSON.stringify(first.pacer.exportState())) as PacerState;
    expect(state.buckets).toHaveLength(PAGES.length);
    const second = await scan({ perMinute: 100, burst: 5, pages: PAGES, callers: 4, pacing: { initialState: state } });
    for (const [i, run] of second.runs.entries()) {
      // An account whose first run ended before it converged keeps learning where it stopped.
      expect(run.limited.length, JSON.stringify(run)).toBeLessThanOrEqual(first.runs[i]!.pages > CONVERGED_BY ? 0 : 2);
      expect(run.elapsedMs).toBeLessThanOrEqual(1.25 * idealMs(run.pages, 5, 100) + 2_000);
    }
  });
});
