import type { CoverageCounts, CoveragePercentages, NoMfaUser, ScanStats } from '../mfa-coverage/index.js';

/** An account's figures as the scanner stored them (its own casing): a snapshot row's `coverage`. */
export interface StoredCoverage {
  counts: CoverageCounts;
  percentages: CoveragePercentages;
  scan: ScanStats;
}

/** The columns of a snapshot row that hold an account's users without MFA, in either stored form. */
export interface StoredUsersColumns {
  coverage: string | null;
  users_without_mfa: string | null;
}

/** Parses a snapshot row's `coverage` (null for a failed account). The figures only: lists are read apart. */
export function parseStoredCoverage(coverage: string | null): StoredCoverage | null {
  return coverage ? (JSON.parse(coverage) as StoredCoverage) : null;
}

/**
 * A snapshot row's users without MFA: their own column since migration 0015; before, a list inside
 * `coverage` (`usersWithoutMfa`, or `users_without_mfa` as the first snapshots wrote it), read from
 * `parsed` when the caller has parsed `coverage` already. Empty for a failed account. Pure.
 */
export function storedUsersWithoutMfa(row: StoredUsersColumns, parsed?: StoredCoverage | null): NoMfaUser[] {
  if (row.users_without_mfa !== null) return JSON.parse(row.users_without_mfa) as NoMfaUser[];
  if (!row.coverage) return [];
  const older = (parsed ?? JSON.parse(row.coverage)) as { usersWithoutMfa?: NoMfaUser[]; users_without_mfa?: NoMfaUser[] };
  return older.usersWithoutMfa ?? older.users_without_mfa ?? [];
}
