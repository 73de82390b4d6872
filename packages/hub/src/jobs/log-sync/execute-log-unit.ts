import { sleep, type RetryOptions } from '@duohub/sdk';
import { HubError } from '../../errors/hub-error.js';
import type { HubContext } from '../../hub-context.js';
import { keepLearnedLimits } from '../../integrations/remember-learned-limits.js';
import { logAccountOwner } from '../../logs/log-account-owner.js';
import { isRetryableLogFailure, logSyncError } from '../../logs/sync/log-sync-error.js';
import { logSourceOf } from '../../logs/sync/log-sources.js';
import { logSyncDb } from '../../logs/sync/log-sync-tables.js';
import { completeLogUnit, LostLogClaimError, releaseLogUnit, reloadClaimedUnit, renewLogUnit, type ClaimedLogUnit } from '../../logs/sync/log-unit-claim.js';
import { logPageFetcher } from '../../logs/sync/fetch-log-page.js';
import { syncLogUnit, type LogReadSettings, type LogUnitRunResult } from '../../logs/sync/sync-log-unit.js';
import type { PageSlots } from '../../reports/mfa-coverage/index.js';
import { logPageGate } from './log-page-gate.js';
import { openLogClient, type LogClient } from './open-log-client.js';

/** How a claimed unit is worked on. */
export interface ExecuteLogUnitOptions {
  replicaId: string;
  workerId: string;
  settings: LogReadSettings;
  retry?: RetryOptions | false | undefined;
  /** The process's bound on pages in flight. */
  slots: PageSlots;
  /** Tries within the run while Duo keeps failing (see `LogSyncJobOptions.maxAttempts`). */
  maxAttempts: number;
  attemptBackoffMs: number;
}

/** How working on a unit ended: `done` or `failed` (recorded), `released` (runner stopping), `lost` (taken over). */
export type LogUnitExecution = { outcome: 'done' | 'failed'; again: boolean; run: LogUnitRunResult } | { outcome: 'released' | 'lost'; again: false; run: LogUnitRunResult };

/**
 * Syncs a claimed unit and records the outcome. While it works the lease is renewed at a third of
 * its length (and with every stored page); a failed renewal means another worker took the unit over,
 * and the run stops without writing. Aborting `signal` (runner stopping) stops the run and hands the
 * claim back: what was stored stays, and any runner resumes from the checkpoint. Duo failing (429s,
 * 5xx, resets beyond the SDK's retries) is tried again within the run, from the checkpoint, up to
 * `maxAttempts`; then, or for a failure that would repeat (a missing permission), the run is
 * recorded as failed and the unit waits for its next request.
 */
export async function executeLogUnit(hub: HubContext, claimed: ClaimedLogUnit, options: ExecuteLogUnitOptions, signal?: AbortSignal): Promise<LogUnitExecution> {
  const db = logSyncDb(hub.store.db);
  const run: LogUnitRunResult = { pages: 0, fetched: 0, inserted: 0 };
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) controller.abort(signal.reason);
  signal?.addEventListener('abort', onOuterAbort, { once: true });
  let lost = false;
  let renewing: Promise<void> | undefined;
  const timer = setInterval(() => {
    renewing ??= renewLogUnit(db, claimed, options.settings.leaseMs, hub.now().getTime())
      .then((ok) => {
        if (!ok && !controller.signal.aborted) {
          lost = true;
          controller.abort(new LostLogClaimError());
        }
      })
      // A store hiccup is not a lost claim; the next tick tries again while the lease still stands.
      .catch(() => {})
      .finally(() => (renewing = undefined));
  }, Math.max(50, Math.floor(options.settings.leaseMs / 3)));

  const target = { integrationId: claimed.key.integrationId, accountId: claimed.key.accountId };
  let failure: unknown;
  try {
    failure = await work();
  } catch (error) {
    if (lost || error instanceof LostLogClaimError) return { outcome: 'lost', again: false, run };
    if (controller.signal.aborted) {
      await renewing;
      await releaseLogUnit(db, claimed).catch(() => {});
      return { outcome: 'released', again: false, run };
    }
    failure = error;
  } finally {
    clearInterval(timer);
    signal?.removeEventListener('abort', onOuterAbort);
  }
  await renewing;
  if (failure !== undefined) {
    const level = isRetryableLogFailure(failure) || logSyncError(failure).kind !== 'internal' ? 'warn' : 'error';
    hub.logger[level]({ err: failure, ...logFields(claimed) }, 'log sync run failed; the unit waits for its next request');
  }
  const again = await completeLogUnit(db, claimed, {
    fetched: run.fetched,
    inserted: run.inserted,
    error: failure === undefined ? null : JSON.stringify(logSyncError(failure)),
    nowMs: hub.now().getTime(),
  });
  if (again === undefined) return { outcome: 'lost', again: false, run };
  return { outcome: failure === undefined ? 'done' : 'failed', again, run };

  /** Runs the sync (with its tries); resolves undefined on success, or the failure to record. */
  async function work(): Promise<unknown> {
    const source = logSourceOf(claimed.key.logType);
    if (!source) return new Error(`log type ${claimed.key.logType} is not synced by this hub version`);
    let client: LogClient | 'admin' | 'accounts';
    try {
      client = await openLogClient(hub, { ...target, apiHostname: claimed.row.api_hostname }, options.retry);
    } catch (error) {
      // The integration is gone, its keys cannot be opened, or its host is no longer allowed: recorded as the run's failure.
      return error;
    }
    if (typeof client === 'string') {
      return new HubError('credentials_missing', {
        message: `The integration has no ${client === 'admin' ? 'Admin' : 'Accounts'} API keys, which this account's logs are read with.`,
        details: { needs: client },
      });
    }
    const { admin, pacer } = client;
    // A child whose host was not listed is looked up once, so its pacing key is the one its calls use.
    const host = admin.host || (await admin.getHost());
    const gate = logPageGate(pacer, { host, accountId: admin.accountId, endpointClass: 'admin_logs' }, options.slots);
    const deps = {
      db,
      source,
      fetchPage: logPageFetcher(admin, source),
      // Each page is tagged again with the owner as of its commit (`commitLogPage`).
      owner: { ...target, organizationId: await logAccountOwner(hub.store.db, target.integrationId, target.accountId) },
      settings: options.settings,
      now: () => hub.now().getTime(),
      pageGate: gate,
      signal: controller.signal,
      logger: hub.logger,
    };
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          // A try after a failure goes on from the checkpoint the earlier tries committed, not from the claim's.
          await syncLogUnit(attempt === 1 ? claimed : await reloadClaimedUnit(db, claimed), deps, run);
          return undefined;
        } catch (error) {
          if (controller.signal.aborted || error instanceof LostLogClaimError) throw error;
          if (attempt >= options.maxAttempts || !isRetryableLogFailure(error)) return error;
          hub.logger.info({ err: error, attempt, ...logFields(claimed) }, 'log sync page failed; trying again from the checkpoint');
          await sleep(Math.min(30_000, options.attemptBackoffMs * 2 ** (attempt - 1)), controller.signal);
        }
      }
    } finally {
      await keepLearnedLimits(hub, target);
    }
  }
}

/** The fields naming a unit in log lines. */
function logFields(claimed: ClaimedLogUnit) {
  return { integration_id: claimed.key.integrationId, duo_account_id: claimed.key.accountId, log_type: claimed.key.logType };
}

