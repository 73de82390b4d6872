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
  const builder = new FleetTotalsBuilder();
  for (const outcome of outcomes) builder.add(outcome);
  return builder.result();
}

/** `fleetTotals` one outcome at a time, for callers that never hold every outcome at once. */
export class FleetTotalsBuilder {
  readonly #counts = emptyCounts();
  #accounts = 0;
  #scanned = 0;

  /** Counts one account's outcome in. */
  add(outcome: AccountOutcome): void {
    this.#accounts += 1;
    if (outcome.status !== 'ok') return;
    this.#scanned += 1;
    addCounts(this.#counts, outcome.coverage.counts);
  }

  /** The totals so far. */
  result(): FleetTotals {
    const counts = structuredClone(this.#counts);
    return { accounts: this.#accounts, accountsScanned: this.#scanned, accountsFailed: this.#accounts - this.#scanned, counts, percentages: coveragePercentages(counts) };
  }
}
