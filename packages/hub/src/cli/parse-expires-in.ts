const DAYS: Record<string, number> = { d: 1, w: 7, y: 365 };

/**
 * Days from `duohub tokens create --expires-in`: `30d`, `2w`, `1y` or a bare number of days. The
 * hub counts whole days (`expires_in_days`), so hours and minutes are refused rather than rounded.
 */
export function parseExpiresIn(value: string): number {
  const m = /^(\d+)\s*([dwy]?)$/i.exec(value.trim());
  const days = m ? Number(m[1]) * DAYS[(m[2] || 'd').toLowerCase()]! : NaN;
  if (!Number.isSafeInteger(days) || days < 1) {
    throw new Error(`--expires-in must be a whole number of days, weeks or years such as 30d, 2w or 1y (got ${JSON.stringify(value)})`);
  }
  return days;
}
