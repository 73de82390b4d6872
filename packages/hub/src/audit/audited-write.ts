import type { Transaction } from 'kysely';
import type { Actor } from '../access/actor.js';
import { isHubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import type { Database } from '../store/database.js';
import { recordAudit, type AuditTarget } from './record-audit.js';

/**
 * Runs one write in one transaction and records it: the success entry commits with the write,
 * a failure entry is written after the rollback (so a failed write leaves only its audit line).
 */
export async function auditedWrite<T>(
  hub: HubContext,
  actor: Actor,
  meta: AuditTarget,
  write: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  try {
    return await hub.store.db.transaction().execute(async (trx) => {
      const result = await write(trx);
      await recordAudit(trx, hub, actor, meta, 'success');
      return result;
    });
  } catch (error) {
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
}

/** Records a write that failed before or during its transaction (`denied` for forbidden ones). */
export async function auditFailure(hub: HubContext, actor: Actor, meta: AuditTarget, error: unknown): Promise<void> {
  const outcome = isHubError(error) && error.code === 'forbidden' ? 'denied' : 'failure';
  try {
    await recordAudit(hub.store.db, hub, actor, meta, outcome, isHubError(error) ? error.code : 'internal');
  } catch (auditError) {
    hub.logger.error({ err: auditError, action: meta.action }, 'could not write the failure audit entry');
  }
}
