/** A run's progress as the CLI draws it. */
export interface ProgressFigures {
  accounts_total: number;
  accounts_done: number;
  accounts_failed: number;
  users_seen: number;
}

/**
 * One line of plain text: a bar of `width` cells filled by accounts done, the counts, and failures
 * when there are any. `[#########-----------]  9/20 accounts  27,000 users`
 */
export function renderProgress(p: ProgressFigures, width = 30): string {
  const ratio = p.accounts_total > 0 ? Math.min(1, p.accounts_done / p.accounts_total) : 1;
  const filled = Math.round(ratio * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  const total = String(p.accounts_total);
  const failed = p.accounts_failed > 0 ? `  ${p.accounts_failed} failed` : '';
  return `${bar} ${String(p.accounts_done).padStart(total.length)}/${total} accounts  ${p.users_seen.toLocaleString('en-US')} users${failed}`;
}
