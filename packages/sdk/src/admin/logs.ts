/**
 * Duo's logs through the Admin API, two ways: lazy lists (async iterators over every row of a
 * window) and single pages that take a checkpoint cursor and give the next one back, for callers
 * that keep their own checkpoint between runs (log sync).
 *
 * One page per call, with Duo's own cursor:
 *
 * | log | method | cursor in | cursor out | row id |
 * |---|---|---|---|---|
 * | authentication (v2) | `authenticationPage({ mintime, maxtime, limit, next_offset })` | `[ts, txid]` (or `"ts,txid"`) | `nextOffset: [ts, txid]` | `txid` |
 * | telephony (v2) | `telephonyPage({ mintime, maxtime, limit, next_offset })` | `"ts,offset"` | `nextOffset: string` | `telephony_id` |
 * | activity (v2) | `activityPage({ mintime, maxtime, limit, next_offset })` | `"ts,offset"` | `nextOffset: string` | `activity_id` |
 * | administrator (v1) | `administratorPage({ mintime })` | Unix seconds | `nextMintime`, `more` | none: digest the row |
 * | offline enrollment (v1) | `offlineEnrollmentPage({ mintime })` | Unix seconds | `nextMintime`, `more` | none: digest the row |
 * | authentication (v1, deprecated) | `authenticationV1Page({ mintime })` | Unix seconds | `nextMintime`, `more` | `txid` |
 * | telephony (v1, deprecated) | `telephonyV1Page({ mintime })` | Unix seconds | `nextMintime`, `more` | none: digest the row |
 * | Trust Monitor | `trustMonitorPage({ mintime, maxtime, limit, offset, type })` | opaque `offset` | `nextOffset: string` | `sekey` |
 *
 * v2 windows are epoch milliseconds (Dates accepted), `mintime` within the last 180 days; Duo
 * shows a row about two minutes after it happened, so a window should end a little before now.
 * v1 pages hold Duo's 1,000 oldest rows at or after `mintime` (seconds); `nextMintime` is the
 * newest row's second + 1, as Duo documents, and `more` says the page was full, so another call
 * is likely to find rows. `duoLogEntryId` (log-types.ts) names each row's id field.
 */
import type { Caller } from '../client/duo-client.js';
import { callDeclared } from '../endpoints/call-endpoint.js';
import type { EndpointDeclaration } from '../endpoints/define-endpoint.js';
import { logsActivity, logsAuthentication, logsTelephony } from '../endpoints/logs.js';
import { trustMonitorEvents } from '../endpoints/logs-trust-monitor.js';
import { logsAdministrator, logsAuthenticationV1, logsOfflineEnrollment, logsTelephonyV1 } from '../endpoints/logs-v1.js';
import { prepareEndpointCall } from '../endpoints/prepare-endpoint-call.js';
import { DuoConfigError } from '../errors/error-classes.js';
import { cursorPages, type LogCursor } from '../pagination/cursor-pages.js';
import { paginated, type Page, type Paginated } from '../pagination/paginated.js';
import { readTotal } from '../pagination/read-total.js';
import { optionalInteger } from '../resources/check.js';
import type {
  DuoActivityLog,
  DuoAdministratorLog,
  DuoAuthLogV1,
  DuoOfflineEnrollmentLog,
  DuoTelephonyLog,
  DuoTelephonyLogV1,
  DuoTrustMonitorEvent,
} from './log-types.js';
import type { DuoAuthLog, DuoLogItem } from './types.js';

/** v2 log pages hold at most 1000 rows (the declarations' maximum). */
export const LOGS_MAX_PAGE = logsAuthentication.paging.maxLimit;
/** Rows Duo puts in one v1 log answer. */
export const V1_LOG_PAGE_ROWS = 1000;
/** Trust Monitor pages hold at most 200 events. */
export const TRUST_MONITOR_MAX_PAGE = 200;
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

/** One v2 page request: a window, a page size and the cursor the previous page gave (absent: the first page). */
export interface LogPageOptions<C> {
  /** Epoch ms or a Date, within the last 180 days. */
  mintime: number | Date;
  /** Epoch ms or a Date. Default: now. */
  maxtime?: number | Date;
  /** Rows in this page, 1 to 1000. Default 1000. */
  limit?: number;
  /** Default `ts:asc` here (oldest first, the order a checkpoint moves in); Duo's own default is `ts:desc`. */
  sort?: 'ts:asc' | 'ts:desc';
  /** The previous page's `nextOffset`. */
  next_offset?: C;
  cursorStyle?: 'joined' | 'repeated';
  signal?: AbortSignal;
}

/** One page of a cursor-paged log. */
export interface LogPage<T, C> {
  items: T[];
  /** Where the next page starts; absent when this page reached the end of the window. */
  nextOffset?: C;
  /** Duo's count of rows in the window (telephony and activity send `{value, relation}`; `value` is kept). */
  totalObjects?: number;
}

