import type { RetryOptions } from '@duohub/sdk';
import { createActionContext, type ActionContext } from '../actions/action-context.js';
import { findAction } from '../actions/catalog.js';
import { resolveActionClients } from '../actions/resolve-action-clients.js';
import { HubError, isHubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import { keepLearnedLimits, recallLearnedLimits } from '../integrations/remember-learned-limits.js';
import { releaseLeasedTask, renewLeasedTask } from '../jobs/leased-tasks/claim-leased-task.js';
import { keepLease } from '../jobs/leased-tasks/keep-lease.js';
import type { ClaimedLeasedTask } from '../jobs/leased-tasks/leased-task-work.js';
import { bulkDb } from './bulk-tables.js';
import { bulkTaskTable } from './bulk-task-table.js';
import { completeBulkRunIfDone } from './complete-bulk-run.js';
import { executeBulkItem, type ItemEnd, type ItemExecution } from './execute-bulk-item.js';
import { itemTargetKey, pickNextItem } from './pick-next-item.js';

/** How a claimed bulk task is worked on. */
export interface BulkTaskOptions {
  replicaId: string;
  leaseMs: number;
  maxItemAttempts: number;
  /** Items of one organization under way at once (one target at a time); 1 for runs mixing actions. */
  itemsInFlight: number;
  retry?: RetryOptions | false | undefined;
  /** Injectable for tests (see ItemExecution.wait). */
  wait?: ItemExecution['wait'];
}

/** How working on a task ended. */
export type BulkTaskEnd = 'done' | 'released' | 'cancelled' | 'lost';

/**
 * Works through one organization's items of a run in seq order (one Duo account, one rate-limit
 * domain: its pacer spaces the calls), up to `itemsInFlight` at once but never two on one target,
 * renewing the task's lease meanwhile. Before starting an item it looks at the run: paused, or
 * `signal` aborted (runner stopping) -> the claim is handed back once the items under way finish;
 * cancelled -> the task ends as cancelled. When no item is left the task is done, and the last task
 * to end completes the run.
 */
export async function executeBulkTask(hub: HubContext, task: ClaimedLeasedTask, options: BulkTaskOptions, signal: AbortSignal): Promise<BulkTaskEnd> {
  const db = bulkDb(hub.store.db);
  const key = { runId: task.runId, key: task.key };
  const holder = { replicaId: options.replicaId, workerId: task.workerId };
  const lease = keepLease(() => renewLeasedTask(hub.store.db, bulkTaskTable, key, { ...holder, leaseMs: options.leaseMs, nowMs: hub.now().getTime() }), options.leaseMs / 3);
  const waits = AbortSignal.any([signal, lease.lost]);
  const opened = await openOrganizationContext(hub, task.key, options.retry);
  const actions = new Map<string, ReturnType<typeof findAction>>();
  const inFlight = new Map<number, { target: string; done: Promise<ItemEnd> }>();
  const settle = async () => {
    await Promise.allSettled([...inFlight.values()].map((f) => f.done));
  };
  try {
    for (;;) {
      if (lease.lost.aborted) {
        await settle();
        return 'lost';
      }
      const run = await db.selectFrom('bulk_runs').select(['status', 'action_id']).where('id', '=', task.runId).executeTakeFirst();
      if (!run || run.status === 'cancelled' || run.status === 'paused' || signal.aborted) {
        // The items under way finish first (a call is never cut short), then the task ends or is handed back.
        await settle();
        if (lease.lost.aborted) return 'lost';
        if (!run || run.status === 'cancelled') {
          await endTask(hub, key, holder, 'cancelled');
          return 'cancelled';
        }
        await releaseLeasedTask(hub.store.db, bulkTaskTable, key, holder);
        return 'released';
      }
      // Several calls of one account may be under way at once (its pacer still spaces them), so Duo's
      // latency overlaps the pacing wait; runs mixing actions keep strict plan order (one at a time).
      const window = run.action_id === null ? 1 : options.itemsInFlight;
      let started = false;
      if (inFlight.size < window) {
        const candidates = await db
          .selectFrom('bulk_items')
          .selectAll()
          .where('run_id', '=', task.runId)
          .where('organization_id', '=', task.key)
          .where('status', 'in', ['pending', 'calling'])
          .orderBy('seq')
          .limit(2 * window + inFlight.size)
          .execute();
        if (candidates.length === 0 && inFlight.size === 0) {
          if (await endTask(hub, key, holder, 'done')) await completeBulkRunIfDone(hub, task.runId);
          return 'done';
        }
        const item = pickNextItem(candidates, new Set(inFlight.keys()), new Set([...inFlight.values()].map((f) => f.target)));
        if (item) {
          if (!actions.has(item.action_id)) actions.set(item.action_id, findAction(item.action_id));
          const done = executeBulkItem(
            {
              hub,
              holder,
              ctx: opened.ctx,
              action: actions.get(item.action_id),
              maxItemAttempts: options.maxItemAttempts,
              backoff: options.retry || undefined,
              signal: waits,
              ...(options.wait ? { wait: options.wait } : {}),
            },
            item,
          ).finally(() => inFlight.delete(item.seq));
          inFlight.set(item.seq, { target: itemTargetKey(item), done });
          started = true;
        }
      }
      if (!started) {
        // Full window, or every candidate waits on a target under way: wait for the next item to end.
        const ends = await Promise.race([...inFlight.values()].map((f) => f.done));
        if (ends === 'lost') {
          await settle();
          return 'lost';
        }
      }
    }
  } catch (error) {
    // A store failure: let the items under way end, then hand the claim back so any runner can take
    // the task up again now, not after the lease.
    await settle();
    if (!lease.lost.aborted) await releaseLeasedTask(hub.store.db, bulkTaskTable, key, holder).catch(() => {});
    throw error;
  } finally {
    await lease.stop();
    await opened.keepLearnedLimits();
  }
}

/** Ends a task this holder still holds; false when it no longer did. */
async function endTask(hub: HubContext, key: { runId: string; key: string }, holder: { replicaId: string; workerId: string }, status: 'done' | 'cancelled'): Promise<boolean> {
  const res = await bulkDb(hub.store.db)
    .updateTable('bulk_tasks')
    .set({ status, finished_at: hub.now().toISOString(), lease_expires_at: null })
    .where('run_id', '=', key.runId)
    .where('organization_id', '=', key.key)
    .where('status', '=', 'running')
    .where('replica_id', '=', holder.replicaId)
    .where('worker_id', '=', holder.workerId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * The organization's action context through the hub's pooled clients (so the Duo account's pacer is
 * the one every action on it shares), seeded with the limits the store remembers for the account;
 * or the HubError that keeps its items from running.
 */
async function openOrganizationContext(
  hub: HubContext,
  organizationId: string,
  retry: RetryOptions | false | undefined,
): Promise<{ ctx: ActionContext | HubError; keepLearnedLimits(): Promise<void> }> {
  const org = await hub.store.db.selectFrom('organizations').select(['integration_id', 'duo_account_id']).where('id', '=', organizationId).executeTakeFirst();
  const none = async () => {};
  if (!org) return { ctx: new HubError('not_found', { message: 'The organization no longer exists.' }), keepLearnedLimits: none };
  if (!org.integration_id || !org.duo_account_id) {
    return { ctx: new HubError('conflict', { message: 'The organization is not mapped to a Duo account.', details: { organization_id: organizationId } }), keepLearnedLimits: none };
  }
  const target = { integrationId: org.integration_id, accountId: org.duo_account_id };
  await recallLearnedLimits(hub, target);
  const jobHub: HubContext = retry === undefined ? hub : { ...hub, duo: { ...hub.duo, retry } };
  try {
    const resolved = await resolveActionClients(jobHub, { integrationId: org.integration_id, organizationId });
    return {
      ctx: createActionContext({ ...resolved, dryRun: false }),
      keepLearnedLimits: () => keepLearnedLimits(hub, target),
    };
  } catch (error) {
    if (isHubError(error)) return { ctx: error, keepLearnedLimits: none };
    throw error;
  }
}
