/**
 * Duo sends instants as epoch seconds (`created`, `last_login`, `date_added`, `expiration`...), some
 * as epoch milliseconds (log `timestamp`s in v2 logs) and a few as ISO strings without a zone
 * (`last_seen`). The result viewer shows them as dates; these functions decide which values are dates.
 */

/** Field names that hold an instant when their value looks like one. */
const DATE_NAME = /^(created|updated|modified|timestamp|ts|ctime|mtime|date|expiration|expires|mintime|maxtime)$|(_|^)(login|created|updated|modified|changed|added|sync|seen|time|timestamp|date|expiration|expires|expiry|at)$/i;

/** Seconds from 2001-09-09 to 2286-11-20; milliseconds over the same span. */
const SECONDS = [1e9, 1e10] as const;
const MILLIS = [1e12, 1e13] as const;

/** Whether a field name reads as an instant (`last_login`, `date_added`, `expiration`...). */
export function isDateName(name: string): boolean {
  return DATE_NAME.test(name);
}

/**
 * The instant a field holds, as epoch milliseconds, or null when it is not a date: the name must read
 * as one and the value must be epoch seconds or milliseconds in a plausible range (a number or a string
 * of digits), or an ISO-8601 date-time (Duo's zone-less ones are UTC).
 */
export function epochMillis(name: string, value: unknown): number | null {
  if (!isDateName(name)) return null;
  let n: number | null = null;
  if (typeof value === 'number' && Number.isFinite(value)) n = value;
  else if (typeof value === 'string' && /^\d{9,13}(\.\d+)?$/.test(value)) n = Number(value);
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) {
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value.replace(' ', 'T')}Z`;
    const ms = Date.parse(zoned);
    return Number.isNaN(ms) ? null : ms;
  }
  if (n === null) return null;
  if (n >= SECONDS[0] && n < SECONDS[1]) return Math.round(n * 1000);
  if (n >= MILLIS[0] && n < MILLIS[1]) return Math.round(n);
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An instant as `YYYY-MM-DD HH:MM` in `timeZone` (the viewer's own when left out): sortable and the
 * same in every locale; the zone is named once beside the table rather than in every cell.
 */
export function formatInstant(ms: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${pad(Number(get('hour')) % 24)}:${get('minute')}`;
}

/** The viewer's time zone name (e.g. `Europe/Berlin`), for the note beside a table of dates. */
export function viewerTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}