/** One v1 page request: rows at or after `mintime` (Unix seconds). */
export interface V1LogPageOptions {
  /** Unix seconds (a Date is converted). Default 0: as far back as Duo keeps. */
  mintime?: number | Date;
  signal?: AbortSignal;
}

/** One page of a v1 (mintime-paged) log. */
export interface V1LogPage<T> {
  /** Oldest first. */
  items: T[];
  /** The newest row's second + 1 (Duo's documented next `mintime`); absent on an empty page. */
  nextMintime?: number;
  /** The page was full (1,000 rows or more): ask again from `nextMintime` now rather than on the next poll. */
  more: boolean;
}

/** One Trust Monitor page request. */
export interface TrustMonitorPageOptions {
  mintime: number | Date;
  maxtime?: number | Date;
  /** Events in this page, 1 to 200. Default 200. */
  limit?: number;
  /** The previous page's `nextOffset`. */
  offset?: string;
  type?: 'auth' | 'bypass_status' | 'device_registration';
  signal?: AbortSignal;
}

/** Admin API logs: v2 logs by cursor, v1 logs by mintime, Trust Monitor by offset. */
export class LogsResource {
  constructor(
    private readonly caller: Caller,
    private readonly now: () => number,
  ) {}

  /** Authentication log rows (`/admin/v2/logs/authentication`), lazily, 1000 per page by default. */
  authentication(options: LogListOptions & AuthLogFilters): Paginated<DuoAuthLog> {
    return this.walk<DuoAuthLog>(logsAuthentication, options, authFilters(options));
  }

  /** Telephony log rows (`/admin/v2/logs/telephony`). */
  telephony(options: LogListOptions): Paginated<DuoTelephonyLog & DuoLogItem> {
    return this.walk<DuoTelephonyLog & DuoLogItem>(logsTelephony, options, {});
  }

  /** Activity log rows (`/admin/v2/logs/activity`). */
  activity(options: LogListOptions): Paginated<DuoActivityLog & DuoLogItem> {
    return this.walk<DuoActivityLog & DuoLogItem>(logsActivity, options, {});
  }

  /** One page of the authentication log from a `[ts, txid]` cursor; the next cursor comes back as `nextOffset`. */
  authenticationPage(options: LogPageOptions<string[] | string> & AuthLogFilters): Promise<LogPage<DuoAuthLog, string[]>> {
    return this.page<DuoAuthLog, string[]>(logsAuthentication, options, authFilters(options), arrayCursor);
  }

  /** One page of the v2 telephony log from a `"ts,offset"` cursor. */
  telephonyPage(options: LogPageOptions<string>): Promise<LogPage<DuoTelephonyLog, string>> {
    return this.page<DuoTelephonyLog, string>(logsTelephony, options, {}, stringCursor);
  }

  /** One page of the activity log from a `"ts,offset"` cursor. */
  activityPage(options: LogPageOptions<string>): Promise<LogPage<DuoActivityLog, string>> {
    return this.page<DuoActivityLog, string>(logsActivity, options, {}, stringCursor);
  }

  /** Administrator log rows from `mintime` (seconds) on, every v1 page in turn. */
  administrator(options: V1LogPageOptions = {}): Paginated<DuoAdministratorLog> {
    return this.walkV1<DuoAdministratorLog>(logsAdministrator, options);
  }

  /** One administrator log page: Duo's 1,000 oldest rows at or after `mintime`. */
  administratorPage(options: V1LogPageOptions = {}): Promise<V1LogPage<DuoAdministratorLog>> {
    return this.v1Page<DuoAdministratorLog>(logsAdministrator, options);
  }

  /** Offline enrollment log rows from `mintime` (seconds) on. */
  offlineEnrollment(options: V1LogPageOptions = {}): Paginated<DuoOfflineEnrollmentLog> {
    return this.walkV1<DuoOfflineEnrollmentLog>(logsOfflineEnrollment, options);
  }

  /** One offline enrollment log page. */
  offlineEnrollmentPage(options: V1LogPageOptions = {}): Promise<V1LogPage<DuoOfflineEnrollmentLog>> {
    return this.v1Page<DuoOfflineEnrollmentLog>(logsOfflineEnrollment, options);
  }

  /** Deprecated v1 authentication log rows (prefer `authentication`). */
  authenticationV1(options: V1LogPageOptions = {}): Paginated<DuoAuthLogV1> {
    return this.walkV1<DuoAuthLogV1>(logsAuthenticationV1, options);
  }

  /** One page of the deprecated v1 authentication log. */
  authenticationV1Page(options: V1LogPageOptions = {}): Promise<V1LogPage<DuoAuthLogV1>> {
    return this.v1Page<DuoAuthLogV1>(logsAuthenticationV1, options);
  }

