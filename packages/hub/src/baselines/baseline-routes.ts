import { createRoute, z } from '@hono/zod-openapi';
import { defineApiRoute, type ApiRouteAccess, type ApiRouteModule } from '../api/define-api-route.js';
import { errorResponses, IdParamSchema } from '../api/schemas/common-schemas.js';
import { applyBaseline } from './apply-baseline.js';
import { baselineChecks, baselineDrift } from './baseline-reports.js';
import {
  BaselineApplySchema,
  BaselineCheckReportSchema,
  BaselineCheckSchema,
  BaselineChecksQuerySchema,
  BaselineDocumentSchema,
  BaselineExportQuerySchema,
  BaselineImportQuerySchema,
  BaselinePatchSchema,
  BaselineSchema,
  DriftEntrySchema,
} from './baseline-schemas.js';
import { createBaseline, deleteBaseline, exportBaseline, getBaseline, importBaseline, listBaselines, updateBaseline } from './baseline-service.js';
import { checkBaselineAs } from './check-baseline.js';

const tags = ['baselines'];
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];
// The bulk run view belongs to the bulk feature; documented here by name, not redeclared.
const BulkRunViewRef = z.record(z.string(), z.unknown()).openapi({ description: 'The bulk run (BulkRunView), status planned.' });

const access = {
  read: { scope: 'read', organizationLimited: 'allowed' } satisfies ApiRouteAccess,
  write: (auditAction: string): ApiRouteAccess => ({ scope: 'admin', organizationLimited: 'denied', auditAction }),
  operate: (auditAction: string): ApiRouteAccess => ({ scope: 'operate', organizationLimited: 'denied', auditAction }),
};

/**
 * `/api/baselines`: wanted Duo settings (and global policy settings) for a set of organizations,
 * checks that report drift per organization and field, and apply as a bulk run. Tokens limited to
 * organizations read only baselines whose organizations are all theirs, and write none.
 */
