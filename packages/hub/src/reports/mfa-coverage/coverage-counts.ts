import { COVERAGE_STATUSES, FACTOR_CLASSES, type CoverageCounts, type CoveragePercentages, type CoverageStatus, type FactorClass, type UserCoverage } from './coverage-types.js';
import { percent } from './percent.js';

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Counts with every figure at zero. */
export function emptyCounts(): CoverageCounts {
  return {
    users: 0,
    mfa: 0,
    noMfa: 0,
    factorClass: zeros<FactorClass>(FACTOR_CLASSES),
    status: zeros<CoverageStatus>(COVERAGE_STATUSES),
    noMfaByStatus: zeros<CoverageStatus>(COVERAGE_STATUSES),
    neverLoggedIn: 0,
    stale: 0,
    riskyBypass: 0,
  };
}

/** Adds one user's coverage to `counts` (in place). */
export function countUser(counts: CoverageCounts, coverage: UserCoverage): void {
  counts.users += 1;
  if (coverage.mfa) counts.mfa += 1;
  else {
    counts.noMfa += 1;
    counts.noMfaByStatus[coverage.status] += 1;
  }
  counts.factorClass[coverage.factorClass] += 1;
  counts.status[coverage.status] += 1;
  if (coverage.neverLoggedIn) counts.neverLoggedIn += 1;
  if (coverage.stale) counts.stale += 1;
  if (coverage.riskyBypass) counts.riskyBypass += 1;
}

/** Adds `more` into `into` (in place), for fleet totals. */
export function addCounts(into: CoverageCounts, more: CoverageCounts): void {
  into.users += more.users;
  into.mfa += more.mfa;
  into.noMfa += more.noMfa;
  into.neverLoggedIn += more.neverLoggedIn;
  into.stale += more.stale;
  into.riskyBypass += more.riskyBypass;
  for (const k of FACTOR_CLASSES) into.factorClass[k] += more.factorClass[k];
  for (const k of COVERAGE_STATUSES) {
    into.status[k] += more.status[k];
    into.noMfaByStatus[k] += more.noMfaByStatus[k];
  }
}

/** Every count as per cent of the users counted. */
export function coveragePercentages(counts: CoverageCounts): CoveragePercentages {
  const of = (n: number) => percent(n, counts.users);
  return {
    mfa: of(counts.mfa),
    noMfa: of(counts.noMfa),
    factorClass: Object.fromEntries(FACTOR_CLASSES.map((k) => [k, of(counts.factorClass[k])])) as Record<FactorClass, number>,
    status: Object.fromEntries(COVERAGE_STATUSES.map((k) => [k, of(counts.status[k])])) as Record<CoverageStatus, number>,
    neverLoggedIn: of(counts.neverLoggedIn),
    stale: of(counts.stale),
    riskyBypass: of(counts.riskyBypass),
  };
}
