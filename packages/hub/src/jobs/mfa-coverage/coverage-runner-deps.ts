import type { HubContext } from '../../hub-context.js';
import { PageSlots } from '../../reports/mfa-coverage/index.js';
import type { UntypedDb } from '../leased-tasks/leased-task-table.js';
import type { LeasedRunnerDeps } from '../leased-tasks/leased-task-work.js';
import { coverageTaskTable, loadClaimedCoverageTask } from './claim-coverage-task.js';
import { CoverageBatch, prepareCoverageBatch } from './coverage-batch.js';
import { CoverageCompletions } from './coverage-completions.js';
import type { CoverageJobOptions } from './coverage-job-options.js';
import { coverageDb } from './coverage-tables.js';
import { executeCoverageTask } from './execute-coverage-task.js';
import type { LiveCoverageProgress } from './live-coverage-progress.js';

/**
 * What either coverage runner hands the generic leased-task runner: the coverage task table and the
 * work of one task (its page reads bounded by one `pagesInFlight` per process, its users counted in `live`).
 */
export function coverageRunnerDeps(hub: HubContext, options: CoverageJobOptions, live: LiveCoverageProgress): LeasedRunnerDeps {
  const slots = new PageSlots(options.pagesInFlight);
  const completions = new CoverageCompletions(hub);
  return {
    db: () => hub.store.db as unknown as UntypedDb,
    table: coverageTaskTable,
    logger: hub.logger,
    now: () => hub.now().getTime(),
    prepare: (tasks) => prepareCoverageBatch(hub, tasks),
    work: async (task, signal) => {
      const batch = task.prepared instanceof CoverageBatch ? task.prepared : undefined;
      const claimed = batch?.claimed(task) ?? (await loadClaimedCoverageTask(coverageDb(hub.store.db), { runId: task.runId, accountId: task.key }, task.attempts));
      return executeCoverageTask(
        hub,
        claimed,
        {
          replicaId: options.replicaId,
          workerId: task.workerId,
          leaseMs: options.leaseMs,
          retry: options.retry,
          pageSlots: slots,
          live,
          completions,
          opened: batch?.integration(claimed.integrationId),
        },
        signal,
      );
    },
  };
}
