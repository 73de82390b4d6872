/**
 * The SDK's Pacer learning Duo's limits, on simulated Duo buckets and a virtual clock: the hub's fleet
 * scan in shape (40 accounts of 11 pages, the first page read alone, then ten in flight), each cell of
 * the coverage benchmark's table (Duo's burst 1, 5, 20 x rate 100, 200, 400 a minute, unknown to the
 * pacer), a first run and the runs after it that start from what it learned.
 *
 * Deterministic and free of the machine's noise (a whole table takes seconds), so a change to the
 * learning can be judged before `npm run bench:coverage` measures it for real. The baseline, in the
 * same run: the same pacer told each cell's exact rate and burst. Two networks: answers that come back
 * as quickly as requests go (20-60 ms each way), and answers read late (20-270 ms back), as by a hub
 * busy parsing other accounts' pages.
 *
 * Run from the repository root: `npm run bench:pacer` (options: --accounts 40 --pages 11 --callers 10
 * --runs 4 --rates 100,200,400 --bursts 1,5,20 --seeds 1: with more, each figure is the worst of that
 * many latency draws).
 */
import { parseArgs } from 'node:util';
import type { PacerState } from '../src/index.js';
import { simulateScan, type AccountRun, type TripMs } from '../test/support/simulated-scan.js';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '40' },
    pages: { type: 'string', default: '11' },
    callers: { type: 'string', default: '10' },
    runs: { type: 'string', default: '4' },
    rates: { type: 'string', default: '100,200,400' },
    bursts: { type: 'string', default: '1,5,20' },
    seeds: { type: 'string', default: '1' },
  },
});
const list = (text: string) => text.split(',').map(Number).filter((n) => n > 0);
const ACCOUNTS = Number(args.accounts);
const PAGES = Number(args.pages);
const CALLERS = Number(args.callers);
const RUNS = Math.max(1, Number(args.runs));
// Each cell is run with this many latency draws; a run's figure is the worst of them (one draw can flatter).
const SEEDS = Math.max(1, Number(args.seeds));

const NETWORKS: Array<{ name: string; outward: TripMs; back: TripMs }> = [
  { name: 'answers back as quickly as requests go (20-60 ms each way)', outward: { min: 20, spread: 40 }, back: { min: 20, spread: 40 } },
  { name: 'answers read late (20-60 ms out, 20-270 ms back)', outward: { min: 20, spread: 40 }, back: { min: 20, spread: 250 } },
];

/** A fleet run's wall time: its slowest account, ms. */
const wall = (runs: AccountRun[]) => Math.max(...runs.map((r) => r.elapsedMs));
const limited = (runs: AccountRun[]) => runs.reduce((n, r) => n + r.limited.length, 0);

function range(values: number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? String(lo) : `${lo}-${hi}`;
}

console.log(`Pacer learning on simulated Duo buckets: ${ACCOUNTS} accounts x ${PAGES} pages (the first alone, then ${CALLERS} in flight), ${RUNS} runs a cell${SEEDS > 1 ? `, the worst of ${SEEDS} latency draws` : ''}`);
const pages = Array.from({ length: ACCOUNTS }, () => PAGES);
for (const network of NETWORKS) {
  console.log(`\n${network.name}`);
  console.log('  burst  rate/min  told (s)  learning runs: x told / 429s ...                          learned: rate/min  burst  exploring');
  for (const burst of list(args.bursts)) {
    for (const rate of list(args.rates)) {
      const worst: Array<{ ratio: number; limited: number }> = [];
      let state: PacerState | undefined;
      let baseline = 0;
      for (let draw = 0; draw < SEEDS; draw++) {
        const seed = rate * 7 + burst * 13 + draw * 1_000;
        const common = { perMinute: rate, burst, pages, callers: CALLERS, firstAlone: true, outward: network.outward, back: network.back };
        const told = await simulateScan({
          ...common,
          seed,
          pacing: { rates: { admin_get_page: rate }, maxRates: { admin_get_page: rate }, burst: { admin_get_page: burst } },
        });
        baseline = wall(told.runs);
        state = undefined;
        for (let run = 0; run < RUNS; run++) {
          const learning = await simulateScan({ ...common, seed: seed + run, pacing: state ? { initialState: state } : {} });
          state = JSON.parse(JSON.stringify(learning.pacer.exportState())) as PacerState;
          const figure = { ratio: wall(learning.runs) / baseline, limited: limited(learning.runs) };
          if (!worst[run] || figure.ratio > worst[run]!.ratio) worst[run] = figure;
        }
      }
      const cells = worst.map((w) => `${w.ratio.toFixed(2)}x/${w.limited}`);
      const buckets = state!.buckets;
      console.log(
        `  ${String(burst).padStart(5)}  ${String(rate).padStart(8)}  ${(baseline / 1000).toFixed(2).padStart(8)}  ${cells.join(' ').padEnd(58)} ${range(buckets.map((b) => Math.round(b.ratePerMinute))).padStart(16)}  ${range(buckets.map((b) => b.burst)).padStart(5)}  ${String(buckets.filter((b) => b.exploredFrom !== undefined).length).padStart(9)}`,
      );
    }
  }
}
