import type { DuoAdminClient } from '@duohub/sdk';
import type { LogPageAnswer, LogPageRequest, LogSource } from './log-sources.js';

/** Reads one page of a source for one Duo account. */
export type FetchLogPage = (request: LogPageRequest) => Promise<LogPageAnswer>;

/**
 * Pages of `source` through an Admin API client (the parent's, or a child's through the Accounts
 * API): the SDK's page methods, declared in the `admin_logs` pacing class, so every read draws
 * from the account's log budget shared with the hub's other log calls.
 */
export function logPageFetcher(client: DuoAdminClient, source: LogSource): FetchLogPage {
  return (request) => source.read(client.logs, request);
}
