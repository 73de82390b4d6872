import {
  logsActivity,
  logsAdministrator,
  logsAuthentication,
  logsAuthenticationV1,
  logsOfflineEnrollment,
  logsTelephony,
  logsTelephonyV1,
  trustMonitorEvents,
  type EndpointDeclaration,
} from '@duohub/sdk';
import { authlogItem, authlogV1Item } from '../../auth/authlog-item.js';
import { authlogMatches, type AuthlogQuery } from '../../auth/authlog-query.js';
import { ok } from '../../duo-result.js';
import { activityItem, adminLogItem, offlineEnrollmentItem, telephonyItem, telephonyV1Item } from '../../logs/log-items.js';
import {
  activitySources,
  administratorSources,
  authSources,
  offlineEnrollmentSources,
  telephonySources,
  trustMonitorSources,
  v1Page,
} from '../../logs/log-sources.js';
import { listFilter, readLimit, readMsWindow, readSecondsWindow, readSort, readTwoPartCursor } from '../../logs/log-window.js';
import { sortedPage, type SortedRows } from '../../logs/sorted-page.js';
import { optionalEnum } from '../../params/read-param.js';
import type { HandlerContext, Route } from '../../route.js';
import { defineRoute } from '../../route.js';

/** Rows Duo puts in one v1 log answer. */
const V1_ROWS = 1000;

function cursorPaging(endpoint: EndpointDeclaration): { defaultLimit: number; maxLimit: number } {
  return endpoint.paging?.style === 'cursor' ? endpoint.paging : { defaultLimit: 100, maxLimit: 1000 };
}

/** One v2 page of `sources`: Duo's window, limit, sort and `[ts, id]` cursor; the page's rows and cursor. */
function v2Page<E>(ctx: HandlerContext, endpoint: EndpointDeclaration, sources: ReadonlyArray<SortedRows<E>>) {
  const window = readMsWindow(ctx);
  const { defaultLimit, maxLimit } = cursorPaging(endpoint);
  const limit = readLimit(ctx, defaultLimit, maxLimit);
  const sort = readSort(ctx.params);
  const cursor = readTwoPartCursor(ctx.params, 'next_offset');
  const page = sortedPage(sources, { ...window, sort, limit, ...(cursor ? { cursor } : {}) });
  const next = page.more && page.last ? page.last : undefined;
  return { page, next };
}

/**
 * `GET /admin/v2/logs/authentication`: the authentication log with Duo's v2 cursor paging: mintime and
 * maxtime in ms (required, within the last 180 days), limit up to 1000 (default 100), sort ts:desc
 * (default) or ts:asc, `next_offset` cursor `[ms, txid]`, filters users/groups/applications/results/
 * reasons/factors/event_types. Metadata sits inside `response`. Generated history is included.
 */
export const authenticationLogRoute = defineRoute({
  endpoint: logsAuthentication,
  handle(ctx) {
    const { params, account } = ctx;
    const filters: Omit<AuthlogQuery, 'mintime' | 'maxtime' | 'limit' | 'sort' | 'cursor'> = {};
    const read = {
      users: listFilter(params, 'users'),
      results: listFilter(params, 'results'),
      factors: listFilter(params, 'factors'),
      reasons: listFilter(params, 'reasons'),
      applications: listFilter(params, 'applications'),
      eventTypes: listFilter(params, 'event_types'),
    };
    for (const [key, set] of Object.entries(read)) if (set) (filters as Record<string, unknown>)[key] = set;
    const groups = listFilter(params, 'groups');
    if (groups) {
      filters.groupMembers = new Set(Object.values(account.users).filter((u) => u.group_ids.some((g) => groups.has(g))).map((u) => u.user_id));
    }
    const filtered = Object.keys(filters).length > 0;
    const sources = authSources(account, filtered ? (e) => authlogMatches({ ...e, event_type: e.details?.event_type }, filters) : undefined);
    const { page, next } = v2Page(ctx, logsAuthentication, sources);
    const metadata: Record<string, unknown> = { total_objects: page.total };
    if (next) metadata['next_offset'] = [String(next.ts), next.id];
    return ok({ authlogs: page.items.map((e) => authlogItem(account, e)), metadata });
  },
});

/** The v2 telephony and activity logs' metadata: a `"ts,id"` cursor string and a `{value, relation}` total. */
function itemsMetadata(total: number, next: { ts: number; id: string } | undefined): Record<string, unknown> {
  return { next_offset: next ? `${next.ts},${next.id}` : null, total_objects: { value: total, relation: 'eq' } };
}

