import { createRoute, z } from '@hono/zod-openapi';
import { defineApiRoute, type ApiRouteModule } from '../api/define-api-route.js';
import { errorResponses } from '../api/schemas/common-schemas.js';
import { logSyncJobsOf } from '../jobs/log-sync/log-sync-jobs.js';
import { LOG_TYPES } from './log-tables.js';
import { loadLogSyncStatus } from './sync/log-sync-status.js';
import { startLogSync } from './sync/start-log-sync.js';

const tags = ['logs'];
const id = (description: string) => z.string().min(1).max(100).openapi({ description, example: 'int_01JD3Q8W4Y0000000000000000' });

/** Body of `POST /api/logs/sync`. */
export const LogSyncStartSchema = z
  .object({ integration_id: id('Sync this integration only; default: every integration holding Admin or Accounts API keys.').optional() })
  .strict()
  .openapi('LogSyncStart');

/** Answer of `POST /api/logs/sync`. */
export const LogSyncStartedSchema = z
  .object({
    requested_at: z.string(),
    integrations: z.array(
      z.object({
        integration_id: z.string(),
        accounts: z.number().int().openapi({ description: 'Duo accounts synced: `parent` (Admin API keys) and every child the Accounts API lists' }),
        units: z.number().int().openapi({ description: 'Units (account x log type) requested' }),
        error: z.object({ code: z.string(), message: z.string() }).nullable(),
      }),
    ),
  })
  .openapi('LogSyncStarted');

/** Query of `GET /api/logs/sync`. */
export const LogSyncStatusQuerySchema = z.object({
  integration_id: id('Only this integration.').optional().openapi({ param: { name: 'integration_id', in: 'query' } }),
  organization_id: id("Only the Duo account mapped to this organization (a limited token's other organizations match nothing).")
    .optional()
    .openapi({ param: { name: 'organization_id', in: 'query' } }),
});

const LogSyncErrorSchema = z.object({ kind: z.string(), message: z.string(), status: z.number().int().optional(), code: z.number().int().optional() });

/** One unit's status. */
export const LogSyncUnitSchema = z
  .object({
    integration_id: z.string(),
    duo_account_id: z.string().openapi({ description: 'A Duo child account id, or `parent`' }),
    account_name: z.string().nullable(),
    organization_id: z.string().nullable(),
    log_type: z.enum(LOG_TYPES),
    state: z.enum(['idle', 'queued', 'running', 'failed', 'removed']),
    synced_through: z.string().nullable().openapi({ description: 'Every entry before this instant is stored' }),
    lag_seconds: z.number().int().nullable().openapi({ description: 'now - synced_through; never below the configured Duo log delay once caught up' }),
    events_stored: z.number().int(),
    last_started_at: z.string().nullable(),
    last_finished_at: z.string().nullable(),
    last_run: z.object({ fetched: z.number().int(), inserted: z.number().int() }),
    last_error: LogSyncErrorSchema.nullable(),
    held_by: z.string().nullable().openapi({ description: 'The hub replica syncing it now' }),
    processed_by: z.string().nullable().openapi({ description: 'The hub replica whose run last finished' }),
  })
  .openapi('LogSyncUnit');

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** `/api/logs/sync`: start a sync of Duo's logs now, and see where every account and log type stands. */
export const logSyncRoutes: ApiRouteModule = {
  name: 'log-sync',
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/logs/sync',
        tags,
        summary: "Sync Duo's logs now: every account (parent and children) and log type of one integration, or of all (answers at once; poll the status)",
        request: { body: { required: false, content: { 'application/json': { schema: LogSyncStartSchema } } } },
        responses: { 202: json(LogSyncStartedSchema, 'The units requested'), ...errorResponses(404, 409, 413, 415, 502, 504) },
      }),
      // Reads every account of the fleet through the Accounts API keys: fleet-wide, like a coverage run.
      access: { scope: 'operate', organizationLimited: 'denied', auditAction: 'logs.sync' },
      handler: async (c) => {
        const hub = c.var.hub;
        const actor = c.var.actor;
        const body = c.req.valid('json') as z.infer<typeof LogSyncStartSchema> | undefined;
        const started = await startLogSync(hub, actor, { integrationId: body?.integration_id, trigger: actor.kind === 'cli' ? 'cli' : 'api' });
        const runner = logSyncJobsOf(hub)?.runner;
        for (const i of started.integrations) if (i.units > 0) runner?.notify(i.integration_id);
        return c.json(started, 202);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/logs/sync',
        tags,
        summary: 'Where the log sync of every Duo account and log type stands: synced through, lag, last run, last error, entries stored',
        description: 'A token limited to organizations sees only the accounts mapped to its organizations.',
        request: { query: LogSyncStatusQuerySchema },
        responses: { 200: json(z.object({ items: z.array(LogSyncUnitSchema) }), 'Every unit'), ...errorResponses() },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => {
        const q = c.req.valid('query');
        return c.json({ items: await loadLogSyncStatus(c.var.hub, c.var.actor, { integrationId: q.integration_id, organizationId: q.organization_id }) }, 200);
      },
    }),
  ],
};
