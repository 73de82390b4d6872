import type { AccountOutcome } from '../../reports/mfa-coverage/index.js';
import type { HubContext } from '../../hub-context.js';
import { coverageDb } from './coverage-tables.js';
import { finalizeIfComplete } from './finalize-coverage-run.js';
import { announceCoverageRunEnded } from './coverage-run-ended.js';
import { storeOutcome } from './stored-outcome.js';

/** What writing an outcome did. */
export interface CompletionResult {
  /** False when the task already had an outcome (a redelivery) or was cancelled: nothing changed. */
  written: boolean;
  /** True for the one completion that closed the run and took its snapshot. */
  finalized: boolean;
}

/**
 * Writes a task's outcome exactly once and counts it into the run, in one transaction: the
 * conditional UPDATE only matches a task without an outcome, so a redelivered or duplicated task
 * changes nothing. The run row is updated next (on Postgres that locks it, serializing finishers),
 * then the run is finalized if this was its last open task.
 */
export async function completeCoverageTask(
  hub: Pick<HubContext, 'store' | 'now'>,
  key: { runId: string; accountId: string },
  outcome: AccountOutcome,
  processedBy: string,
): Promise<CompletionResult> {
  const status = outcome.status === 'ok' ? 'done' : 'failed';
  const users = outcome.status === 'ok' ? outcome.coverage.counts.users : 0;
  const stored = storeOutcome(outcome);
  const completion = await coverageDb(hub.store.db)
    .transaction()
    .execute(async (trx) => {
      const now = hub.now().toISOString();
      const written = await trx
        .updateTable('coverage_tasks')
        .set({
          status,
          result: stored.result,
          coverage: stored.coverage,
          users_without_mfa: stored.users_without_mfa,
          mfa_user_ids: stored.mfa_user_ids,
          error: outcome.status === 'failed' ? JSON.stringify(outcome.error) : null,
          processed_by: processedBy,
          users_seen: users,
          finished_at: now,
          lease_expires_at: null,
        })
        .where('run_id', '=', key.runId)
        .where('account_id', '=', key.accountId)
        .where('status', 'in', ['pending', 'running'])
        .executeTakeFirst();
      if (Number(written.numUpdatedRows) !== 1) return { written: false, finalized: false };
      const counted = await trx
        .updateTable('coverage_runs')
        .set((eb) => ({
          accounts_done: eb('accounts_done', '+', 1),
          accounts_failed: eb('accounts_failed', '+', status === 'failed' ? 1 : 0),
          users_seen: eb('users_seen', '+', users),
        }))
        .where('id', '=', key.runId)
        .returning(['accounts_done', 'accounts_total'])
        .executeTakeFirst();
      // Only this function closes a task of an active run, counting it here in the same transaction, so
      // the run can only be complete once every account is counted: until then, no need to look (a
      // look counts the open tasks, and each of a thousand accounts' completions counted them all).
      if (counted && Number(counted.accounts_done) < Number(counted.accounts_total)) return { written: true, finalized: false };
      const finalized = await finalizeIfComplete(trx, hub, key.runId);
      return { written: true, finalized };
    });
  // Committed: reads held on the run here may answer now.
  if (completion.finalized) announceCoverageRunEnded(key.runId);
  return completion;
}
