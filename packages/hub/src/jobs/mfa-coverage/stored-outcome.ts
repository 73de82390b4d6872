import type { AccountCoverage, AccountOutcome } from '../../reports/mfa-coverage/index.js';

/** A task's outcome as its row stores it (see `CoverageTasksTable`). */
export interface StoredOutcome {
  /** The outcome without the coverage's lists: what closing the run needs parsed (its counts). */
  result: string;
  /** The snapshot row's `coverage` column, as it will be copied there; null for a failed account. */
  coverage: string | null;
  mfa_user_ids: string | null;
}

/** The snapshot's `coverage` column of a scanned account. Pure. */
export function coverageColumn(coverage: AccountCoverage): string {
  const { counts, percentages, usersWithoutMfa, scan } = coverage;
  return JSON.stringify({ counts, percentages, usersWithoutMfa, scan });
}

/**
 * Splits an outcome for its task row: the large lists are written once, already in the form the
 * snapshot keeps, and the rest stays parseable at little cost. Pure.
 */
export function storeOutcome(outcome: AccountOutcome): StoredOutcome {
  if (outcome.status !== 'ok') return { result: JSON.stringify(outcome), coverage: null, mfa_user_ids: null };
  const { usersWithoutMfa: _list, mfaUserIds, ...slim } = outcome.coverage;
  return {
    result: JSON.stringify({ ...outcome, coverage: slim }),
    coverage: coverageColumn(outcome.coverage),
    mfa_user_ids: mfaUserIds ? JSON.stringify(mfaUserIds) : null,
  };
}
