import { requireScope, type Actor } from '../access/actor.js';
import { auditedWrite, auditFailure } from '../audit/audited-write.js';
import { HubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import { bulkDb } from './bulk-tables.js';
import { requireBulkRunAccess } from './require-bulk-run-access.js';

/** Discards a plan that has not started (status `planned`): run, tasks and items go; the audit entry stays. */
export async function discardBulkRun(hub: HubContext, actor: Actor, runId: string): Promise<void> {
  const meta = { action: 'bulk.discard', targetType: 'bulk_run', targetId: runId };
  try {
    requireScope(actor, 'operate');
    await requireBulkRunAccess(hub, actor, runId);
  } catch (error) {
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  await auditedWrite(hub, actor, meta, async (trx) => {
    const db = bulkDb(trx);
    const run = await db.selectFrom('bulk_runs').select('status').where('id', '=', runId).executeTakeFirst();
    if (!run) throw new HubError('not_found', { message: 'No bulk run with this id.' });
    if (run.status !== 'planned') {
      throw new HubError('conflict', { message: `The run is ${run.status}; only a planned run can be discarded (cancel a started one).`, details: { status: run.status } });
    }
    // Children first: foreign keys cascade on Postgres, but SQLite enforces them only when asked.
    await db.deleteFrom('bulk_items').where('run_id', '=', runId).execute();
    await db.deleteFrom('bulk_tasks').where('run_id', '=', runId).execute();
    await db.deleteFrom('bulk_runs').where('id', '=', runId).where('status', '=', 'planned').execute();
  });
}
