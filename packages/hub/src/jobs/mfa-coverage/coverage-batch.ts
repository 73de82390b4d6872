import { isHubError, type HubError } from '../../errors/hub-error.js';
import type { HubContext } from '../../hub-context.js';
import { loadIntegration, openCredentialSets } from '../../integrations/integration-records.js';
import { loadStoredLimitsOfAccounts } from '../../integrations/pacer-state-records.js';
import { recallStoredLimits } from '../../integrations/remember-learned-limits.js';
import type { ClaimedLeasedTask } from '../leased-tasks/leased-task-work.js';
import { claimedCoverageTask, type ClaimedCoverageTask } from './claim-coverage-task.js';
import { coverageDb } from './coverage-tables.js';
import type { OpenedIntegration } from './open-coverage-client.js';

/** A batch's run as read once for its tasks: its integration and reference time. */
type BatchRun = { integration_id: string; now_ms: number };

/**
 * What a batch of claimed coverage tasks needs from the store, read once for the batch: their runs'
 * integration and reference time, their integrations opened (one decryption per integration, not per
 * account), and their accounts' stored limits recalled into the hub's pacers. A thousand accounts
 * otherwise cost four statements and a decryption each before the first page was asked for.
 */
export class CoverageBatch {
  readonly #runs: ReadonlyMap<string, BatchRun>;
  readonly #integrations: ReadonlyMap<string, OpenedIntegration | HubError>;

  constructor(runs: ReadonlyMap<string, BatchRun>, integrations: ReadonlyMap<string, OpenedIntegration | HubError>) {
    this.#runs = runs;
    this.#integrations = integrations;
  }

  /** The task as its work needs it, or undefined when the batch does not know it (its claim read no columns). */
  claimed(task: ClaimedLeasedTask): ClaimedCoverageTask | undefined {
    const run = this.#runs.get(task.runId);
    const name = task.columns?.['name'];
    const host = task.columns?.['api_hostname'];
    if (!run || typeof name !== 'string' || typeof host !== 'string') return undefined;
    return claimedCoverageTask({ runId: task.runId, accountId: task.key }, { ...run, name, api_hostname: host }, task.attempts);
  }

  /** The integration as opened for the batch (its accounts' limits recalled with it), the error that opening it met, or undefined. */
  integration(integrationId: string): OpenedIntegration | HubError | undefined {
    return this.#integrations.get(integrationId);
  }
}

/** Reads what a claimed batch needs (see `CoverageBatch`); HubErrors opening an integration are kept for its tasks to report. */
export async function prepareCoverageBatch(hub: HubContext, tasks: readonly ClaimedLeasedTask[]): Promise<CoverageBatch> {
  const runIds = [...new Set(tasks.map((t) => t.runId))];
  const rows = await coverageDb(hub.store.db).selectFrom('coverage_runs').select(['id', 'integration_id', 'now_ms']).where('id', 'in', runIds).execute();
  const runs = new Map(rows.map((r) => [r.id, { integration_id: r.integration_id, now_ms: r.now_ms }]));
  const integrations = new Map<string, OpenedIntegration | HubError>();
  for (const integrationId of new Set(rows.map((r) => r.integration_id))) {
    const accountIds = tasks.filter((t) => runs.get(t.runId)?.integration_id === integrationId).map((t) => t.key);
    const stored = await loadStoredLimitsOfAccounts(hub.store.db, integrationId, accountIds);
    for (const accountId of accountIds) recallStoredLimits(hub, { integrationId, accountId }, stored.get(accountId));
    try {
      const record = await loadIntegration(hub.store.db, integrationId);
      integrations.set(integrationId, { record, sets: openCredentialSets(hub.store, record) });
    } catch (error) {
      if (!isHubError(error)) throw error;
      integrations.set(integrationId, error);
    }
  }
  return new CoverageBatch(runs, integrations);
}
