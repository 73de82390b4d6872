// Below this a number is Unix seconds (v1 logs, v2 authlog `timestamp`); above it, milliseconds.
const SECONDS_BELOW = 1e11;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Epoch ms of a Duo time value, or undefined when it is none: a number (seconds or ms, told apart by
 * size), a digit string of either, or an ISO-8601 date-time. Duo writes microseconds in ISO times
 * (`2026-11-22T12:00:00.351346+00:00`); they are cut to ms, never rounded up, so a row is never
 * placed after the instant it happened. A time without a zone is UTC, as Duo's are.
 */
export function duoTimeMs(value: unknown): number | undefined {
  if (typeof value === 'number') return fromNumber(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d{1,16}(\.\d+)?$/.test(text)) return fromNumber(Number(text));
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = Number(((frac ?? '') + '000').slice(0, 3));
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone && zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const offset = (Number(z[2]) * 60 + Number(z[3])) * 60_000;
    t -= z[1] === '+' ? offset : -offset;
  }
  return Number.isFinite(t) ? t : undefined;
}

function fromNumber(n: number): number | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined;
  return Math.floor(n < SECONDS_BELOW ? n * 1000 : n);
}
