import type { Actor } from '../../access/actor.js';
import { auditedWrite, auditFailure } from '../../audit/audited-write.js';
import type { HubContext } from '../../hub-context.js';
import { fetchDuoAccounts } from '../../integrations/list-duo-accounts.js';
import { isUniqueViolation } from '../../store/is-unique-violation.js';
import { newId } from '../../store/new-id.js';
import type { CoverageRunTrigger, CoverageTables, CoverageTasksTable } from './coverage-tables.js';
import { finalizeIfComplete } from './finalize-coverage-run.js';

/** What starts a run. */
export interface CreateCoverageRunInput {
  integrationId: string;
  trigger: CoverageRunTrigger;
  /** Scheduled runs only: the slot that makes them unique per integration. */
  scheduleSlot?: string | undefined;
}

/** A run created, or undefined when its schedule slot was already taken (by this or another replica). */
export interface CreatedCoverageRun {
  id: string;
  accountsTotal: number;
}

// SQLite binds at most 32,766 variables; 200 rows of 16 columns stay far below on every driver.
const INSERT_CHUNK = 200;

/**
 * Creates a fleet run: lists the integration's child accounts (Accounts API), then in one
 * transaction writes the run and one pending task per account, in Duo's list order. The run's
 * reference time is fixed here, so every task (and every retry of one) judges staleness alike.
 * Audited as `reports.mfa_coverage.run`. Runners pick the tasks up; nothing is scanned here.
 */
export async function createCoverageRun(hub: HubContext, actor: Actor, input: CreateCoverageRunInput): Promise<CreatedCoverageRun | undefined> {
  const meta = { action: 'reports.mfa_coverage.run', targetType: 'integration', targetId: input.integrationId, inputs: { integration_id: input.integrationId, trigger: input.trigger } };
  let accounts;
  try {
    accounts = await fetchDuoAccounts(hub, input.integrationId);
  } catch (error) {
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  const now = hub.now();
  const id = newId('cov', now.getTime());
  try {
    await auditedWrite(hub, actor, { ...meta, targetType: 'coverage_run', targetId: id }, async (trx) => {
      const db = trx.withTables<CoverageTables>();
      await db
        .insertInto('coverage_runs')
        .values({
          id,
          integration_id: input.integrationId,
          status: 'queued',
          trigger: input.trigger,
          requested_by: actor.tokenId,
          schedule_slot: input.scheduleSlot ?? null,
          now_ms: now.getTime(),
          accounts_total: accounts.length,
          accounts_done: 0,
          accounts_failed: 0,
          users_seen: 0,
          error: null,
          created_at: now.toISOString(),
          started_at: null,
          finished_at: null,
        })
        .execute();
      const rows: CoverageTasksTable[] = accounts.map((a, seq) => ({
        run_id: id,
        account_id: a.account_id,
        seq,
        name: a.name,
        api_hostname: a.api_hostname,
        status: 'pending',
        attempts: 0,
        replica_id: null,
        worker_id: null,
        lease_expires_at: null,
        users_seen: 0,
        processed_by: null,
        result: null,
        coverage: null,
        users_without_mfa: null,
        mfa_user_ids: null,
        error: null,
        started_at: null,
        finished_at: null,
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) await db.insertInto('coverage_tasks').values(rows.slice(i, i + INSERT_CHUNK)).execute();
      // A parent without child accounts has nothing to wait for: its (empty) snapshot is taken now.
      if (rows.length === 0) await finalizeIfComplete(db, hub, id);
    });
  } catch (error) {
    if (input.scheduleSlot !== undefined && isUniqueViolation(error)) return undefined;
    throw error;
  }
  return { id, accountsTotal: accounts.length };
}


