import { addCounts, coveragePercentages, emptyCounts } from './coverage-counts.js';
import type { AccountOutcome } from './coverage-task.js';
import type { CoverageCounts, CoveragePercentages } from './coverage-types.js';

/** Fleet-wide figures over the accounts that were scanned. */
export interface FleetTotals {
  accounts: number;
  accountsScanned: number;
  accountsFailed: number;
  counts: CoverageCounts;
  percentages: CoveragePercentages;
}

/** Sums the scanned accounts' counts; failed accounts are counted as such and add no users. */
export function fleetTotals(outcomes: readonly AccountOutcome[]): FleetTotals {
  const counts = emptyCounts();
  let scanned = 0;
  for (const outcome of outcomes) {
    if (outcome.status !== 'ok') continue;
    scanned += 1;
    addCounts(counts, outcome.coverage.counts);
  }
  return {
    accounts: outcomes.length,
    accountsScanned: scanned,
    accountsFailed: outcomes.length - scanned,
    counts,
    percentages: coveragePercentages(counts),
  };
}
