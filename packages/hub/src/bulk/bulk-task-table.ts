import type { LeasedTaskTable } from '../jobs/leased-tasks/leased-task-table.js';

/** `bulk_tasks` as a leased-task table: one task per organization of a run, claimable while the run is queued or running. */
export const bulkTaskTable: LeasedTaskTable = {
  tasks: 'bulk_tasks',
  runs: 'bulk_runs',
  keyColumn: 'organization_id',
  activeRunStatuses: ['queued', 'running'],
  startingRunStatuses: ['queued'],
};
