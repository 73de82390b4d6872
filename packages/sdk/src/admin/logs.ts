import type { Caller } from '../client/duo-client.js';
import { callDeclared } from '../endpoints/call-endpoint.js';
import type { EndpointDeclaration } from '../endpoints/define-endpoint.js';
import { logsActivity, logsAuthentication, logsTelephony } from '../endpoints/logs.js';
import { prepareEndpointCall } from '../endpoints/prepare-endpoint-call.js';
import { DuoConfigError } from '../errors/error-classes.js';
import { cursorPages, type LogCursor } from '../pagination/cursor-pages.js';
import { paginated, type Paginated } from '../pagination/paginated.js';
import { optionalInteger } from '../resources/check.js';
import type { DuoAuthLog, DuoLogItem } from './types.js';

/** v2 log pages hold at most 1000 rows (the declarations' maximum). */
export const LOGS_MAX_PAGE = logsAuthentication.paging.maxLimit;
const DAY_MS = 86_400_000;

/** Options of the v2 log lists (times in epoch milliseconds, or Dates). */
export interface LogListOptions {
  /** Start of the window; required by Duo (within the last 180 days). */
  mintime: number | Date;
  /** End of the window. Default: now. */
  maxtime?: number | Date;
  /** Stop after this many rows. */
  limit?: number;
  /** Rows per request. Default 1000. */
  pageSize?: number;
  sort?: 'ts:asc' | 'ts:desc';
  /**
   * How an array cursor goes back to Duo: one comma-joined value (`joined`, as Duo's docs and the
   * Go and Ruby clients do; default) or the key repeated per element (`repeated`, as Python does).
   */
  cursorStyle?: 'joined' | 'repeated';
  signal?: AbortSignal;
}

/** Filters of the authentication log; each array becomes a repeated parameter. */
export interface AuthLogFilters {
  users?: string[];
  groups?: string[];
  applications?: string[];
  event_types?: string[];
  factors?: string[];
  reasons?: string[];
  results?: string[];
}

/** Admin API v2 logs, walked with Duo's cursor: wrappers over `endpoints/logs.ts` adding the window rules and cursor styles. */
export class LogsResource {
  constructor(
    private readonly caller: Caller,
    private readonly now: () => number,
  ) {}

  /** Authentication log rows (`/admin/v2/logs/authentication`), lazily, 1000 per page by default. */
  authentication(options: LogListOptions & AuthLogFilters): Paginated<DuoAuthLog> {
    const filters: Record<string, string[]> = {};
    for (const key of ['users', 'groups', 'applications', 'event_types', 'factors', 'reasons', 'results'] as const) {
      const list = options[key];
      if (list !== undefined) filters[key] = list;
    }
    return this.walk<DuoAuthLog>(logsAuthentication, options, filters);
  }

  /** Telephony log rows (`/admin/v2/logs/telephony`). */
  telephony(options: LogListOptions): Paginated<DuoLogItem> {
    return this.walk<DuoLogItem>(logsTelephony, options, {});
  }

  /** Activity log rows (`/admin/v2/logs/activity`). */
  activity(options: LogListOptions): Paginated<DuoLogItem> {
    return this.walk<DuoLogItem>(logsActivity, options, {});
  }

  private walk<T>(endpoint: EndpointDeclaration, options: LogListOptions, filters: Record<string, string[]>): Paginated<T> {
    if (typeof options !== 'object' || options === null) throw new DuoConfigError('options', 'log lists need options with mintime');
    const maxtime = options.maxtime === undefined ? this.now() : millis(options.maxtime, 'maxtime');
    if (options.mintime === undefined) throw new DuoConfigError('mintime', 'mintime is required (epoch ms or Date, within the last 180 days)');
    const mintime = millis(options.mintime, 'mintime');
    if (mintime >= maxtime) throw new DuoConfigError('mintime', 'mintime must be earlier than maxtime');
    if (maxtime - mintime > 180 * DAY_MS) throw new DuoConfigError('mintime', 'the window may span at most 180 days');
    const pageSize = optionalInteger(options.pageSize, 'pageSize', 1, LOGS_MAX_PAGE) ?? LOGS_MAX_PAGE;
    optionalInteger(options.limit, 'limit', 0);
    const style = options.cursorStyle ?? 'joined';
    const limit = options.limit;
    const base = {
      mintime,
      maxtime,
      limit: limit === undefined ? pageSize : Math.max(1, Math.min(pageSize, limit)),
      ...(options.sort ? { sort: options.sort } : {}),
      ...filters,
    };
    // Checked where the list is built, not at its first page.
    prepareEndpointCall(endpoint, base);
    const itemsKey = endpoint.paging?.style === 'cursor' ? endpoint.paging.itemsKey : 'items';
    const caller = this.caller;
    return paginated(() =>
      cursorPages<T>({
        itemsKey,
        limit,
        signal: options.signal,
        fetchPage: (cursor, signal) => callDeclared(caller, endpoint, { ...base, ...cursorParams(cursor, style) }, { signal }),
      }),
    );
  }
}

function cursorParams(cursor: LogCursor | undefined, style: 'joined' | 'repeated'): { next_offset?: string[] } {
  if (cursor === undefined) return {};
  if (typeof cursor === 'string') return { next_offset: [cursor] };
  return { next_offset: style === 'joined' ? [cursor.join(',')] : cursor };
}

function millis(value: number | Date, field: string): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new DuoConfigError(field, `${field} must be epoch milliseconds or a Date`);
  // Seconds are the usual slip (v1 APIs use them); a 10-digit value is one.
  if (ms < 1e11) throw new DuoConfigError(field, `${field} looks like Unix seconds; v2 logs take milliseconds`);
  return Math.floor(ms);
}