  /** Deprecated v1 telephony log rows (prefer `telephony`). */
  telephonyV1(options: V1LogPageOptions = {}): Paginated<DuoTelephonyLogV1> {
    return this.walkV1<DuoTelephonyLogV1>(logsTelephonyV1, options);
  }

  /** One page of the deprecated v1 telephony log. */
  telephonyV1Page(options: V1LogPageOptions = {}): Promise<V1LogPage<DuoTelephonyLogV1>> {
    return this.v1Page<DuoTelephonyLogV1>(logsTelephonyV1, options);
  }

  /** Trust Monitor events surfaced in the window, every page in turn. */
  trustMonitor(options: Omit<TrustMonitorPageOptions, 'offset'> & { pageSize?: number; limit?: number }): Paginated<DuoTrustMonitorEvent> {
    const { limit, pageSize, ...rest } = options;
    optionalInteger(limit, 'limit', 0);
    const size = optionalInteger(pageSize, 'pageSize', 1, TRUST_MONITOR_MAX_PAGE) ?? TRUST_MONITOR_MAX_PAGE;
    // Checked where the list is built, not at its first page.
    this.trustMonitorParams({ ...rest, limit: size });
    return paginated(async function* (this: LogsResource) {
      let remaining = limit ?? Number.POSITIVE_INFINITY;
      let offset: string | undefined;
      const seen = new Set<string>();
      while (remaining > 0) {
        const page = await this.trustMonitorPage({ ...rest, limit: size, ...(offset === undefined ? {} : { offset }) });
        const items = page.items.length > remaining ? page.items.slice(0, remaining) : page.items;
        remaining -= items.length;
        const out: Page<DuoTrustMonitorEvent> = { items };
        if (page.nextOffset !== undefined) out.nextOffset = page.nextOffset;
        yield out;
        if (page.nextOffset === undefined || page.items.length === 0 || seen.has(page.nextOffset)) return;
        seen.add(page.nextOffset);
        offset = page.nextOffset;
      }
    }.bind(this));
  }

  /** One Trust Monitor page; `nextOffset` (Duo's top-level `metadata.next_offset`) asks for the next. */
  async trustMonitorPage(options: TrustMonitorPageOptions): Promise<LogPage<DuoTrustMonitorEvent, string>> {
    const params = this.trustMonitorParams(options);
    const res = await callDeclared(this.caller, trustMonitorEvents, params, { signal: options.signal });
    const body = asRecord(res.response);
    const events = Array.isArray(body['events']) ? (body['events'] as DuoTrustMonitorEvent[]) : [];
    const next = stringCursor(res.metadata?.['next_offset']);
    return next === undefined ? { items: events } : { items: events, nextOffset: next };
  }

  private trustMonitorParams(options: TrustMonitorPageOptions): Record<string, unknown> {
    if (typeof options !== 'object' || options === null) throw new DuoConfigError('options', 'Trust Monitor pages need options with mintime');
    const { mintime, maxtime } = this.window(options.mintime, options.maxtime);
    const limit = optionalInteger(options.limit, 'limit', 1, TRUST_MONITOR_MAX_PAGE) ?? TRUST_MONITOR_MAX_PAGE;
    const params = {
      mintime,
      maxtime,
      limit,
      ...(options.offset === undefined ? {} : { offset: options.offset }),
      ...(options.type === undefined ? {} : { type: options.type }),
    };
    prepareEndpointCall(trustMonitorEvents, params);
    return params;
  }

