import { fleetTotals, type AccountOutcome } from '../../reports/mfa-coverage/index.js';
import type { HubContext } from '../../hub-context.js';
import type { CoverageDb, CoverageSnapshotRowsTable } from './coverage-tables.js';

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

  const tasks = await db
    .selectFrom('coverage_tasks')
    .select(['account_id', 'seq', 'name', 'status', 'result'])
    .where('run_id', '=', runId)
    .orderBy('seq')
    .execute();
  const outcomes: Array<{ seq: number; outcome: AccountOutcome }> = [];
  for (const t of tasks) {
    if (t.result) outcomes.push({ seq: t.seq, outcome: JSON.parse(t.result) as AccountOutcome });
  }
  const allFailed = outcomes.length > 0 && outcomes.every((o) => o.outcome.status === 'failed');
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

  const mapped = await db
    .selectFrom('organizations')
    .select(['id', 'name', 'duo_account_id'])
    .where('integration_id', '=', run.integration_id)
    .where('duo_account_id', 'is not', null)
    .execute();
  const orgByAccount = new Map(mapped.map((o) => [o.duo_account_id!, o]));
  const totals = fleetTotals(outcomes.map((o) => o.outcome));
  await db
    .insertInto('coverage_snapshots')
    .values({ id: runId, integration_id: run.integration_id, taken_at: new Date(run.now_ms).toISOString(), finished_at: finishedAt, totals: JSON.stringify(totals) })
    .execute();
  const rows: CoverageSnapshotRowsTable[] = outcomes.map(({ seq, outcome }) => {
    const org = orgByAccount.get(outcome.task.account_id);
    const base = {
      snapshot_id: runId,
      account_id: outcome.task.account_id,
      seq,
      organization_id: org?.id ?? null,
      organization_name: org?.name ?? null,
      duo_account_name: outcome.task.name,
    };
    if (outcome.status === 'failed') {
      return { ...base, status: 'failed', users: 0, mfa: 0, no_mfa: 0, coverage: null, mfa_user_ids: null, error: JSON.stringify(outcome.error) };
    }
    const { counts, percentages, usersWithoutMfa, scan, mfaUserIds } = outcome.coverage;
    return {
      ...base,
      status: 'ok',
      users: counts.users,
      mfa: counts.mfa,
      no_mfa: counts.noMfa,
      coverage: JSON.stringify({ counts, percentages, usersWithoutMfa, scan }),
      mfa_user_ids: mfaUserIds ? JSON.stringify(mfaUserIds) : null,
      error: null,
    };
  });
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('coverage_snapshot_rows').values(rows.slice(i, i + 100)).execute();
  return true;
}
