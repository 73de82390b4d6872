import type { DuoAccountsClient } from '@duohub/sdk';
import { coverageTasks, runCoverageTask, type AccountOutcome, type CoverageTask } from './coverage-task.js';
import { fleetTotals, type FleetTotals } from './fleet-totals.js';
import { runBounded } from './run-bounded.js';
import type { ScanAccountOptions } from './scan-account.js';

/** Where a fleet run stands. */
export interface FleetProgress {
  accountsTotal: number;
  /** Accounts finished, scanned or failed. */
  accountsDone: number;
  accountsFailed: number;
  /** Distinct users counted so far across the fleet. */
  usersSeen: number;
}

/** Options of `scanFleet`. */
export interface ScanFleetOptions extends Omit<ScanAccountOptions, 'account' | 'onPage'> {
  /** Accounts scanned at once; each is paced on its own budget by the SDK. Default 64. */
  accountConcurrency?: number | undefined;
  /** Only these child accounts (by account_id); default all. */
  accountIds?: readonly string[] | undefined;
  /** Called after every page and every finished account. */
  onProgress?: ((progress: FleetProgress) => void) | undefined;
  /** Called once per account as soon as its outcome is known (a job stores it there). */
  onAccountDone?: ((outcome: AccountOutcome) => void) | undefined;
}

/** A fleet run's result. */
export interface FleetCoverage {
  /** The reference time shared by every account, ISO-8601. */
  asOf: string;
  /** One outcome per account, in account/list order. */
  accounts: AccountOutcome[];
  totals: FleetTotals;
}

/** Accounts scanned at once by default: all of a typical MSP fleet, bounded for very large ones. */
export const DEFAULT_ACCOUNT_CONCURRENCY = 64;

/**
 * Coverage of every child account of a parent: lists them (Accounts API), then runs one task per
 * account in parallel, each through `accounts.child()` and so under that account's own pacing
 * budget. Accounts that fail are reported as failed outcomes; aborting the signal stops the run and
 * rejects with the signal's reason (outcomes already reported through `onAccountDone` stand).
 */
export async function scanFleet(accounts: DuoAccountsClient, options: ScanFleetOptions = {}): Promise<FleetCoverage> {
  const { signal } = options;
  if (signal?.aborted) throw signal.reason;
  const nowMs = options.nowMs ?? Date.now();
  const listed = await accounts.list({ signal });
  let tasks: CoverageTask[] = coverageTasks(listed);
  if (options.accountIds) {
    const wanted = new Set(options.accountIds);
    tasks = tasks.filter((t) => wanted.has(t.account_id));
  }
  const progress: FleetProgress = { accountsTotal: tasks.length, accountsDone: 0, accountsFailed: 0, usersSeen: 0 };
  const report = () => options.onProgress?.({ ...progress });
  report();

  const outcomes: Array<AccountOutcome | undefined> = new Array(tasks.length);
  await runBounded(
    tasks,
    options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY,
    async (task, i) => {
      const outcome = await runCoverageTask(accounts, task, {
        nowMs,
        staleDays: options.staleDays,
        countU2f: options.countU2f,
        pageConcurrency: options.pageConcurrency,
        signal,
        onPage: (event) => {
          if (event.usersAdded === 0) return;
          progress.usersSeen += event.usersAdded;
          report();
        },
      });
      outcomes[i] = outcome;
      progress.accountsDone += 1;
      if (outcome.status === 'failed') progress.accountsFailed += 1;
      options.onAccountDone?.(outcome);
      report();
    },
    signal,
  );

  const done = outcomes.filter((o): o is AccountOutcome => o !== undefined);
  return { asOf: new Date(nowMs).toISOString(), accounts: done, totals: fleetTotals(done) };
}