/** `GET /admin/v2/logs/telephony`: texts and calls, cursor-paged like the authentication log; rows under `items`. */
export const telephonyLogRoute = defineRoute({
  endpoint: logsTelephony,
  handle(ctx) {
    const { page, next } = v2Page(ctx, logsTelephony, telephonySources(ctx.account));
    return ok({ items: page.items.map((e) => telephonyItem(e)), metadata: itemsMetadata(page.total, next) });
  },
});

/** `GET /admin/v2/logs/activity`: administrator and user actions with old and new targets; rows under `items`. */
export const activityLogRoute = defineRoute({
  endpoint: logsActivity,
  handle(ctx) {
    const { page, next } = v2Page(ctx, logsActivity, activitySources(ctx.account));
    return ok({ items: page.items.map((e) => activityItem(ctx.account, e)), metadata: itemsMetadata(page.total, next) });
  },
});

/** A v1 log route: rows at or after `mintime` (seconds), oldest first, 1,000 a page (see `v1LogPageCut`). */
function v1Route<E>(endpoint: EndpointDeclaration, sources: (ctx: HandlerContext) => ReadonlyArray<SortedRows<E>>, item: (ctx: HandlerContext, e: E) => unknown): Route {
  return defineRoute({
    endpoint,
    handle(ctx) {
      const window = readSecondsWindow(ctx);
      const page = v1Page(sources(ctx), window, V1_ROWS, ctx.options.v1LogPageCut !== 'exact');
      return ok(page.items.map((e) => item(ctx, e)));
    },
  });
}

/** `GET /admin/v1/logs/administrator`: what administrators and Admin API applications changed. */
export const administratorLogRoute = v1Route(logsAdministrator, (ctx) => administratorSources(ctx.account), (ctx, e) => adminLogItem(ctx.account, e));

/** `GET /admin/v1/logs/authentication` (deprecated): the authentication log in v1's shape. */
export const authenticationV1LogRoute = v1Route(logsAuthenticationV1, (ctx) => authSources(ctx.account), (ctx, e) => authlogV1Item(ctx.account, e));

/** `GET /admin/v1/logs/telephony` (deprecated): the telephony log in v1's shape. */
export const telephonyV1LogRoute = v1Route(logsTelephonyV1, (ctx) => telephonySources(ctx.account), (ctx, e) => telephonyV1Item(ctx.account, e));

/** `GET /admin/v1/logs/offline_enrollment`: offline access enrollments. */
export const offlineEnrollmentLogRoute = v1Route(logsOfflineEnrollment, (ctx) => offlineEnrollmentSources(ctx.account), (_ctx, e) => offlineEnrollmentItem(e));

/** Trust Monitor pages: 50 events by default, at most 200. */
const TRUST_MONITOR_PAGE = { defaultLimit: 50, maxLimit: 200 };

/**
 * `GET /admin/v1/trust_monitor/events`: events surfaced in [mintime, maxtime] (ms, within 180 days),
 * oldest first, `type` filter, `limit` (default 50, at most 200), the opaque `offset` from the previous
 * answer's top-level `metadata.next_offset`.
 */
export const trustMonitorRoute = defineRoute({
  endpoint: trustMonitorEvents,
  handle(ctx) {
    const window = readMsWindow(ctx);
    const limit = readLimit(ctx, TRUST_MONITOR_PAGE.defaultLimit, TRUST_MONITOR_PAGE.maxLimit);
    const type = optionalEnum(ctx.params, 'type', ['auth', 'bypass_status', 'device_registration'] as const);
    const cursor = readTwoPartCursor(ctx.params, 'offset');
    const page = sortedPage(trustMonitorSources(ctx.account, type), { ...window, sort: 'asc', limit, ...(cursor ? { cursor } : {}) });
    const metadata: Record<string, unknown> = {};
    if (page.more && page.last) metadata['next_offset'] = `${page.last.ts},${page.last.id}`;
    return ok({ events: page.items.map((e) => ({ ...e })) }, metadata);
  },
});

/** Admin API log routes: v2 (cursor), v1 (mintime) and Trust Monitor. */
export const logRoutes: Route[] = [
  authenticationLogRoute,
  telephonyLogRoute,
  activityLogRoute,
  administratorLogRoute,
  authenticationV1LogRoute,
  telephonyV1LogRoute,
  offlineEnrollmentLogRoute,
  trustMonitorRoute,
];
