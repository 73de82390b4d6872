/** A run's status and counts as the CLI draws them. */
export interface BulkProgressFigures {
  status: string;
  counts: { total: number; pending: number; calling: number; done: number; skipped: number; failed: number; review: number; cancelled: number };
}

/**
 * One line of plain text (pure): a bar of `width` cells filled by items ended, the counts that are
 * not zero, and the run's status. `[##########----------]  120/240 items  done 118  failed 2  running`
 */
export function renderBulkProgress(p: BulkProgressFigures, width = 24): string {
  const c = p.counts;
  const ended = c.done + c.skipped + c.failed + c.review + c.cancelled;
  const ratio = c.total > 0 ? Math.min(1, ended / c.total) : 1;
  const filled = Math.round(ratio * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  const total = String(c.total);
  const parts = (['done', 'skipped', 'failed', 'review', 'cancelled'] as const).filter((k) => c[k] > 0).map((k) => `${k} ${c[k]}`);
  return `${bar} ${String(ended).padStart(total.length)}/${total} items${parts.length ? `  ${parts.join('  ')}` : ''}  ${p.status}`;
}

/** Whether a run has ended (nothing more will happen to it without a person). */
export function bulkRunEnded(status: string): boolean {
  return status === 'completed' || status === 'cancelled' || status === 'planned';
}
