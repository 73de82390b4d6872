import { createRoute, z } from '@hono/zod-openapi';
import { defineApiRoute, type ApiRouteModule } from '../api/define-api-route.js';
import { errorResponses } from '../api/schemas/common-schemas.js';
import { loadLogDashboard } from './search/log-dashboard.js';
import { logExportChunks, logExportStream } from './search/export-log-events.js';
import {
  DEFAULT_DASHBOARD_DAYS,
  LogDashboardQuerySchema,
  LogDashboardSchema,
  LogExportQuerySchema,
  LogPageSchema,
  LogSearchQuerySchema,
  toLogFilters,
} from './search/log-search-schemas.js';
import { searchLogEvents } from './search/search-log-events.js';

const tags = ['logs'];
const LIMITED = 'A token limited to organizations sees only their rows (other organizations match nothing).';

/** `/api/logs`: Duo's logs kept by the hub, searched, exported and summed up. */
export const logSearchRoutes: ApiRouteModule = {
  name: 'log-search',
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/logs',
        tags,
        summary: 'Search stored Duo log entries, newest first, paged by cursor',
        description: LIMITED,
        request: { query: LogSearchQuerySchema },
        responses: { 200: { description: 'A page of entries', content: { 'application/json': { schema: LogPageSchema } } }, ...errorResponses() },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => {
        const q = c.req.valid('query');
        return c.json(await searchLogEvents(c.var.hub, c.var.actor, toLogFilters(q), { limit: q.limit, cursor: q.cursor }), 200);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/logs/export',
        tags,
        summary: 'Every matching entry as JSON lines or CSV, newest first, streamed',
        description: `${LIMITED} CSV cells that start with = + - @ get a leading ' so spreadsheets do not run them.`,
        request: { query: LogExportQuerySchema },
        responses: {
          200: {
            description: 'The export (streamed; JSON lines hold one search item each)',
            content: { 'application/x-ndjson': { schema: z.string() }, 'text/csv': { schema: z.string() } },
          },
          ...errorResponses(),
        },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => {
        const q = c.req.valid('query');
        const hub = c.var.hub;
        const stamp = hub.now().toISOString().slice(0, 10);
        const stream = logExportStream(hub, logExportChunks(hub, c.var.actor, toLogFilters(q), q.format));
        return c.body(stream, 200, {
          'content-type': q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
          'content-disposition': `attachment; filename="duohub-logs-${stamp}.${q.format}"`,
          'cache-control': 'no-store',
        });
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/logs/dashboard',
        tags,
        summary: 'Log figures of one organization or the fleet: authentications (denied, fraud, factors, per day, top failing users), administrator actions, telephony credits, Trust Monitor events, offline enrollment',
        description: LIMITED,
        request: { query: LogDashboardQuerySchema },
        responses: { 200: { description: 'The figures', content: { 'application/json': { schema: LogDashboardSchema } } }, ...errorResponses() },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => {
        const q = c.req.valid('query');
        const since = q.since ?? (q.until ?? c.var.hub.now().getTime()) - DEFAULT_DASHBOARD_DAYS * 86_400_000;
        return c.json(
          await loadLogDashboard(c.var.hub, c.var.actor, { organizationIds: q.organization_id, since, until: q.until, utcOffsetMinutes: q.utc_offset_minutes }),
          200,
        );
      },
    }),
  ],
};
