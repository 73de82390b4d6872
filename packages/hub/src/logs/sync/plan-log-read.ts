import type { LogSyncCursor } from './log-sync-cursor.js';

const DAY_MS = 86_400_000;

/**
 * How far back Duo serves logs: "within the last 180 days", less an hour so that a clock a little
 * ahead of Duo's never asks for a mintime Duo has already dropped.
 */
export const DUO_LOOKBACK_MS = 180 * DAY_MS - 3_600_000;

/** The clock and settings a read is planned with. */
export interface LogReadClock {
  nowMs: number;
  /** Duo's documented delay before an entry shows in its log: nothing newer than now - lag counts as synced. */
  lagMs: number;
  /** How far back the first read of a unit starts. */
  backfillMs: number;
}

/** A unit's position: everything before `syncedThrough` is stored; `cursor` when a read was left unfinished. */
export interface LogReadState {
  syncedThrough: number | null;
  cursor: LogSyncCursor | undefined;
}

/** The next window read, or undefined when the unit is caught up to now - lag. */
export interface WindowRead {
  mintime: number;
  maxtime: number;
  offset?: string | string[];
  /** Set when the stored position lay beyond Duo's 180 days: entries between it and `mintime` are gone from Duo. */
  skippedFrom?: number;
}

/**
 * Plans a windowed read: an unfinished window resumes at its cursor; otherwise a new window runs from
 * `syncedThrough` (or the backfill start) to now - lag - 1 ms. A window never starts before Duo's
 * 180 days, and never ends after now - lag, so an entry Duo logs late is still in a later window.
 */
export function planWindowRead(state: LogReadState, clock: LogReadClock): WindowRead | undefined {
  const oldest = clock.nowMs - DUO_LOOKBACK_MS;
  const c = state.cursor;
  if (c?.kind === 'window') {
    if (c.mintime >= oldest) return { mintime: c.mintime, maxtime: c.maxtime, ...(c.next_offset !== undefined ? { offset: c.next_offset } : {}) };
    // A cursor too old for Duo: restart what is left of its window inside the 180 days.
    const from = Math.max(oldest, state.syncedThrough ?? c.mintime);
    if (from >= c.maxtime) return planWindowRead({ syncedThrough: Math.max(from, c.maxtime + 1), cursor: undefined }, clock);
    return { mintime: from, maxtime: c.maxtime, skippedFrom: state.syncedThrough ?? c.mintime };
  }
  const wanted = state.syncedThrough ?? clock.nowMs - clock.backfillMs;
  const mintime = Math.max(wanted, oldest);
  const maxtime = clock.nowMs - clock.lagMs - 1;
  // Duo (and the SDK) want mintime < maxtime: a window of one instant waits for the next run.
  if (maxtime <= mintime) return undefined;
  return { mintime, maxtime, ...(state.syncedThrough !== null && wanted < oldest ? { skippedFrom: wanted } : {}) };
}

/** What a page of a window read brought. */
export interface WindowPage {
  count: number;
  /** The latest row time of the page (ms), when any row had one. */
  lastOccurredAt: number | undefined;
  nextOffset: string | string[] | undefined;
}

/** The position after a window page is stored. */
export interface WindowProgress {
  cursor: LogSyncCursor | null;
  syncedThrough: number | null;
  done: boolean;
}

/**
 * The position after storing one page of `read`: while Duo hands a new cursor the window goes on
 * (its cursor kept, so a restart resumes at the next page); on the last page `syncedThrough` becomes
 * the window's end + 1. In between, pages sorted oldest first also move `syncedThrough` to the page's
 * latest time (every earlier entry of the window came before it), never past the window's end.
 * A cursor Duo repeats ends the window (a server that does not advance would loop forever).
 */
export function afterWindowPage(read: WindowRead, page: WindowPage, ascending: boolean, syncedThrough: number | null): WindowProgress {
  const repeated = page.nextOffset !== undefined && read.offset !== undefined && JSON.stringify(page.nextOffset) === JSON.stringify(read.offset);
  if (page.count === 0 || page.nextOffset === undefined || repeated) {
    return { cursor: null, syncedThrough: Math.max(syncedThrough ?? 0, read.maxtime + 1), done: true };
  }
  let through = syncedThrough;
  if (ascending && page.lastOccurredAt !== undefined) {
    const at = Math.min(page.lastOccurredAt, read.maxtime + 1);
    if (at >= read.mintime) through = Math.max(through ?? at, at);
  }
  return { cursor: { kind: 'window', mintime: read.mintime, maxtime: read.maxtime, next_offset: page.nextOffset }, syncedThrough: through, done: false };
}

/** The next v1 read: from this Unix second on; `horizon` is now - lag (ms). */
export interface SecondsRead {
  mintimeSec: number;
  horizon: number;
  skippedFrom?: number;
}

/** Plans a v1 read: from the stored next second, else `syncedThrough`'s second (or the backfill start), within Duo's 180 days. */
export function planSecondsRead(state: LogReadState, clock: LogReadClock): SecondsRead {
  const oldestSec = Math.ceil((clock.nowMs - DUO_LOOKBACK_MS) / 1000);
  const horizon = clock.nowMs - clock.lagMs;
  const c = state.cursor;
  const wantedSec = c?.kind === 'seconds' ? c.mintime_s : Math.floor((state.syncedThrough ?? clock.nowMs - clock.backfillMs) / 1000);
  const mintimeSec = Math.max(wantedSec, oldestSec);
  return { mintimeSec, horizon, ...(state.syncedThrough !== null && wantedSec < oldestSec ? { skippedFrom: wantedSec * 1000 } : {}) };
}

/** What a v1 page brought. */
export interface SecondsPage {
  count: number;
  /** The latest row second of the page, when any. */
  maxSec: number | undefined;
  /** Whether the page was full (Duo may hold more from the same point). */
  full: boolean;
}

/** The position after a v1 page, and the next page's mintime while not done. */
export interface SecondsProgress extends WindowProgress {
  nextMintimeSec: number;
}

/**
 * After a v1 page: a page that is not full reached Duo's present, so everything before now - lag is
 * stored. A full page goes on from its latest second (inclusive: rows of that second may continue on
 * the next page, and the unique key absorbs the repeats), or from the second after when the whole
 * page was one second (it could not advance otherwise; Duo's v1 paging cannot reach what lies beyond).
 */
export function afterSecondsPage(read: SecondsRead, page: SecondsPage, syncedThrough: number | null): SecondsProgress {
  if (!page.full || page.count === 0 || page.maxSec === undefined) {
    const through = Math.max(syncedThrough ?? 0, read.horizon);
    return { cursor: null, syncedThrough: through, done: true, nextMintimeSec: Math.floor(through / 1000) };
  }
  const next = page.maxSec > read.mintimeSec ? page.maxSec : read.mintimeSec + 1;
  const at = Math.min(page.maxSec * 1000, read.horizon);
  return { cursor: { kind: 'seconds', mintime_s: next }, syncedThrough: Math.max(syncedThrough ?? at, at), done: false, nextMintimeSec: next };
}
