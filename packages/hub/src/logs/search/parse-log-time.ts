const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const EPOCH_MS = /^\d{1,15}$/;
/** 9999-12-31T23:59:59.999Z: later instants cannot be written as ISO-8601 without a sign. */
const MAX_MS = 253_402_300_799_999;

/**
 * Reads a time bound of a log query: epoch milliseconds (digits only), a calendar date
 * (`2026-11-22`, midnight UTC) or an ISO-8601 date-time with a zone. Returns epoch ms, or
 * undefined when the text is none of these (a date that rolls over, such as 2026-02-30, included).
 */
export function parseLogTime(text: string): number | undefined {
  const t = text.trim();
  if (EPOCH_MS.test(t)) {
    const ms = Number(t);
    return ms <= MAX_MS ? ms : undefined;
  }
  const day = ISO_DATE.exec(t);
  if (day) {
    const ms = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    const back = new Date(ms);
    if (back.getUTCMonth() !== Number(day[2]) - 1 || back.getUTCDate() !== Number(day[3])) return undefined;
    return ms;
  }
  if (!ISO_DATE_TIME.test(t)) return undefined;
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse accepts 2026-02-30T00:00Z by rolling over; a bound that silently moves is refused instead.
  const [, y, mo, d] = /^(\d{4})-(\d{2})-(\d{2})/.exec(t)!;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate()) return undefined;
  return ms;
}
