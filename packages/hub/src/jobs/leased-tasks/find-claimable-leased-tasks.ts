import type { LeasedTaskKey, LeasedTaskTable, UntypedDb } from './leased-task-table.js';

/**
 * Tasks of active runs a runner may claim now, oldest run first and in task order: pending ones,
 * and running ones whose lease lapsed before `nowMs`.
 */
export async function findClaimableLeasedTasks(db: UntypedDb, table: LeasedTaskTable, nowMs: number, limit: number): Promise<LeasedTaskKey[]> {
  const nowIso = new Date(nowMs).toISOString();
  const rows = await db
    .selectFrom(`${table.tasks} as t`)
    .innerJoin(`${table.runs} as r`, 'r.id', 't.run_id')
    .select(['t.run_id as run_id', `t.${table.keyColumn} as task_key`])
    .where('r.status', 'in', [...table.activeRunStatuses])
    .where((eb) => eb.or([eb('t.status', '=', 'pending'), eb.and([eb('t.status', '=', 'running'), eb('t.lease_expires_at', '<', nowIso)])]))
    .orderBy('r.created_at')
    .orderBy('r.id')
    .orderBy('t.seq')
    .limit(limit)
    .execute();
  return rows.map((r: { run_id: string; task_key: string }) => ({ runId: r.run_id, key: r.task_key }));
}
