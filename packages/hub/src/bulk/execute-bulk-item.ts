import { backoffDelay, DEFAULT_RETRY } from '@duohub/sdk';
import type { ActionContext } from '../actions/action-context.js';
import type { AnyAction } from '../actions/define-action.js';
import { runAction } from '../actions/run-action.js';
import { HubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import type { LeaseHolder } from '../jobs/leased-tasks/leased-task-table.js';
import { failureOutcome, summarizeOutput, type BulkItemOutcome } from './bulk-item-outcome.js';
import { finishBulkItem, recordItemIntent, returnItemToPending, type SeenItem } from './bulk-item-writes.js';
import type { BulkItemsTable } from './bulk-tables.js';
import { classifyItemFailure } from './classify-item-failure.js';
import { decideItemStep, type ItemStep } from './decide-item-step.js';
import { openBulkItemInput } from './bulk-item-input.js';

/** What executing an item needs beyond the item. */
export interface ItemExecution {
  hub: HubContext;
  holder: Pick<LeaseHolder, 'replicaId' | 'workerId'>;
  /** The organization's action context, or why there is none (organization unmapped, credentials missing). */
  ctx: ActionContext | HubError;
  action: AnyAction | undefined;
  maxItemAttempts: number;
  /** The backoff between calls after a 429 or an unsent request (the job's retry schedule; default Duo's 1 -> 32 s). */
  backoff?: Partial<typeof DEFAULT_RETRY> | undefined;
  /** Aborts waits between calls (runner stopping, claim lost); a call under way is never cut short by it. */
  signal: AbortSignal;
  /** Injectable for tests: waits `ms` unless `signal` aborts first (then resolves false). */
  wait?: (ms: number, signal: AbortSignal) => Promise<boolean>;
}

/** How working on an item ended: it reached a final status, it was handed back (stop), or the claim was lost. */
export type ItemEnd = 'finished' | 'handed_back' | 'lost';

/**
 * Runs one item to a final status, following `decideItemStep`: intent is recorded (committed)
 * before every call; 429s and unsent requests are called again after a backoff; an ambiguous
 * failure, or an item found `calling` after a crash, is called again only for idempotent actions,
 * reconciled by reading back when the action declares `reconcile`, and otherwise left for review.
 */
export async function executeBulkItem(run: ItemExecution, row: BulkItemsTable): Promise<ItemEnd> {
  const { hub, action } = run;
  const seen: SeenItem = { runId: row.run_id, seq: row.seq, organizationId: row.organization_id, status: row.status, attempts: row.attempts };
  const finish = async (status: 'done' | 'skipped' | 'failed' | 'review', outcome: BulkItemOutcome): Promise<ItemEnd> =>
    (await finishBulkItem(hub, seen, row, status, outcome)) ? 'finished' : 'lost';

  if (!action) return finish('failed', { code: 'not_found', message: `No action has the id ${row.action_id}.` });
  const traits = { idempotent: action.idempotent, destructive: action.destructive === true, canReconcile: typeof action.reconcile === 'function' };
  if (seen.status !== 'pending' && seen.status !== 'calling') return 'finished';
  let step: ItemStep = decideItemStep({ at: 'found', status: seen.status }, traits);
  // Without an organization context nothing can be called or read back: pending items fail, and an
  // item left `calling` cannot be settled by this holder.
  if (run.ctx instanceof HubError) {
    return seen.status === 'pending' ? finish('failed', failureOutcome(run.ctx)) : finish('review', reviewOutcome(action, run.ctx));
  }
  const ctx = run.ctx;
  let input: unknown;
  try {
    input = openBulkItemInput(hub.store, row.run_id, row.seq, row.input_sealed);
  } catch {
    return finish(seen.status === 'pending' ? 'failed' : 'review', { code: 'internal', message: "The item's input could not be opened (master key?)." });
  }
  let lastError: unknown;
  for (;;) {
    switch (step.do) {
      case 'call': {
        if (!(await recordItemIntent(hub, seen, run.holder))) return 'lost';
        seen.status = 'calling';
        seen.attempts += 1;
        try {
          const result = await runAction(action, ctx, input);
          const summary = summarizeOutput(result.output);
          return finish('done', summary ? { summary } : {});
        } catch (error) {
          if (!(error instanceof HubError)) hub.logger.warn({ err: error, run_id: seen.runId, seq: seen.seq }, 'bulk item call failed unexpectedly');
          lastError = error;
          step = decideItemStep({ at: 'failed', kind: classifyItemFailure(error), attemptsLeft: seen.attempts < run.maxItemAttempts }, traits);
        }
        break;
      }
      case 'call_later': {
        if (!(await returnItemToPending(hub, seen))) return 'lost';
        seen.status = 'pending';
        const delay = backoffDelay(Math.max(0, seen.attempts - 1), { ...DEFAULT_RETRY, ...run.backoff }, Math.random);
        if (!(await (run.wait ?? abortableWait)(delay, run.signal))) return 'handed_back';
        step = { do: 'call' };
        break;
      }
      case 'reconcile': {
        let verdict: 'applied' | 'not_applied' | 'unknown';
        try {
          const parsed = action.input.parse(input);
          verdict = await action.reconcile!(ctx, parsed);
        } catch (error) {
          hub.logger.warn({ err: error, run_id: seen.runId, seq: seen.seq }, 'reading back a bulk item failed; it goes to review');
          verdict = 'unknown';
        }
        step = decideItemStep({ at: 'reconciled', verdict, attemptsLeft: seen.attempts < run.maxItemAttempts }, traits);
        if (step.do === 'finish' && step.reconciled) return finish('done', { reconciled: true, summary: 'read back: the call had taken effect' });
        break;
      }
      case 'finish':
        if (step.status === 'review') return finish('review', reviewOutcome(action, lastError));
        return finish(step.status, lastError === undefined ? {} : failureOutcome(lastError));
    }
  }
}

/** Why an item needs a person: its call may or may not have been carried out. */
function reviewOutcome(action: AnyAction, cause: unknown): BulkItemOutcome {
  const why = failureOutcome(cause);
  const check = action.reconcile ? 'reading back could not tell' : `${action.id} cannot be checked by reading back`;
  return {
    ...(cause === undefined ? {} : { duo_code: why.duo_code, http_status: why.http_status }),
    code: 'review',
    message: `The call may or may not have been carried out (${cause === undefined ? 'the hub stopped before its answer' : why.message ?? 'no answer'}); ${check}. Check it before running it again.`,
  };
}

/** Waits `ms`; resolves false at once when `signal` aborts. */
function abortableWait(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
