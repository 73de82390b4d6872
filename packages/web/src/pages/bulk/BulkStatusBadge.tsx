import { itemStatusBadge, runStatusBadge } from './bulk-badges.ts';

/** A run's or an item's status as a badge (the words carry the meaning; the colour only repeats it). */
export function BulkStatusBadge({ status, of }: { status: string; of: 'run' | 'item' }) {
  const badge = of === 'run' ? runStatusBadge(status) : itemStatusBadge(status);
  return <span className={`badge badge-${badge.tone}`} data-status={status}>{badge.text}</span>;
}
