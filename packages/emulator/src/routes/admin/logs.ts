import { logsAuthentication } from '@duohub/sdk';
import { fail, failures, ok } from '../../duo-result.js';
import { optionalEnum, optionalInt, reject } from '../../params/read-param.js';
import type { Params, Route } from '../../route.js';
import { defineRoute } from '../../route.js';
import { authlogItem } from '../../auth/authlog-item.js';
import { queryAuthlog, type AuthlogQuery } from '../../auth/authlog-query.js';

const DAY_MS = 86_400_000;
const WINDOW_MS = 180 * DAY_MS;

/** A required epoch-ms parameter (digits only). */
function requireMs(params: Params, name: string): number {
  const text = params.get(name);
  if (text === undefined || text === '') reject(failures.missingParam(name));
  if (!/^\d{1,16}$/.test(text.trim())) reject(failures.invalidParam(name));
  return Number(text.trim());
}

/** A list filter: repeated parameters, each possibly comma-joined; undefined when absent. */
function listFilter(params: Params, name: string): Set<string> | undefined {
  const values = params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  return values.length === 0 ? undefined : new Set(values);
}

/** `next_offset` as python sends it (two repeated values) or as go/ruby do (`ts,txid`). */
function readCursor(params: Params): AuthlogQuery['cursor'] {
  const parts = params.getAll('next_offset').flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (parts.length === 0) return undefined;
  const ts = parts.find((p) => /^\d{1,16}$/.test(p));
  const txid = parts.find((p) => p !== ts);
  if (parts.length !== 2 || ts === undefined || txid === undefined) reject(failures.invalidParam('next_offset'));
  return { ts: Number(ts), txid };
}

/**
 * `GET /admin/v2/logs/authentication`: the authentication log with Duo's v2 cursor paging: mintime and
 * maxtime in ms (required, within the last 180 days), limit up to 1000 (default 100), sort ts:desc
 * (default) or ts:asc, `next_offset` cursor, filters users/groups/applications/results/reasons/factors/
 * event_types. Metadata sits inside `response`.
 */
export const authenticationLogRoute = defineRoute({
  endpoint: logsAuthentication,
  handle(ctx) {
    const { params, account } = ctx;
    const mintime = requireMs(params, 'mintime');
    const maxtime = requireMs(params, 'maxtime');
    if (mintime < ctx.now() - WINDOW_MS) {
      return fail(400, 40002, 'Invalid request parameters', 'mintime must be within the past 180 days');
    }
    if (maxtime < mintime) return fail(400, 40002, 'Invalid request parameters', 'maxtime must be greater than mintime');
    const { defaultLimit, maxLimit } = logsAuthentication.paging;
    let limit = optionalInt(params, 'limit', { min: 1 }) ?? defaultLimit;
    if (limit > maxLimit) {
      if (ctx.options.overMaxLimit === 'error') reject(failures.invalidParam('limit'));
      limit = maxLimit;
    }
    const sort = optionalEnum(params, 'sort', ['ts:desc', 'ts:asc'] as const) ?? 'ts:desc';
    const query: AuthlogQuery = { mintime, maxtime, limit, sort };
    const cursor = readCursor(params);
    if (cursor) query.cursor = cursor;
    const filters = {
      users: listFilter(params, 'users'),
      results: listFilter(params, 'results'),
      factors: listFilter(params, 'factors'),
      reasons: listFilter(params, 'reasons'),
      applications: listFilter(params, 'applications'),
      eventTypes: listFilter(params, 'event_types'),
    };
    for (const [key, set] of Object.entries(filters)) if (set) (query as unknown as Record<string, unknown>)[key] = set;
    const groups = listFilter(params, 'groups');
    if (groups) {
      query.groupMembers = new Set(
        Object.values(account.users)
          .filter((u) => u.group_ids.some((g) => groups.has(g)))
          .map((u) => u.user_id),
      );
    }
    const page = queryAuthlog(account.auth_log, query);
    const metadata: Record<string, unknown> = { total_objects: page.total };
    if (page.next) metadata['next_offset'] = page.next;
    return ok({ authlogs: page.rows.map((e) => authlogItem(account, e)), metadata });
  },
});

/** Admin API authentication log routes (v2 cursor paging). */
export const logRoutes: Route[] = [authenticationLogRoute];
