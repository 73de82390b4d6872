import { DuoInvalidRequestError } from '@duohub/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { commitLogPage, type LogPageCommit } from './commit-log-page.js';
import type { FetchLogPage } from './fetch-log-page.js';
import type { ClaimedLogUnit } from './log-unit-claim.js';
import type { LogSource } from './log-sources.js';
import { readLogSyncCursor } from './log-sync-cursor.js';
import type { LogSyncDatabase } from './log-sync-tables.js';
import { afterSecondsPage, afterWindowPage, planSecondsRead, planWindowRead, type LogReadState } from './plan-log-read.js';
import { toLogEventRow, type LogRowOwner } from './to-log-event-row.js';

/** The settings a run reads with. */
export interface LogReadSettings {
  /** Duo's log delay: nothing newer than now - lag counts as synced. */
  lagMs: number;
  /** How far back a unit's first read starts. */
  backfillMs: number;
  /** The claim's lease, renewed with every stored page. */
  leaseMs: number;
}

/** What one unit's run needs. */
export interface SyncLogUnitDeps {
  db: Kysely<LogSyncDatabase>;
  source: LogSource;
  fetchPage: FetchLogPage;
  owner: LogRowOwner;
  settings: LogReadSettings;
  /** Epoch ms, the hub's clock. */
  now(): number;
  /**
   * Waits until a page may be read (the account's log budget is free, a page slot is taken) and
   * resolves with the slot's release; held while the page is read and stored. Default: no wait.
   */
  pageGate?: ((signal: AbortSignal | undefined) => Promise<() => void>) | undefined;
  signal?: AbortSignal | undefined;
  logger?: Pick<Logger, 'warn'> | undefined;
}

/** What a run did. */
export interface LogUnitRunResult {
  pages: number;
  fetched: number;
  inserted: number;
}

/**
 * Reads one unit from its checkpoint forward and stores every page with the checkpoint's advance in
 * one transaction (`commitLogPage`), so a run stopped anywhere (abort, crash, lost claim) resumes
 * exactly where its last commit left it. Window logs read one window up to now - lag (first
 * finishing a window an earlier run left open); v1 logs read from the stored second until a page
 * is not full. A saved cursor Duo no longer accepts restarts its window from the stored position.
 * Counts go into `result` as pages are stored, so they survive a run that fails part-way.
 */
export async function syncLogUnit(claimed: ClaimedLogUnit, deps: SyncLogUnitDeps, result: LogUnitRunResult = { pages: 0, fetched: 0, inserted: 0 }): Promise<LogUnitRunResult> {
  let state: LogReadState = { syncedThrough: claimed.row.synced_through === null ? null : Number(claimed.row.synced_through), cursor: readLogSyncCursor(claimed.row.cursor) };
  const clock = () => ({ nowMs: deps.now(), lagMs: deps.settings.lagMs, backfillMs: deps.settings.backfillMs });
  const warned = new Set<string>();
  const warnSkip = (from: number | undefined, to: number) => {
    if (from === undefined || warned.has('skip')) return;
    warned.add('skip');
    deps.logger?.warn(
      { integration_id: deps.owner.integrationId, duo_account_id: deps.owner.accountId, log_type: deps.source.type, from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      "log entries older than Duo's 180 days were never synced and can no longer be read",
    );
  };
  const page = async <T>(read: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> => {
    deps.signal?.throwIfAborted();
    const release = deps.pageGate ? await deps.pageGate(deps.signal) : () => {};
    try {
      return await read(deps.signal);
    } finally {
      release();
    }
  };
  const store = async (rows: unknown[], fallbackTime: number, progress: Omit<LogPageCommit, 'rows'>) => {
    const now = new Date(deps.now());
    const prepared = rows.map((row) => toLogEventRow(deps.source, deps.owner, row, now, fallbackTime));
    result.inserted += await commitLogPage(deps.db, claimed, { rows: prepared, ...progress }, { leaseMs: deps.settings.leaseMs, nowMs: now.getTime() });
    result.pages += 1;
    result.fetched += rows.length;
    state = { syncedThrough: progress.syncedThrough, cursor: progress.cursor ?? undefined };
  };

  if (deps.source.paging === 'mintime_seconds') {
    let read = planSecondsRead(state, clock());
    warnSkip(read.skippedFrom, read.mintimeSec * 1000);
    for (;;) {
      const current = read;
      const progress = await page(async (signal) => {
        const got = await deps.fetchPage({ mintime: current.mintimeSec, signal });
        const seconds = timesOf(deps.source, got.items).map((t) => Math.floor(t / 1000));
        const next = afterSecondsPage(current, { count: got.items.length, maxSec: seconds.length ? Math.max(...seconds) : undefined, full: got.items.length >= deps.source.maxPage }, state.syncedThrough);
        await store(got.items, current.mintimeSec * 1000, { cursor: next.cursor, syncedThrough: next.syncedThrough });
        return next;
      });
      if (progress.done) return result;
      read = { ...current, mintimeSec: progress.nextMintimeSec };
    }
  }

  let resumed = state.cursor?.kind === 'window';
  let cursorRetried = false;
  for (;;) {
    const read = planWindowRead(state, clock());
    if (!read) return result;
    warnSkip(read.skippedFrom, read.mintime);
    let done = false;
    try {
      await page(async (signal) => {
        const got = await deps.fetchPage({ mintime: read.mintime, maxtime: read.maxtime, offset: read.offset, signal });
        const times = timesOf(deps.source, got.items);
        const progress = afterWindowPage(read, { count: got.items.length, lastOccurredAt: times.length ? Math.max(...times) : undefined, nextOffset: got.nextOffset }, deps.source.ascending, state.syncedThrough);
        await store(got.items, read.mintime, { cursor: progress.cursor, syncedThrough: progress.syncedThrough });
        done = progress.done;
      });
    } catch (error) {
      // Duo refused a stored cursor (expired, or a format it no longer reads): walk the window again from the stored position.
      if (read.offset !== undefined && !cursorRetried && error instanceof DuoInvalidRequestError) {
        cursorRetried = true;
        const from = Math.max(read.mintime, Math.min(state.syncedThrough ?? read.mintime, read.maxtime));
        state = { syncedThrough: state.syncedThrough, cursor: { kind: 'window', mintime: from, maxtime: read.maxtime } };
        continue;
      }
      throw error;
    }
    if (done) {
      // A window this run began reaches now - lag: caught up. One left open by an earlier run is followed by a fresh one.
      if (!resumed) return result;
      resumed = false;
    }
  }
}

/** The readable times (ms) of a page's rows. */
function timesOf(source: LogSource, rows: unknown[]): number[] {
  const out: number[] = [];
  for (const row of rows) {
    const t = source.extract(row).occurredAt;
    if (t !== undefined) out.push(t);
  }
  return out;
}
