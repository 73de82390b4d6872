/**
 * Where an unfinished read stands, stored as JSON in `log_checkpoints.cursor`:
 * - `window`: the time window being walked and Duo's cursor to its next page;
 * - `seconds`: the v1 `mintime` (Unix seconds) of the next page.
 */
export type LogSyncCursor =
  | { kind: 'window'; mintime: number; maxtime: number; next_offset?: string | string[] }
  | { kind: 'seconds'; mintime_s: number };

const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Reads a stored cursor; anything unreadable is no cursor (the read restarts from `synced_through`, and the unique key absorbs the overlap). */
export function readLogSyncCursor(text: string | null): LogSyncCursor | undefined {
  if (text === null || text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.kind === 'window' && isMs(v.mintime) && isMs(v.maxtime) && v.mintime <= v.maxtime) {
    const offset = v.next_offset;
    if (offset === undefined) return { kind: 'window', mintime: v.mintime, maxtime: v.maxtime };
    if (typeof offset === 'string' || (Array.isArray(offset) && offset.every((p) => typeof p === 'string'))) {
      return { kind: 'window', mintime: v.mintime, maxtime: v.maxtime, next_offset: offset as string | string[] };
    }
    return undefined;
  }
  if (v.kind === 'seconds' && isMs(v.mintime_s)) return { kind: 'seconds', mintime_s: v.mintime_s };
  return undefined;
}
