import type { Actor } from '../access/actor.js';
import { HubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import { bulkDb, type BulkRunsTable } from './bulk-tables.js';

/**
 * The run, if the actor may reach it: `not_found` when absent; `forbidden` for a token limited to
 * organizations unless every organization of the run is in its list (a run over A and B is B's too).
 */
export async function requireBulkRunAccess(hub: HubContext, actor: Actor, runId: string): Promise<BulkRunsTable> {
  const db = bulkDb(hub.store.db);
  const run = await db.selectFrom('bulk_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) throw new HubError('not_found', { message: 'No bulk run with this id.' });
  if (actor.organizationIds !== null) {
    const orgs = await db.selectFrom('bulk_tasks').select('organization_id').where('run_id', '=', runId).execute();
    const allowed = new Set(actor.organizationIds);
    if (orgs.some((o) => !allowed.has(o.organization_id))) {
      throw new HubError('forbidden', {
        message: 'This token is not allowed to access that bulk run (it touches organizations outside its list).',
        details: { reason: 'organization_limited' },
      });
    }
  }
  return run;
}
