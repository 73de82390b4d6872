import { createRoute, z } from '@hono/zod-openapi';
import { defineApiRoute, type ApiRouteModule } from '../api/define-api-route.js';
import { errorResponses, IdParamSchema } from '../api/schemas/common-schemas.js';
import { approveBulkRun } from './approve-bulk-run.js';
import {
  BulkApproveSchema,
  BulkDraftViewSchema,
  BulkItemListQuerySchema,
  BulkItemViewSchema,
  BulkPlanRequestSchema,
  BulkReportQuerySchema,
  BulkRunListQuerySchema,
  BulkRunViewSchema,
} from './bulk-plan-schemas.js';
import { bulkReportCsv, bulkRunReportItems } from './bulk-run-report.js';
import { readBulkRunView } from './bulk-run-view.js';
import { discardBulkRun } from './discard-bulk-run.js';
import { listBulkItems } from './list-bulk-items.js';
import { listBulkRuns } from './list-bulk-runs.js';
import { planBulkRun } from './plan-bulk-run.js';

const tags = ['bulk runs'];
const LIMITED = 'A token limited to organizations sees and plans only runs whose every organization is in its list.';
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

/** `/api/bulk-runs`: plan a catalog action over organizations and users, review, approve, report (running is `bulkExecutionRoutes`). */
export const bulkPlanRoutes: ApiRouteModule = {
  name: 'bulk-plan',
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/bulk-runs',
        tags,
        summary: 'Plan a bulk run: every call it would make, with counts; saved as status planned, or answered unsaved with dry_run',
        description: `${LIMITED} Only reads Duo (users.list for live user queries and names). Inputs are stored sealed and shown redacted.`,
        request: { body: body(BulkPlanRequestSchema) },
        responses: {
          201: json(BulkRunViewSchema, 'The saved plan'),
          200: json(BulkDraftViewSchema, 'The dry run: the plan with every item, not saved'),
          ...errorResponses(409, 413, 415),
        },
      }),
      access: { scope: 'operate', organizationLimited: 'allowed', auditAction: 'bulk.plan' },
      handler: async (c) => {
        const planned = await planBulkRun(c.var.hub, c.var.actor, c.req.valid('json'));
        return planned.saved ? c.json(planned.view, 201) : c.json(planned.view, 200);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/bulk-runs',
        tags,
        summary: 'List bulk runs, newest first, paged by cursor',
        description: LIMITED,
        request: { query: BulkRunListQuerySchema },
        responses: { 200: json(z.object({ items: z.array(BulkRunViewSchema), next_cursor: z.string().nullable() }), 'A page of runs'), ...errorResponses() },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => c.json(await listBulkRuns(c.var.hub, c.var.actor, c.req.valid('query')), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/bulk-runs/{id}',
        tags,
        summary: 'Get a bulk run: status, counts by status, by action and by organization, notes, plan_hash',
        description: LIMITED,
        request: { params: IdParamSchema },
        responses: { 200: json(BulkRunViewSchema, 'The run'), ...errorResponses(404) },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => c.json(await readBulkRunView(c.var.hub, c.var.actor, c.req.valid('param').id), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/bulk-runs/{id}/items',
        tags,
        summary: "A run's items in order (inputs redacted), paged by cursor; filter by status or organization",
        description: LIMITED,
        request: { params: IdParamSchema, query: BulkItemListQuerySchema },
        responses: { 200: json(z.object({ items: z.array(BulkItemViewSchema), next_cursor: z.string().nullable() }), 'A page of items'), ...errorResponses(404) },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => c.json(await listBulkItems(c.var.hub, c.var.actor, c.req.valid('param').id, c.req.valid('query')), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/bulk-runs/{id}/report',
        tags,
        summary: 'Every item of a run with its result, as JSON or CSV',
        description: `${LIMITED} CSV cells that start with = + - @ get a leading ' so spreadsheets do not run them.`,
        request: { params: IdParamSchema, query: BulkReportQuerySchema },
        responses: {
          200: {
            description: 'The report',
            content: { 'application/json': { schema: z.array(BulkItemViewSchema) }, 'text/csv': { schema: z.string() } },
          },
          ...errorResponses(404),
        },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => {
        const { id } = c.req.valid('param');
        const items = await bulkRunReportItems(c.var.hub, c.var.actor, id);
        if (c.req.valid('query').format === 'json') return c.json(items, 200);
        return c.body(bulkReportCsv(items), 200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="duohub-bulk-${id.replace(/[^A-Za-z0-9_-]/g, '')}.csv"`,
          'cache-control': 'no-store',
        });
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/bulk-runs/{id}/approve',
        tags,
        summary: 'Approve a planned run that requires approval (a token other than its creator, with the approve scope; plan_hash as read)',
        description: `${LIMITED} 409 conflict when plan_hash differs, the run is not planned, needs no approval, or is approved already.`,
        request: { params: IdParamSchema, body: body(BulkApproveSchema) },
        responses: { 200: json(BulkRunViewSchema, 'Approved'), ...errorResponses(404, 409, 413, 415) },
      }),
      access: { scope: 'approve', organizationLimited: 'allowed', auditAction: 'bulk.approve' },
      handler: async (c) => c.json(await approveBulkRun(c.var.hub, c.var.actor, c.req.valid('param').id, c.req.valid('json').plan_hash), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'delete',
        path: '/api/bulk-runs/{id}',
        tags,
        summary: 'Discard a plan that has not started (409 conflict once queued or later; cancel a started run instead)',
        description: LIMITED,
        request: { params: IdParamSchema },
        responses: { 204: { description: 'Discarded' }, ...errorResponses(404, 409) },
      }),
      access: { scope: 'operate', organizationLimited: 'allowed', auditAction: 'bulk.discard' },
      handler: async (c) => {
        await discardBulkRun(c.var.hub, c.var.actor, c.req.valid('param').id);
        return c.body(null, 204);
      },
    }),
  ],
};
