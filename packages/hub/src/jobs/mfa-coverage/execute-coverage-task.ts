import type { RetryOptions } from '@duohub/sdk';
import { isHubError } from '../../errors/hub-error.js';
import type { HubContext } from '../../hub-context.js';
import { resolveDuoClients } from '../../integrations/resolve-duo-clients.js';
import { runCoverageTask, type AccountOutcome } from '../../reports/mfa-coverage/index.js';
import { releaseCoverageTask, renewCoverageTask, type ClaimedCoverageTask } from './claim-coverage-task.js';
import { completeCoverageTask } from './complete-coverage-task.js';
import { coverageDb } from './coverage-tables.js';

/** How a claimed task is worked on. */
export interface ExecuteOptions {
  replicaId: string;
  workerId: string;
  leaseMs: number;
  retry?: RetryOptions | false | undefined;
  /** Claims after which an unexpected error becomes a failed outcome instead of another try. Default 5. */
  maxAttempts?: number | undefined;
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

  let outcome: AccountOutcome;
  try {
    outcome = await scan(hub, claimed, options, controller.signal, (n) => (usersSeen += n));
  } catch (error) {
    if (controller.signal.aborted) {
      await renewing;
      if (lost) return 'aborted';
      await releaseCoverageTask(db, key, options).catch(() => {});
      return 'released';
    }
    if (claimed.attempts < (options.maxAttempts ?? 5)) {
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
  const { written } = await completeCoverageTask(hub, key, outcome, options.replicaId);
  return written ? 'written' : 'duplicate';
}

async function scan(
  hub: HubContext,
  claimed: ClaimedCoverageTask,
  options: ExecuteOptions,
  signal: AbortSignal,
  onUsers: (n: number) => void,
): Promise<AccountOutcome> {
  let clients;
  try {
    clients = await resolveDuoClients(hub.store, { integrationId: claimed.integrationId }, { ...hub.duo, ...(options.retry !== undefined ? { retry: options.retry } : {}) });
  } catch (error) {
    // The integration was deleted or its keys cannot be opened: the account cannot be scanned.
    if (isHubError(error)) return { status: 'failed', task: claimed.task, error: { kind: error.code, message: error.message } };
    throw error;
  }
  const accounts = clients.accounts;
  if (!accounts) {
    return { status: 'failed', task: claimed.task, error: { kind: 'credentials_missing', message: 'The integration has no Accounts API credentials.' } };
  }
  try {
    return await runCoverageTask(accounts, claimed.task, {
      nowMs: claimed.nowMs,
      keepMfaUserIds: true,
      signal,
      onPage: (event) => onUsers(event.usersAdded),
    });
  } finally {
    accounts.close();
    clients.admin?.close();
    clients.auth?.close();
  }
}
