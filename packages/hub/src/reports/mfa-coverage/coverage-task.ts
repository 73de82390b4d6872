import type { DuoAccount, DuoAccountsClient, DuoAdminClient } from '@duohub/sdk';
import type { AccountCoverage } from './coverage-types.js';
import { scanAccount, type CoverageSource, type ScanAccountOptions } from './scan-account.js';
import { scanError, type ScanError } from './scan-error.js';

/** One unit of a fleet run: a child account to scan. Plain data, so a job queue can carry it. */
export interface CoverageTask {
  account_id: string;
  name: string;
  api_hostname: string;
}

/** A task's result, written once: the account's coverage, or why it could not be scanned. */
export type AccountOutcome =
  | { status: 'ok'; task: CoverageTask; coverage: AccountCoverage }
  | { status: 'failed'; task: CoverageTask; error: ScanError };

/** The tasks of a fleet run, one per child account, in the order Duo lists them. */
export function coverageTasks(accounts: readonly DuoAccount[]): CoverageTask[] {
  return accounts.map((a) => ({ account_id: a.account_id, name: a.name, api_hostname: a.api_hostname }));
}

/**
 * Runs one task through the parent's Accounts API client (`accounts.child(task)`). A failure of the
 * account becomes a `failed` outcome; only cancellation (the signal's reason) is thrown.
 */
export async function runCoverageTask(
  accounts: Pick<DuoAccountsClient, 'child'>,
  task: CoverageTask,
  options: Omit<ScanAccountOptions, 'account'> & {
    /** Wraps the child client before the scan reads it (a fleet run bounds its page reads there). */
    wrapSource?: ((client: DuoAdminClient) => CoverageSource) | undefined;
  } = {},
): Promise<AccountOutcome> {
  try {
    const { wrapSource, ...scanOptions } = options;
    const client = accounts.child({ account_id: task.account_id, api_hostname: task.api_hostname });
    const coverage = await scanAccount(wrapSource ? wrapSource(client) : client, { ...scanOptions, account: task });
    return { status: 'ok', task, coverage };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    return { status: 'failed', task, error: scanError(error) };
  }
}
