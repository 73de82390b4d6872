import type { LogsResource } from '@duohub/sdk';
import type { LogType } from '../log-tables.js';
import { extractActivity } from './extract-activity.js';
import { extractAdministrator } from './extract-administrator.js';
import { extractAuthentication } from './extract-authentication.js';
import { extractOfflineEnrollment } from './extract-offline-enrollment.js';
import { extractTelephony } from './extract-telephony.js';
import { extractTrustMonitor } from './extract-trust-monitor.js';
import type { LogSearchFields } from './log-search-fields.js';
import { member } from './log-search-fields.js';

/**
 * How one of Duo's logs is read:
 * - `window`: a time window in ms (`mintime`..`maxtime`, both inclusive) walked with Duo's cursor
 *   (the v2 logs, Trust Monitor);
 * - `mintime_seconds`: rows from `mintime` (Unix seconds, inclusive) on, up to a fixed page, paged by
 *   asking again from the last row's second (the v1 logs).
 */
export type LogPaging = 'window' | 'mintime_seconds';

/** One page as the sync needs it: the rows and Duo's cursor to the next page (window sources). */
export interface LogPageAnswer {
  items: unknown[];
  nextOffset?: string | string[];
}

/** What to read: a window (`maxtime` set, optional cursor) or, for v1 sources, rows from a second on. */
export interface LogPageRequest {
  /** Epoch ms for window sources, Unix seconds for v1 sources. */
  mintime: number;
  maxtime?: number;
  offset?: string | string[] | undefined;
  signal?: AbortSignal | undefined;
}

/** One log type as the sync reads and stores it. */
export interface LogSource {
  type: LogType;
  paging: LogPaging;
  /** Rows per page: the most Duo returns. */
  maxPage: number;
  /** Window sources: whether pages come oldest first, so progress can be kept between pages. */
  ascending: boolean;
  /** Reads one page through the SDK's page method of the type. */
  read(logs: LogsResource, request: LogPageRequest): Promise<LogPageAnswer>;
  /** Duo's id of a row, if the type has one. */
  idOf(row: unknown): unknown;
  /** The row's search fields. */
  extract(row: unknown): LogSearchFields;
}

const opt = (signal: AbortSignal | undefined) => (signal ? { signal } : {});
const joined = (offset: string | string[] | undefined) => (Array.isArray(offset) ? offset.join(',') : offset);
const window = (r: LogPageRequest) => ({ mintime: r.mintime, maxtime: r.maxtime ?? r.mintime + 1, ...opt(r.signal) });
const answer = (page: { items: unknown[]; nextOffset?: string | string[] | undefined }): LogPageAnswer =>
  page.nextOffset === undefined ? { items: page.items } : { items: page.items, nextOffset: page.nextOffset };

/**
 * Every log type the sync reads, in the order an account's units run (they share the account's log
 * budget): the v2 logs by window and cursor, 1000 rows a page oldest first; the administrator and
 * offline enrollment logs by `mintime` seconds, 1000 rows a page; Trust Monitor by window and
 * opaque offset, 200 events a page in Duo's order.
 */
export const LOG_SOURCES: readonly LogSource[] = [
  {
    type: 'authentication',
    paging: 'window',
    maxPage: 1000,
    ascending: true,
    read: async (logs, r) => answer(await logs.authenticationPage({ ...window(r), limit: 1000, sort: 'ts:asc', ...(r.offset !== undefined ? { next_offset: r.offset } : {}) })),
    idOf: (row) => member(row, 'txid'),
    extract: extractAuthentication,
  },
  {
    type: 'telephony',
    paging: 'window',
    maxPage: 1000,
    ascending: true,
    read: async (logs, r) => answer(await logs.telephonyPage({ ...window(r), limit: 1000, sort: 'ts:asc', ...(r.offset !== undefined ? { next_offset: joined(r.offset)! } : {}) })),
    idOf: (row) => member(row, 'telephony_id'),
    extract: extractTelephony,
  },
  {
    type: 'activity',
    paging: 'window',
    maxPage: 1000,
    ascending: true,
    read: async (logs, r) => answer(await logs.activityPage({ ...window(r), limit: 1000, sort: 'ts:asc', ...(r.offset !== undefined ? { next_offset: joined(r.offset)! } : {}) })),
    idOf: (row) => member(row, 'activity_id'),
    extract: extractActivity,
  },
  {
    type: 'administrator',
    paging: 'mintime_seconds',
    maxPage: 1000,
    ascending: true,
    read: async (logs, r) => ({ items: (await logs.administratorPage({ mintime: r.mintime, ...opt(r.signal) })).items }),
    idOf: () => undefined,
    extract: extractAdministrator,
  },
  {
    type: 'offline_enrollment',
    paging: 'mintime_seconds',
    maxPage: 1000,
    ascending: true,
    read: async (logs, r) => ({ items: (await logs.offlineEnrollmentPage({ mintime: r.mintime, ...opt(r.signal) })).items }),
    idOf: () => undefined,
    extract: extractOfflineEnrollment,
  },
  {
    type: 'trust_monitor',
    paging: 'window',
    maxPage: 200,
    ascending: false,
    read: async (logs, r) => answer(await logs.trustMonitorPage({ ...window(r), limit: 200, ...(r.offset !== undefined ? { offset: joined(r.offset)! } : {}) })),
    idOf: (row) => member(row, 'sekey'),
    extract: extractTrustMonitor,
  },
];

/** The source of a type, or undefined for a type the sync does not read. */
export function logSourceOf(type: string): LogSource | undefined {
  return LOG_SOURCES.find((s) => s.type === type);
}

/** The log types the sync keeps. */
export function syncedLogTypes(): LogType[] {
  return LOG_SOURCES.map((s) => s.type);
}
