import { COVERAGE_TASK_STATUSES, type CoverageTaskStatus } from './coverage-tables.js';

/**
 * Which of a run's tasks its view lists: every account's, none (progress alone), or those in the given
 * statuses (`running,failed`: what is under way and what went wrong, the same few rows on any fleet).
 */
export type CoverageRunTasks = 'all' | 'none' | readonly CoverageTaskStatus[];

/** `tasks=` as a caller writes it: `all`, `none`, or statuses separated by commas. */
export function parseTaskSelection(text: string): { ok: true; value: CoverageRunTasks } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === 'all' || trimmed === 'none') return { ok: true, value: trimmed };
  const parts = trimmed.split(',').map((p) => p.trim());
  const unknown = parts.filter((p) => !(COVERAGE_TASK_STATUSES as readonly string[]).includes(p));
  if (unknown.length > 0) {
    const shown = unknown.map((p) => JSON.stringify(p)).join(', ');
    return { ok: false, message: `unknown task status ${shown}: give all, none, or statuses among ${COVERAGE_TASK_STATUSES.join(', ')}, separated by commas` };
  }
  // In the declared order and once each, so equal selections read the same.
  return { ok: true, value: COVERAGE_TASK_STATUSES.filter((s) => parts.includes(s)) };
}

/** Whether a selection lists tasks of `status`. */
export function selectsStatus(which: CoverageRunTasks, status: CoverageTaskStatus): boolean {
  return which === 'all' || (which !== 'none' && which.includes(status));
}
