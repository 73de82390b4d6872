import { FleetTotalsBuilder, type AccountOutcome } from '../../reports/mfa-coverage/index.js';
import type { HubContext } from '../../hub-context.js';
import { organizationsByDuoAccount } from '../../organizations/organization-records.js';
import type { CoverageDb, CoverageSnapshotRowsTable } from './coverage-tables.js';
import { snapshotColumns } from './stored-outcome.js';

const OPEN_TASK = ['pending', 'running'] as const;

/**
 * Closes a run whose every task has an outcome, inside the caller's transaction: marks it `done`
 * (or `failed` when no account could be scanned) and writes its dated snapshot, one row per Duo
 * account with the hub organization mapped to it now. The status update is conditional, so among
 * concurrent finishers (serialized on the run row by the caller) exactly one finalizes.
 * Returns whether this call finalized the run.
 */
export async function finalizeIfComplete(db: CoverageDb, hub: Pick<HubContext, 'now'>, runId: string): Promise<boolean> {
  const open = await db
    .selectFrom('coverage_tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('run_id', '=', runId)
    .where('status', 'in', OPEN_TASK)
    .executeTakeFirstOrThrow();
  if (Number(open.n) > 0) return false;
  const run = await db.selectFrom('coverage_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run || (run.status !== 'queued' && run.status !== 'running')) return false;

  // Only counts here: the results themselves are read below a few at a time, so closing a run of
  // 250,000 users never holds every account's outcome (and its snapshot row) in memory at once.
  const statusCounts = await db
    .selectFrom('coverage_tasks')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('run_id', '=', runId)
    .where('result', 'is not', null)
    .groupBy('status')
    .execute();
  const withOutcome = statusCounts.reduce((n, r) => n + Number(r.n), 0);
  const failedCount = statusCounts.filter((r) => r.status === 'failed').reduce((n, r) => n + Number(r.n), 0);
  const allFailed = withOutcome > 0 && failedCount === withOutcome;
  const finishedAt = hub.now().toISOString();
  const updated = await db
    .updateTable('coverage_runs')
    .set({
      status: allFailed ? 'failed' : 'done',
      finished_at: finishedAt,
      error: allFailed ? JSON.stringify({ code: 'all_accounts_failed', message: 'No account of the run could be scanned.' }) : null,
    })
    .where('id', '=', runId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  if (allFailed) return true;

  const orgByAccount = await organizationsByDuoAccount(db, run.integration_id);
  // The snapshot row goes first (its rows reference it); its totals are filled in once every row is counted.
  await db
    .insertInto('coverage_snapshots')
    .values({ id: runId, integration_id: run.integration_id, taken_at: new Date(run.now_ms).toISOString(), finished_at: finishedAt, totals: '{}' })
    .execute();
  const totals = new FleetTotalsBuilder();
  for (let afterSeq = -1; ; ) {
    const batch = await outcomesAfter(db, runId, afterSeq).execute();
    if (batch.length === 0) break;
    afterSeq = batch.at(-1)!.seq;
    const rows = batch.map((t) => {
      // Since migration 0013 without the coverage's lists, which the row holds ready to copy.
      const outcome = JSON.parse(t.result!) as AccountOutcome;
      totals.add(outcome);
      return snapshotRow(runId, t.seq, outcome, orgByAccount.get(outcome.task.account_id), t);
    });
    await db.insertInto('coverage_snapshot_rows').values(rows).execute();
  }
  await db.updateTable('coverage_snapshots').set({ totals: JSON.stringify(totals.result()) }).where('id', '=', runId).execute();
  return true;
}

// Accounts read at once while closing a run: a few megabytes at 2,500 users each (their lists copied, not parsed).
const FINALIZE_BATCH = 10;

/**
 * The next batch of a run's outcomes after `afterSeq`, in the run's order: each batch reads its own
 * rows through the (`run_id`, `seq`) index (migration 0014), not every task of the run.
 */
export function outcomesAfter(db: CoverageDb, runId: string, afterSeq: number) {
  return db
    .selectFrom('coverage_tasks')
    .select(['seq', 'result', 'coverage', 'users_without_mfa', 'mfa_user_ids'])
    .where('run_id', '=', runId)
    .where('result', 'is not', null)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(FINALIZE_BATCH);
}

/**
 * One account's row of a snapshot, with the organization mapped to it now. Its columns are copied from
 * the task row as written (`stored`; written between migrations 0013 and 0015, the users without MFA
 * are still inside `coverage`, and stay there), or, for a task finished before 0013, made from its
 * full outcome.
 */
function snapshotRow(
  runId: string,
  seq: number,
  outcome: AccountOutcome,
  org: { id: string; name: string } | undefined,
  stored: { coverage: string | null; users_without_mfa: string | null; mfa_user_ids: string | null },
): CoverageSnapshotRowsTable {
  const base = {
    snapshot_id: runId,
    account_id: outcome.task.account_id,
    seq,
    organization_id: org?.id ?? null,
    organization_name: org?.name ?? null,
    duo_account_name: outcome.task.name,
  };
  if (outcome.status === 'failed') {
    return { ...base, status: 'failed', users: 0, mfa: 0, no_mfa: 0, coverage: null, users_without_mfa: null, mfa_user_ids: null, error: JSON.stringify(outcome.error) };
  }
  const { counts } = outcome.coverage;
  const columns = stored.coverage !== null ? stored : snapshotColumns(outcome.coverage);
  return {
    ...base,
    status: 'ok',
    users: counts.users,
    mfa: counts.mfa,
    no_mfa: counts.noMfa,
    coverage: columns.coverage,
    users_without_mfa: columns.users_without_mfa,
    mfa_user_ids: columns.mfa_user_ids,
    error: null,
  };
}
