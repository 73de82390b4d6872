/**
 * Milliseconds to wait from a `Retry-After` value: delta-seconds (decimals tolerated) or an
 * HTTP date relative to `nowMs`. A date in the past gives 0; anything unparseable gives undefined.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only an HTTP date (it names a weekday or month); Date.parse alone would accept "-5" or "2".
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
