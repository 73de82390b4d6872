import type { BulkCounts, BulkRunStatus } from './bulk-types.ts';

/** How far a run has come, as the progress bar and the poller read it. */
export interface RunProgress {
  /** Items in a final status (done, skipped, failed, review, cancelled). */
  ended: number;
  total: number;
  /** Whole percent of `ended` over `total` (100 for a run without items). */
  percent: number;
  /** Whether the run may still change on its own, so the page keeps polling it. */
  moving: boolean;
  /** How long to wait before the next poll, or null to stop. */
  pollMs: number | null;
}

/** A live run is polled about every second; a paused one (someone may resume it elsewhere) every five. */
export const POLL_MS = 1000;
const PAUSED_POLL_MS = 5000;

/**
 * The progress of a run from its counters (never from its items: the hub keeps the counters current).
 * A run is polled while it moves, and also while calls made before a pause or cancel are still under way
 * (they end as Duo answers them).
 */
export function runProgress(status: BulkRunStatus, counts: BulkCounts): RunProgress {
  const ended = counts.done + counts.skipped + counts.failed + counts.review + counts.cancelled;
  const total = counts.total;
  const percent = total === 0 ? 100 : Math.floor((ended * 100) / total);
  const moving = status === 'queued' || status === 'running';
  const pollMs = moving || (status !== 'planned' && status !== 'draft' && counts.calling > 0) ? POLL_MS : status === 'paused' ? PAUSED_POLL_MS : null;
  return { ended, total, percent, moving, pollMs };
}
