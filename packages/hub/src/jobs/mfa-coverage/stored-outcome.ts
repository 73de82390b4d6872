import type { AccountCoverage, AccountOutcome } from '../../reports/mfa-coverage/index.js';

/** A task's outcome as its row stores it (see `CoverageTasksTable`). */
export interface StoredOutcome {
  /** The outcome without the coverage's lists: what closing the run needs parsed (its counts). */
  result: string;
  /** The snapshot row's `coverage` column (the figures), as it will be copied there; null for a failed account. */
  coverage: string | null;
  /** The snapshot row's `users_without_mfa` column; null for a failed account. */
  users_without_mfa: string | null;
  mfa_user_ids: string | null;
}

/** A scanned account's snapshot columns (see `snapshotColumns`). */
export type SnapshotColumns = { coverage: string; users_without_mfa: string; mfa_user_ids: string | null };

/**
 * A scanned account's snapshot columns: `coverage` (counts, percentages, the scan's figures), the users
 * without MFA apart from them (migration 0015: a report of the figures alone need not parse them), and
 * the ids of users with MFA. Written into the task row when it finishes, and made here again only for
 * a task finished before migration 0013 (see finalize-coverage-run.ts). Pure.
 */
export function snapshotColumns(coverage: AccountCoverage): SnapshotColumns {
  const { counts, percentages, usersWithoutMfa, scan, mfaUserIds } = coverage;
  return {
    coverage: JSON.stringify({ counts, percentages, scan }),
    users_without_mfa: JSON.stringify(usersWithoutMfa),
    mfa_user_ids: mfaUserIds ? JSON.stringify(mfaUserIds) : null,
  };
}

/**
 * Splits an outcome for its task row: the large lists are written once, already in the form the
 * snapshot keeps, and the rest stays parseable at little cost. Pure.
 */
export function storeOutcome(outcome: AccountOutcome): StoredOutcome {
  if (outcome.status !== 'ok') return { result: JSON.stringify(outcome), coverage: null, users_without_mfa: null, mfa_user_ids: null };
  const { usersWithoutMfa: _list, mfaUserIds: _ids, ...slim } = outcome.coverage;
  return { result: JSON.stringify({ ...outcome, coverage: slim }), ...snapshotColumns(outcome.coverage) };
}