export const baselineRoutes: ApiRouteModule = {
  name: 'baselines',
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/baselines',
        tags,
        summary: 'List baselines (a limited token sees those over its organizations only)',
        responses: { 200: json(z.object({ items: z.array(BaselineSchema) }), 'Every baseline the token may read'), ...errorResponses() },
      }),
      access: access.read,
      handler: async (c) => c.json({ items: await listBaselines(c.var.hub, c.var.actor) }, 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/baselines',
        tags,
        summary: 'Create a baseline',
        request: { body: body(BaselineDocumentSchema) },
        responses: { 201: json(BaselineSchema, 'The baseline'), ...errorResponses(409, 413, 415) },
      }),
      access: access.write('baselines.create'),
      handler: async (c) => c.json(await createBaseline(c.var.hub, c.var.actor, c.req.valid('json')), 201),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/baselines/import',
        tags,
        summary: 'Import a baseline file (YAML or JSON); a baseline of the same name is replaced',
        request: {
          query: BaselineImportQuerySchema,
          body: {
            required: false,
            content: {
              'application/json': { schema: BaselineDocumentSchema },
              ...Object.fromEntries(YAML_TYPES.map((t) => [t, { schema: z.string().openapi({ description: 'The baseline document as YAML.' }) }])),
            },
          },
        },
        responses: { 200: json(BaselineSchema, 'Replaced'), 201: json(BaselineSchema, 'Created'), ...errorResponses(409, 413, 415) },
      }),
      access: access.write('baselines.import'),
      handler: async (c) => {
        const isJson = /json/i.test(c.req.header('content-type') ?? '');
        const format = c.req.valid('query').format;
        const source = isJson && format !== 'yaml' ? { document: c.req.valid('json') } : { text: await c.req.text(), format: format ?? (isJson ? 'json' : 'yaml') };
        const { created, baseline } = await importBaseline(c.var.hub, c.var.actor, source as never);
        return created ? c.json(baseline, 201) : c.json(baseline, 200);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/baselines/{id}',
        tags,
        summary: 'Get a baseline (by id or name)',
        request: { params: IdParamSchema },
        responses: { 200: json(BaselineSchema, 'The baseline'), ...errorResponses(404) },
      }),
      access: access.read,
      handler: async (c) => c.json(await getBaseline(c.var.hub, c.var.actor, c.req.valid('param').id), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'patch',
        path: '/api/baselines/{id}',
        tags,
        summary: 'Change a baseline (open drift is recomputed by the next check when selector or wanted change)',
        request: { params: IdParamSchema, body: body(BaselinePatchSchema) },
        responses: { 200: json(BaselineSchema, 'The baseline'), ...errorResponses(404, 409, 413, 415) },
      }),
      access: access.write('baselines.update'),
      handler: async (c) => c.json(await updateBaseline(c.var.hub, c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'delete',
        path: '/api/baselines/{id}',
        tags,
        summary: 'Delete a baseline with its check history and drift',
        request: { params: IdParamSchema },
        responses: { 204: { description: 'Deleted' }, ...errorResponses(404) },
      }),
      access: access.write('baselines.delete'),
      handler: async (c) => {
        await deleteBaseline(c.var.hub, c.var.actor, c.req.valid('param').id);
        return c.body(null, 204);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/baselines/{id}/export',
        tags,
        summary: 'Export a baseline as a YAML or JSON file',
        request: { params: IdParamSchema, query: BaselineExportQuerySchema },
        responses: {
          200: { description: 'The baseline document', content: { 'application/yaml': { schema: z.string() }, 'application/json': { schema: BaselineDocumentSchema } } },
          ...errorResponses(404),
        },
      }),
      access: access.read,
      handler: async (c) => {
        const { format } = c.req.valid('query');
        const { name, text } = await exportBaseline(c.var.hub, c.var.actor, c.req.valid('param').id, format);
        const file = `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.${format === 'json' ? 'json' : 'yaml'}`;
        return c.body(text, 200, {
          'content-type': format === 'json' ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8',
          'content-disposition': `attachment; filename="${file}"`,
        });
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/baselines/{id}/check',
        tags,
        summary: "Check the baseline now: read each selected organization's account and report its drift",
        request: { params: IdParamSchema },
        responses: { 200: json(BaselineCheckReportSchema, 'Every selected organization, clean, drifted or error'), ...errorResponses(404) },
      }),
      access: access.operate('baselines.check'),
      handler: async (c) => c.json(await checkBaselineAs(c.var.hub, c.var.actor, c.req.valid('param').id, { signal: c.req.raw.signal }), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/baselines/{id}/drift',
        tags,
        summary: 'The drift report: organization, field, wanted, actual, since when',
        request: { params: IdParamSchema },
        responses: {
          200: json(z.object({ baseline_id: z.string(), last_checked_at: z.string().nullable(), items: z.array(DriftEntrySchema) }), 'Open drift as of the last check'),
          ...errorResponses(404),
        },
      }),
      access: access.read,
      handler: async (c) => c.json(await baselineDrift(c.var.hub, c.var.actor, c.req.valid('param').id), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/baselines/{id}/checks',
        tags,
        summary: 'Check history, newest first (one entry per organization per check)',
        request: { params: IdParamSchema, query: BaselineChecksQuerySchema },
        responses: { 200: json(z.object({ items: z.array(BaselineCheckSchema), next_cursor: z.string().nullable() }), 'A page of checks'), ...errorResponses(404) },
      }),
      access: access.read,
      handler: async (c) => c.json(await baselineChecks(c.var.hub, c.var.actor, c.req.valid('param').id, c.req.valid('query')), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/baselines/{id}/apply',
        tags,
        summary: 'Plan a bulk run that sets the drifted fields back to the wanted values (run it with POST /api/bulk-runs/{id}/run)',
        request: { params: IdParamSchema, body: { required: false, content: { 'application/json': { schema: BaselineApplySchema } } } },
        responses: { 201: json(BulkRunViewRef, 'The planned bulk run'), ...errorResponses(404, 409, 413, 415) },
      }),
      access: access.operate('baselines.apply'),
      handler: async (c) => c.json(await applyBaseline(c.var.hub, c.var.actor, c.req.valid('param').id, BaselineApplySchema.parse(c.req.valid('json') ?? {})), 201),
    }),
  ],
};
