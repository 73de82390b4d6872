import type { Badge, BadgeTone } from '../actions/status-badge.ts';
import type { BulkItemStatus, BulkRunStatus } from './bulk-types.ts';

const RUN_TONES: Record<BulkRunStatus, BadgeTone> = {
  draft: 'neutral',
  planned: 'neutral',
  queued: 'warn',
  running: 'warn',
  paused: 'warn',
  completed: 'ok',
  cancelled: 'bad',
};

const ITEM_TONES: Record<BulkItemStatus, BadgeTone> = {
  pending: 'neutral',
  calling: 'warn',
  done: 'ok',
  skipped: 'neutral',
  failed: 'bad',
  review: 'warn',
  cancelled: 'bad',
};

/** The badge of a run's status; a status the page does not know reads as itself, neutral. */
export function runStatusBadge(status: string): Badge {
  return { text: status.replace(/_/g, ' '), tone: RUN_TONES[status as BulkRunStatus] ?? 'neutral' };
}

/** The badge of an item's status: done is fine, failed and cancelled are wrong, calling and review need a look. */
export function itemStatusBadge(status: string): Badge {
  const text = status === 'review' ? 'needs review' : status;
  return { text, tone: ITEM_TONES[status as BulkItemStatus] ?? 'neutral' };
}
