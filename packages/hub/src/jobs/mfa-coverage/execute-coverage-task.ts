import type { RetryOptions } from '@duohub/sdk';
import { isHubError, type HubError } from '../../errors/hub-error.js';
import type { HubContext } from '../../hub-context.js';
import { keepLearnedLimits } from '../../integrations/remember-learned-limits.js';
import { fleetPacedSource, runCoverageTask, type AccountOutcome, type PageSlots } from '../../reports/mfa-coverage/index.js';
import { releaseCoverageTask, renewCoverageTask, type ClaimedCoverageTask } from './claim-coverage-task.js';
import { completeCoverageTask } from './complete-coverage-task.js';
import type { CoverageCompletions } from './coverage-completions.js';
import { coverageDb } from './coverage-tables.js';
import type { LiveCoverageProgress } from './live-coverage-progress.js';
import { openCoverageClient, type OpenedIntegration } from './open-coverage-client.js';

/** How a claimed task is worked on. */
export interface ExecuteOptions {
  replicaId: string;
  workerId: string;
  leaseMs: number;
  retry?: RetryOptions | false | undefined;
  /** Claims after which an unexpected error becomes a failed outcome instead of another try. Default 5. */
  maxAttempts?: number | undefined;
  /** The process's fleet-wide bound on page reads in flight; none: only the pacer bounds them. */
  pageSlots?: PageSlots | undefined;
  /** Where this process keeps the users counted by its tasks in progress. */
  live?: LiveCoverageProgress | undefined;
  /** Where outcomes are written with others that end together; absent: written alone. */
  completions?: CoverageCompletions | undefined;
  /** The integration as the task's batch opened it, or the error opening it met; absent: opened here. */
  opened?: OpenedIntegration | HubError | undefined;
}

/** How working on a task ended. */
export type ExecuteResult = 'written' | 'duplicate' | 'aborted' | 'released';

/**
 * Scans a claimed task's account and writes its outcome (once). While scanning, the claim's lease
 * is renewed at a third of its length, with the users counted so far; a failed renewal (run
 * cancelled, task taken over) aborts the scan. Aborting `signal` (runner stopping) stops the scan
 * and writes nothing: the claim is released so any runner can take the task again.
 * Duo failures are outcomes (`failed`); other errors release the claim and rethrow, until the task
 * has been tried `maxAttempts` times, when it becomes a failed outcome so the run can finish.
 */
export async function executeCoverageTask(hub: HubContext, claimed: ClaimedCoverageTask, options: ExecuteOptions, signal?: AbortSignal): Promise<ExecuteResult> {
  const db = coverageDb(hub.store.db);
  const key = { runId: claimed.runId, accountId: claimed.task.account_id };
  const holder = () => ({ replicaId: options.replicaId, workerId: options.workerId, leaseMs: options.leaseMs, nowMs: hub.now().getTime() });
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onOuterAbort, { once: true });
  let usersSeen = 0;
  let lost = false;
  let renewing: Promise<void> | undefined;
  const timer = setInterval(() => {
    renewing ??= renewCoverageTask(db, key, holder(), usersSeen)
      .then((ok) => {
        if (!ok && !controller.signal.aborted) {
          lost = true;
          controller.abort(new Error('the claim on the task was lost'));
        }
      })
      // A store hiccup is not a lost claim; the next tick tries again while the lease still stands.
      .catch(() => {})
      .finally(() => (renewing = undefined));
  }, Math.max(50, Math.floor(options.leaseMs / 3)));

  const onUsers = (n: number) => {
    usersSeen += n;
    options.live?.add(claimed.runId, claimed.task.account_id, n);
  };
  let outcome: AccountOutcome;
  try {
    outcome = await scan(hub, claimed, options, controller.signal, onUsers);
  } catch (error) {
    if (controller.signal.aborted) {
      options.live?.end(claimed.runId, claimed.task.account_id);
      await renewing;
      if (lost) return 'aborted';
      await releaseCoverageTask(db, key, options).catch(() => {});
      return 'released';
    }
    if (claimed.attempts < (options.maxAttempts ?? 5)) {
      options.live?.end(claimed.runId, claimed.task.account_id);
      await releaseCoverageTask(db, key, options).catch(() => {});
      throw error;
    }
    hub.logger.error({ err: error, run_id: claimed.runId, account_id: claimed.task.account_id }, 'coverage task gave up after repeated errors');
    outcome = { status: 'failed', task: claimed.task, error: { kind: 'internal', message: 'internal error while scanning the account' } };
  } finally {
    clearInterval(timer);
    signal?.removeEventListener('abort', onOuterAbort);
  }
  await renewing;
  try {
    const completion = { key, outcome, processedBy: options.replicaId };
    const { written } = await (options.completions?.complete(completion) ?? completeCoverageTask(hub, key, outcome, options.replicaId));
    return written ? 'written' : 'duplicate';
  } finally {
    options.live?.end(claimed.runId, claimed.task.account_id);
  }
}

async function scan(
  hub: HubContext,
  claimed: ClaimedCoverageTask,
  options: ExecuteOptions,
  signal: AbortSignal,
  onUsers: (n: number) => void,
): Promise<AccountOutcome> {
  const target = { integrationId: claimed.integrationId, accountId: claimed.task.account_id };
  let client;
  try {
    if (isHubError(options.opened)) throw options.opened;
    client = await openCoverageClient(hub, target, options.retry, options.opened);
  } catch (error) {
    // The integration was deleted or its keys cannot be opened: the account cannot be scanned.
    if (isHubError(error)) return { status: 'failed', task: claimed.task, error: { kind: error.code, message: error.message } };
    throw error;
  }
  if (!client) {
    return { status: 'failed', task: claimed.task, error: { kind: 'credentials_missing', message: 'The integration has no Accounts API credentials.' } };
  }
  const { accounts, pacer } = client;
  const slots = options.pageSlots;
  try {
    return await runCoverageTask(accounts, claimed.task, {
      nowMs: claimed.nowMs,
      keepMfaUserIds: true,
      signal,
      onPage: (event) => onUsers(event.usersAdded),
      wrapSource: slots ? (child) => fleetPacedSource(child, { slots, pacer }) : undefined,
    });
  } finally {
    // The client is the pool's (its connections serve the next task): nothing to close here.
    await keepLearnedLimits(hub, target);
  }
}

