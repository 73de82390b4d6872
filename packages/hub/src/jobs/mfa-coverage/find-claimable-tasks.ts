import type { CoverageDb } from './coverage-tables.js';

/**
 * Tasks of active runs that a runner may claim now, oldest run first and in account-list order:
 * pending ones, and running ones whose lease lapsed before `nowMs`.
 */
export async function findClaimableTasks(db: CoverageDb, nowMs: number, limit: number): Promise<Array<{ runId: string; accountId: string }>> {
  const nowIso = new Date(nowMs).toISOString();
  const rows = await db
    .selectFrom('coverage_tasks')
    .innerJoin('coverage_runs', 'coverage_runs.id', 'coverage_tasks.run_id')
    .select(['coverage_tasks.run_id', 'coverage_tasks.account_id'])
    .where('coverage_runs.status', 'in', ['queued', 'running'])
    .where((eb) =>
      eb.or([
        eb('coverage_tasks.status', '=', 'pending'),
        eb.and([eb('coverage_tasks.status', '=', 'running'), eb('coverage_tasks.lease_expires_at', '<', nowIso)]),
      ]),
    )
    .orderBy('coverage_runs.created_at')
    .orderBy('coverage_runs.id')
    .orderBy('coverage_tasks.seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ runId: r.run_id, accountId: r.account_id }));
}
