/** A percentage as the hub gives it (two decimals) without trailing zeros: 83.33 -> "83.33%", 50.5 -> "50.5%", 100 -> "100%". */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return `${(Math.round(value * 100) / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

/** A count with thousands separators that do not depend on the browser's locale: 12345 -> "12,345". */
export function formatCount(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An instant as `YYYY-MM-DD HH:MM UTC` (with `:SS` when `seconds`, for pickers where two snapshots may
 * fall in one minute): snapshots are compared across people and time zones, so the page names one
 * zone instead of each viewer's own. Unreadable input is returned as it came.
 */
export function formatDateTime(iso: string, options: { seconds?: boolean } = {}): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const secs = options.seconds ? `:${pad(d.getUTCSeconds())}` : '';
  return `${formatDate(iso)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${secs} UTC`;
}

/** The UTC calendar date of an instant, `YYYY-MM-DD`. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const DAY_MS = 86_400_000;

/**
 * A Duo last-login time (unix seconds, null when never) as a date and its age at `nowMs`:
 * "Never", "2026-03-01 (today)", "2026-01-10 (50 days ago)".
 */
export function formatLastLogin(seconds: number | null, nowMs: number): string {
  if (seconds === null) return 'Never';
  const iso = new Date(seconds * 1000).toISOString();
  const days = Math.floor((nowMs - seconds * 1000) / DAY_MS);
  const age = days <= 0 ? 'today' : days === 1 ? '1 day ago' : `${formatCount(days)} days ago`;
  return `${formatDate(iso)} (${age})`;
}

/** A report's user status in words: locked_out -> "locked out". */
export function formatStatus(status: string): string {
  return status.replace(/_/g, ' ');
}

/** The file name of an export: `duohub-<kind>-<date of the snapshot>.csv`. */
export function exportFileName(kind: 'mfa-coverage' | 'users-without-mfa' | 'mfa-coverage-diff', takenAt: string): string {
  return `duohub-${kind}-${formatDate(takenAt)}.csv`;
}