  private walk<T>(endpoint: EndpointDeclaration, options: LogListOptions, filters: Record<string, string[]>): Paginated<T> {
    if (typeof options !== 'object' || options === null) throw new DuoConfigError('options', 'log lists need options with mintime');
    const { mintime, maxtime } = this.window(options.mintime, options.maxtime);
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

  private async page<T, C>(
    endpoint: EndpointDeclaration,
    options: LogPageOptions<string[] | string>,
    filters: Record<string, string[]>,
    readNext: (value: unknown) => C | undefined,
  ): Promise<LogPage<T, C>> {
    if (typeof options !== 'object' || options === null) throw new DuoConfigError('options', 'log pages need options with mintime');
    const { mintime, maxtime } = this.window(options.mintime, options.maxtime);
    const limit = optionalInteger(options.limit, 'limit', 1, LOGS_MAX_PAGE) ?? LOGS_MAX_PAGE;
    const cursor = options.next_offset;
    if (cursor !== undefined && typeof cursor !== 'string' && !(Array.isArray(cursor) && cursor.every((c) => typeof c === 'string'))) {
      throw new DuoConfigError('next_offset', 'next_offset must be the previous page\'s nextOffset');
    }
    const params = {
      mintime,
      maxtime,
      limit,
      sort: options.sort ?? 'ts:asc',
      ...filters,
      ...cursorParams(cursor === '' || (Array.isArray(cursor) && cursor.length === 0) ? undefined : cursor, options.cursorStyle ?? 'joined'),
    };
    const res = await callDeclared(this.caller, endpoint, params, { signal: options.signal });
    const body = asRecord(res.response);
    const itemsKey = endpoint.paging?.style === 'cursor' ? endpoint.paging.itemsKey : 'items';
    const items = Array.isArray(body[itemsKey]) ? (body[itemsKey] as T[]) : [];
    const metadata = asRecord(body['metadata']);
    const page: LogPage<T, C> = { items };
    const next = items.length === 0 ? undefined : readNext(metadata['next_offset']);
    if (next !== undefined) page.nextOffset = next;
    const total = readTotal(metadata['total_objects']);
    if (total !== undefined) page.totalObjects = total;
    return page;
  }

  private walkV1<T extends { timestamp: number }>(endpoint: EndpointDeclaration, options: V1LogPageOptions): Paginated<T> {
    const first = v1Mintime(options);
    return paginated(async function* (this: LogsResource) {
      let mintime = first;
      for (;;) {
        const page = await this.v1Page<T>(endpoint, { mintime, ...(options.signal ? { signal: options.signal } : {}) });
        yield { items: page.items };
        // A full page means more rows may follow; a page that did not move the clock would loop.
        if (!page.more || page.nextMintime === undefined || page.nextMintime <= mintime) return;
        mintime = page.nextMintime;
      }
    }.bind(this));
  }

  private async v1Page<T extends { timestamp: number }>(endpoint: EndpointDeclaration, options: V1LogPageOptions): Promise<V1LogPage<T>> {
    const mintime = v1Mintime(options);
    const res = await callDeclared(this.caller, endpoint, { mintime }, { signal: options.signal });
    const rows = Array.isArray(res.response) ? (res.response as T[]) : [];
    let newest: number | undefined;
    for (const row of rows) if (typeof row.timestamp === 'number' && (newest === undefined || row.timestamp > newest)) newest = row.timestamp;
    const page: V1LogPage<T> = { items: rows, more: rows.length >= V1_LOG_PAGE_ROWS };
    if (newest !== undefined) page.nextMintime = Math.max(newest + 1, mintime);
    return page;
  }

  private window(min: number | Date | undefined, max: number | Date | undefined): { mintime: number; maxtime: number } {
    const maxtime = max === undefined ? this.now() : millis(max, 'maxtime');
    if (min === undefined) throw new DuoConfigError('mintime', 'mintime is required (epoch ms or Date, within the last 180 days)');
    const mintime = millis(min, 'mintime');
    if (mintime >= maxtime) throw new DuoConfigError('mintime', 'mintime must be earlier than maxtime');
    if (maxtime - mintime > 180 * DAY_MS) throw new DuoConfigError('mintime', 'the window may span at most 180 days');
    return { mintime, maxtime };
  }
}

function authFilters(options: AuthLogFilters): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const key of ['users', 'groups', 'applications', 'event_types', 'factors', 'reasons', 'results'] as const) {
    const list = options[key];
    if (list !== undefined) filters[key] = list;
  }
  return filters;
}

function cursorParams(cursor: LogCursor | undefined, style: 'joined' | 'repeated'): { next_offset?: string[] } {
  if (cursor === undefined) return {};
  if (typeof cursor === 'string') return { next_offset: [cursor] };
  return { next_offset: style === 'joined' ? [cursor.join(',')] : cursor };
}

function stringCursor(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (Array.isArray(value) && value.length > 0) return value.map(String).join(',');
  return undefined;
}

function arrayCursor(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(String);
  if (typeof value === 'string' && value !== '') return value.split(',');
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function v1Mintime(options: V1LogPageOptions): number {
  if (typeof options !== 'object' || options === null) throw new DuoConfigError('options', 'v1 log pages take options ({ mintime })');
  const value = options.mintime;
  if (value === undefined) return 0;
  const seconds = value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) throw new DuoConfigError('mintime', 'mintime must be Unix seconds or a Date');
  // Milliseconds are the usual slip (v2 logs use them); a 13-digit value is one.
  if (seconds > 1e11) throw new DuoConfigError('mintime', 'mintime looks like milliseconds; v1 logs take Unix seconds');
  return seconds;
}

function millis(value: number | Date, field: string): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new DuoConfigError(field, `${field} must be epoch milliseconds or a Date`);
  // Seconds are the usual slip (v1 APIs use them); a 10-digit value is one.
  if (ms < 1e11) throw new DuoConfigError(field, `${field} looks like Unix seconds; v2 logs take milliseconds`);
  return Math.floor(ms);
}
