/**
 * Reads a point in time from a query parameter: a calendar date (`2026-11-22`) means the end of
 * that day in UTC, so "the report at a date" includes runs of that day; anything else must be an
 * ISO-8601 date-time. Returns the ISO instant, or undefined when the text is neither.
 */
export function parseAtParam(text: string): string | undefined {
  const t = text.trim();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (day) {
    const ms = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 23, 59, 59, 999);
    const back = new Date(ms);
    // Reject dates that roll over (2026-02-30).
    if (back.getUTCMonth() !== Number(day[2]) - 1 || back.getUTCDate() !== Number(day[3])) return undefined;
    return back.toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
