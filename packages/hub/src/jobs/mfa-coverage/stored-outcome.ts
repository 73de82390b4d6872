import type { AccountCoverage, AccountOutcome } from '../../reports/mfa-coverage/index.js';

/** A task's outcome as its row stores it (see `CoverageTasksTable`). */
export interface StoredOutcome {
  /** The outcome without the coverage's lists: what closing the run needs parsed (its counts). */
  result: string;
  /** The snapshot row's `coverage` column, as it will be copied there; null for a failed account. */
  coverage: string | null;
  mfa_user_ids: string | null;
}

/**
 * A scanned account's snapshot columns: `coverage` (counts, percentages, the users without MFA, the
 * scan's figures) and the ids of users with MFA. Written into the task row when it finishes, and made
 * here again only for a task finished before migration 0013 (see finalize-coverage-run.ts). Pure.
 */
export function snapshotColumns(coverage: AccountCoverage): { coverage: string; mfa_user_ids: string | null } {
  const { counts, percentages, usersWithoutMfa, scan, mfaUserIds } = coverage;
  return { coverage: JSON.stringify({ counts, percentages, usersWithoutMfa, scan }), mfa_user_ids: mfaUserIds ? JSON.stringify(mfaUserIds) : null };
}

/**
 * Splits an outcome for its task row: the large lists are written once, already in the form the
 * snapshot keeps, and the rest stays parseable at little cost. Pure.
 */
export function storeOutcome(outcome: AccountOutcome): StoredOutcome {
  if (outcome.status !== 'ok') return { result: JSON.stringify(outcome), coverage: null, mfa_user_ids: null };
  const { usersWithoutMfa: _list, mfaUserIds: _ids, ...slim } = outcome.coverage;
  return { result: JSON.stringify({ ...outcome, coverage: slim }), ...snapshotColumns(outcome.coverage) };
}
