import { createRoute, z } from '@hono/zod-openapi';
import { defineApiRoute, type ApiRouteDefinition, type ApiRouteModule } from '../api/define-api-route.js';
import { errorResponses, IdParamSchema } from '../api/schemas/common-schemas.js';
import { HubError } from '../errors/hub-error.js';
import { catalog, findAction } from './catalog.js';
import type { AnyAction } from './define-action.js';
import { describeAction } from './describe-action.js';
import { resolveActionClients } from './resolve-action-clients.js';
import { runCatalogAction } from './run-catalog-action.js';
import { LEGACY_RUN_KEYS, runRequestSchema, runRequestSchemaFor } from './run-request-schema.js';
import { acceptLegacyKeys } from '../api/accept-legacy-keys.js';

const access = { scope: 'operate', organizationLimited: 'allowed', auditAction: 'actions.run' } as const;
const duoErrors = errorResponses(404, 409, 422, 502, 504);
const describedSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  api: z.string(),
  resource: z.string(),
  idempotent: z.boolean(),
  read_only: z.boolean(),
  destructive: z.boolean(),
  input: z.record(z.string(), z.unknown()).openapi({ description: 'JSON Schema (2020-12) of the input' }),
  output: z.record(z.string(), z.unknown()).openapi({ description: 'JSON Schema (2020-12) of the output' }),
});

/** The run route of one action: its own path and input schema, so OpenAPI documents each one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function runRoute(action: AnyAction): ApiRouteDefinition<any> {
  return defineApiRoute({
    route: createRoute({
      method: 'post',
      path: `/api/actions/${action.id}/run`,
      operationId: `run_${action.id.replace('.', '_')}`,
      tags: [`actions: ${action.resource}`],
      summary: action.title,
      description: `${action.description}\n\nDuo API: ${action.api}; idempotent: ${action.idempotent}${
        action.destructive ? '; destructive: `dry_run: true` resolves the target and changes nothing' : ''
      }.`,
      request: { body: { required: true, content: { 'application/json': { schema: runRequestSchemaFor(action.input) } } } },
      middleware: [acceptLegacyKeys(LEGACY_RUN_KEYS)],
      responses: {
        200: {
          description: 'The result (with dry_run, what would change)',
          content: { 'application/json': { schema: z.object({ action: z.literal(action.id), dry_run: z.boolean(), output: action.output }) } },
        },
        ...duoErrors,
      },
    }),
    access,
    handler: async (c) => {
      const body = c.req.valid('json') as z.output<typeof runRequestSchema>;
      const request = { actionId: action.id, integrationId: body.integration_id, organizationId: body.organization_id, input: body.input, dryRun: body.dry_run };
      const result = await runCatalogAction(c.var.hub, c.var.actor, request, resolveActionClients, c.req.raw.signal);
      return c.json({ action: result.action, dry_run: result.dryRun, output: result.output }, 200);
    },
  });
}

/** `/api/actions`: the catalog with JSON Schemas, and one run route per action. */
export const actionRoutes: ApiRouteModule = {
  name: 'actions',
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/actions',
        tags: ['actions'],
        summary: 'The action catalog, with JSON Schemas of each input and output',
        responses: {
          200: { description: 'Catalog', content: { 'application/json': { schema: z.object({ items: z.array(describedSchema) }) } } },
          ...errorResponses(),
        },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: (c) => c.json({ items: catalog.map(describeAction) }, 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/actions/{id}',
        tags: ['actions'],
        summary: 'One action with JSON Schemas of its input and output',
        request: { params: IdParamSchema },
        responses: {
          200: { description: 'The action', content: { 'application/json': { schema: describedSchema } } },
          ...errorResponses(404),
        },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: (c) => {
        const action = findAction(c.req.valid('param').id);
        if (!action) throw new HubError('not_found', { message: 'No action has that id.' });
        return c.json(describeAction(action), 200);
      },
    }),
    ...catalog.map(runRoute),
    // Any other id: a registry 404 (hidden from the docs, which list every real action above).
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/actions/{id}/run',
        hide: true,
        request: { params: IdParamSchema },
        responses: { 404: { description: 'Unknown action' } },
      }),
      access,
      handler: (c) => {
        throw new HubError('not_found', { message: `No action has the id ${c.req.valid('param').id}.` });
      },
    }),
  ],
};
