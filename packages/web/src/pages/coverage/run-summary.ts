import type { CoverageRun } from './coverage-api.js';
import { formatCount } from './format.js';

/** How a run reads to a person: whether it is still going, its tone, and the words. */
export interface RunSummary {
  active: boolean;
  tone: 'progress' | 'ok' | 'warning' | 'error';
  headline: string;
  /** Accounts done (scanned or failed) of all, for a progress bar; null before the accounts are known. */
  done: number;
  total: number;
  detail: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * Describes a run: queued and running are active; done with failed accounts is a partial result
 * (a warning: coverage of those accounts is missing, not zero); failed and cancelled end without
 * a snapshot.
 */
export function runSummary(run: CoverageRun): RunSummary {
  const { accounts_total: total, accounts_done: done, accounts_failed: failed, users_seen: users } = run.progress;
  const counted = `${formatCount(done)} of ${plural(total, 'account')} done${failed > 0 ? ` (${formatCount(failed)} failed)` : ''}, ${plural(users, 'user')} seen`;
  switch (run.status) {
    case 'queued':
      return { active: true, tone: 'progress', headline: 'Run queued: waiting for a worker.', done, total, detail: counted };
    case 'running':
      return { active: true, tone: 'progress', headline: 'Run in progress.', done, total, detail: counted };
    case 'done':
      return failed > 0
        ? {
            active: false,
            tone: 'warning',
            headline: `Partial result: ${plural(failed, 'account')} could not be scanned; ${failed === 1 ? 'its' : 'their'} coverage is missing from this snapshot, not zero.`,
            done,
            total,
            detail: counted,
          }
        : { active: false, tone: 'ok', headline: 'Run finished.', done, total, detail: counted };
    case 'failed':
      return {
        active: false,
        tone: 'error',
        headline: `Run failed: ${run.error?.message ?? 'no account could be scanned.'}`,
        done,
        total,
        detail: `${counted}. No snapshot was taken.`,
      };
    case 'cancelled':
      return { active: false, tone: 'warning', headline: 'Run cancelled. No snapshot was taken.', done, total, detail: counted };
  }
}
