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

/** One task's outcome to write. */
export interface Completion {
  key: { runId: string; accountId: string };
  outcome: AccountOutcome;
  /** The replica that scanned it. */
  processedBy: string;
}

/** Writes one task's outcome exactly once and counts it into its run (see `completeCoverageTasks`). */
export async function completeCoverageTask(
  hub: Pick<HubContext, 'store' | 'now'>,
  key: { runId: string; accountId: string },
  outcome: AccountOutcome,
  processedBy: string,
): Promise<CompletionResult> {
  return (await completeCoverageTasks(hub, [{ key, outcome, processedBy }]))[0]!;
}

/**
 * Writes tasks' outcomes, each exactly once, and counts them into their runs, all in one
 * transaction (one commit for however many tasks ended together): the conditional UPDATE only
 * matches a task without an outcome, so a redelivered or duplicated task changes nothing. Each run
 * row is updated once with the sum of its tasks written (on Postgres that locks it, serializing
 * finishers), then the run is finalized if these were its last open tasks. Results are in the
 * order given.
 */
export async function completeCoverageTasks(hub: Pick<HubContext, 'store' | 'now'>, completions: readonly Completion[]): Promise<CompletionResult[]> {
  const results: CompletionResult[] = completions.map(() => ({ written: false, finalized: false }));
  const closed = await coverageDb(hub.store.db)
    .transaction()
    .execute(async (trx) => {
      const now = hub.now().toISOString();
      // Per run: what its written tasks add, and the last of them (which is said to have closed it).
      const counted = new Map<string, { done: number; failed: number; users: number; last: number }>();
      for (const [i, { key, outcome, processedBy }] of completions.entries()) {
        const status = outcome.status === 'ok' ? 'done' : 'failed';
        const users = outcome.status === 'ok' ? outcome.coverage.counts.users : 0;
        const stored = storeOutcome(outcome);
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
        if (Number(written.numUpdatedRows) !== 1) continue;
        results[i]!.written = true;
        const run = counted.get(key.runId) ?? { done: 0, failed: 0, users: 0, last: i };
        run.done += 1;
        run.failed += status === 'failed' ? 1 : 0;
        run.users += users;
        run.last = i;
        counted.set(key.runId, run);
      }
      const finalized: string[] = [];
      for (const [runId, run] of counted) {
        const totals = await trx
          .updateTable('coverage_runs')
          .set((eb) => ({
            accounts_done: eb('accounts_done', '+', run.done),
            accounts_failed: eb('accounts_failed', '+', run.failed),
            users_seen: eb('users_seen', '+', run.users),
          }))
          .where('id', '=', runId)
          .returning(['accounts_done', 'accounts_total'])
          .executeTakeFirst();
        // Only this function closes a task of an active run, counting it here in the same transaction, so
        // the run can only be complete once every account is counted: until then, no need to look (a
        // look counts the open tasks, and each of a thousand accounts' completions counted them all).
        if (totals && Number(totals.accounts_done) < Number(totals.accounts_total)) continue;
        if (await finalizeIfComplete(trx, hub, runId)) {
          results[run.last]!.finalized = true;
          finalized.push(runId);
        }
      }
      return finalized;
    });
  // Committed: reads held on these runs may answer now.
  for (const runId of closed) announceCoverageRunEnded(runId);
  return results;
}
