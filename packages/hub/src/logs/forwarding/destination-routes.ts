import { createRoute, z } from '@hono/zod-openapi';
import { defineApiRoute, type ApiRouteModule } from '../../api/define-api-route.js';
import { errorResponses, IdParamSchema } from '../../api/schemas/common-schemas.js';
import { createDestination, deleteDestination, getDestination, listDestinations, testDestination, updateDestination } from './destination-service.js';
import {
  CreatedDestinationSchema,
  DestinationCreateSchema,
  DestinationPatchSchema,
  DestinationSchema,
  DestinationTestResultSchema,
} from './destination-schemas.js';

const tags = ['logs'];
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const access = (auditAction?: string) => ({ scope: 'admin' as const, organizationLimited: 'denied' as const, ...(auditAction ? { auditAction } : {}) });

/** `/api/log-destinations`: where Duo's logs and alerts are forwarded (webhooks, syslog), with their delivery status. */
export const logDestinationRoutes: ApiRouteModule = {
  name: 'log-destinations',
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/log-destinations',
        tags,
        summary: 'List log destinations with their delivery status (lag, counts, last error)',
        responses: { 200: json(z.object({ items: z.array(DestinationSchema) }), 'Every destination, secrets as hints'), ...errorResponses() },
      }),
      access: access(),
      handler: async (c) => c.json({ items: await listDestinations(c.var.hub, c.var.actor) }, 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/log-destinations',
        tags,
        summary: 'Create a destination (a webhook answer shows its signing secret once)',
        request: { body: body(DestinationCreateSchema) },
        responses: { 201: json(CreatedDestinationSchema, 'Created'), ...errorResponses(409, 413, 415) },
      }),
      access: access('log_destinations.create'),
      handler: async (c) => c.json(await createDestination(c.var.hub, c.var.actor, c.req.valid('json')), 201),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/log-destinations/{id}',
        tags,
        summary: 'Get a destination with its delivery status',
        request: { params: IdParamSchema },
        responses: { 200: json(DestinationSchema, 'The destination'), ...errorResponses(404) },
      }),
      access: access(),
      handler: async (c) => c.json(await getDestination(c.var.hub, c.var.actor, c.req.valid('param').id), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'patch',
        path: '/api/log-destinations/{id}',
        tags,
        summary: 'Update a destination (rotate_secret answers with the new signing secret once)',
        request: { params: IdParamSchema, body: body(DestinationPatchSchema) },
        responses: { 200: json(CreatedDestinationSchema.partial({ secret: true }), 'Updated'), ...errorResponses(404, 409, 413, 415) },
      }),
      access: access('log_destinations.update'),
      handler: async (c) => c.json(await updateDestination(c.var.hub, c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'delete',
        path: '/api/log-destinations/{id}',
        tags,
        summary: 'Delete a destination and its queue',
        request: { params: IdParamSchema },
        responses: { 204: { description: 'Deleted' }, ...errorResponses(404) },
      }),
      access: access('log_destinations.delete'),
      handler: async (c) => {
        await deleteDestination(c.var.hub, c.var.actor, c.req.valid('param').id);
        return c.body(null, 204);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/log-destinations/{id}/test',
        tags,
        summary: 'Send a test message now and report whether the receiver took it',
        request: { params: IdParamSchema },
        responses: { 200: json(DestinationTestResultSchema, 'The outcome (a refusal is an outcome, not an error)'), ...errorResponses(404) },
      }),
      access: access('log_destinations.test'),
      handler: async (c) => c.json(await testDestination(c.var.hub, c.var.actor, c.req.valid('param').id), 200),
    }),
  ],
};
