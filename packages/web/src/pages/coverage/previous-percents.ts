import type { TrendPoint } from './coverage-api.js';

/**
 * Each organization's MFA-enabled % in the snapshot just before `snapshotId` in the trend (keyed by
 * Duo account id), for a "change since the previous snapshot" column. Accounts that failed in the
 * earlier snapshot are left out: there is nothing to compare with. Empty when the snapshot is the
 * first, or not in the trend.
 */
export function previousPercents(points: readonly TrendPoint[], snapshotId: string): Map<string, number> {
  const at = points.findIndex((p) => p.snapshot_id === snapshotId);
  const before = at > 0 ? points[at - 1] : undefined;
  const out = new Map<string, number>();
  for (const o of before?.by_organization ?? []) if (o.status === 'ok') out.set(o.duo_account_id, o.mfa_percent);
  return out;
}

/** A change in percentage points, signed, two decimals at most: "+2.5 pts", "−10 pts", "no change". */
export function formatChange(now: number, before: number | undefined): string {
  if (before === undefined) return '–';
  const delta = Math.round((now - before) * 100) / 100;
  if (delta === 0) return 'no change';
  const abs = String(Math.abs(delta));
  return `${delta > 0 ? '+' : '−'}${abs} pts`;
}
