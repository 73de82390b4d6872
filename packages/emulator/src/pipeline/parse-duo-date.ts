const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};
const DAYS = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
// RFC 2822 obsolete zone names still emitted by some libraries; offsets in minutes.
const ZONES: Record<string, number> = {
  gmt: 0, ut: 0, utc: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};
const PATTERN =
  /^\s*(?:([A-Za-z]{3}),\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|[A-Za-z]{1,3})\s*$/;

/**
 * Parses the RFC 2822 date Duo clients sign (`Tue, 21 Aug 2012 17:29:18 -0000`, `... GMT`, `... -0500`)
 * to epoch ms; undefined when the text is not such a date. English names only, as Duo requires.
 */
export function parseDuoDate(text: string): number | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const [, day, dd, mon, yyyy, hh, mi, ss, zone] = m;
  if (day !== undefined && !DAYS.has(day.toLowerCase())) return undefined;
  const month = MONTHS[mon!.toLowerCase()];
  if (month === undefined) return undefined;
  let offsetMin: number;
  if (zone![0] === '+' || zone![0] === '-') {
    const sign = zone![0] === '-' ? -1 : 1;
    const hours = Number(zone!.slice(1, 3));
    const minutes = Number(zone!.slice(3, 5));
    if (minutes > 59) return undefined;
    offsetMin = sign * (hours * 60 + minutes);
  } else {
    const named = ZONES[zone!.toLowerCase()];
    if (named === undefined) return undefined;
    offsetMin = named;
  }
  const [d, h, min, s] = [Number(dd), Number(hh), Number(mi), Number(ss ?? '0')];
  if (d < 1 || d > 31 || h > 23 || min > 59 || s > 60) return undefined;
  const utc = Date.UTC(Number(yyyy), month, d, h, min, s);
  // Date.UTC rolls 31 Feb over into March; a real date keeps its day.
  if (new Date(utc).getUTCDate() !== d) return undefined;
  return utc - offsetMin * 60_000;
}
