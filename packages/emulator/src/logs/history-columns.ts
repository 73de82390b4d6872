import { createRandom } from '../random.js';
import { hashString, mix } from './log-ids.js';
import type { HistorySpec } from './log-records.js';

const DAY_MS = 86_400_000;

/** The logs generated history fills. */
export type HistoryKind = 'authentication' | 'telephony' | 'administrator' | 'activity';

/** Rows per day of each kind, from the spec's authentications per day. */
export function rowsPerDay(spec: HistorySpec, kind: HistoryKind): number {
  const auth = Math.max(0, Math.floor(spec.events_per_day));
  switch (kind) {
    case 'authentication':
      return auth;
    case 'telephony':
      return Math.round(auth * 0.05);
    case 'administrator':
      return auth === 0 ? 0 : Math.max(1, Math.round(auth / 100));
    case 'activity':
      return Math.round(auth / 25);
  }
}

/** The salt every value of one kind of one history derives from. */
export function historySalt(spec: HistorySpec, kind: HistoryKind): number {
  return mix(spec.seed >>> 0, hashString(kind), Math.floor(spec.from_ms / 1000) >>> 0, spec.user_ids.length);
}

// Built on first read and dropped with the spec (a new state, an import, a reset).
const cache = new WeakMap<HistorySpec, Partial<Record<HistoryKind, Float64Array>>>();

/**
 * The times (epoch ms, strictly increasing) of one kind's generated rows: 8 bytes a row, all a row
 * needs to be kept; every other field is derived from the row's index when the row is read.
 */
export function historyTimes(spec: HistorySpec, kind: HistoryKind): Float64Array {
  let entry = cache.get(spec);
  if (!entry) cache.set(spec, (entry = {}));
  const known = entry[kind];
  if (known) return known;
  const days = Math.max(0, Math.floor((spec.to_ms - spec.from_ms) / DAY_MS));
  const perDay = rowsPerDay(spec, kind);
  const times = new Float64Array(days * perDay);
  const salt = historySalt(spec, kind);
  const day = new Float64Array(perDay);
  let previous = -Infinity;
  for (let d = 0; d < days; d++) {
    const random = createRandom(mix(salt, d));
    const start = spec.from_ms + d * DAY_MS;
    for (let i = 0; i < perDay; i++) day[i] = start + Math.floor(random() * DAY_MS);
    day.sort();
    for (let i = 0; i < perDay; i++) {
      // Strictly increasing times make (time) alone a total order within the history.
      const t = Math.max(day[i]!, previous + 1);
      times[d * perDay + i] = t;
      previous = t;
    }
  }
  // A row pushed past the end by the strict ordering is dropped rather than dated after the seed.
  let n = times.length;
  while (n > 0 && times[n - 1]! >= spec.to_ms) n--;
  const out = n === times.length ? times : times.slice(0, n);
  entry[kind] = out;
  return out;
}

/** Bytes the history columns built so far hold (for memory figures). */
export function historyBytes(spec: HistorySpec): number {
  const entry = cache.get(spec);
  if (!entry) return 0;
  return Object.values(entry).reduce((n, col) => n + (col?.byteLength ?? 0), 0);
}
