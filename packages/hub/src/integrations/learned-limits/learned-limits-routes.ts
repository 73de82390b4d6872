import { createRoute } from '@hono/zod-openapi';
import { defineApiRoute, type ApiRouteModule } from '../../api/define-api-route.js';
import { errorResponses, IdParamSchema } from '../../api/schemas/common-schemas.js';
import { LearnedLimitsQuerySchema, LearnedLimitsResetSchema, LearnedLimitsSchema } from './learned-limits-schemas.js';
import { listLearnedLimits, resetLearnedLimits } from './learned-limits-service.js';

const tags = ['integrations'];

/** `/api/integrations/{id}/rate-limits`: the Duo rate limits learned per account, and their reset. */
export const learnedLimitsRoutes: ApiRouteModule = {
  name: 'learned-limits',
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/integrations/{id}/rate-limits',
        tags,
        summary: "List the Duo rate limits learned for the integration's accounts (what the next run starts from)",
        request: { params: IdParamSchema, query: LearnedLimitsQuerySchema },
        responses: { 200: { description: 'One item per account, API host and endpoint class', content: { 'application/json': { schema: LearnedLimitsSchema } } }, ...errorResponses(404) },
      }),
      access: { scope: 'read', organizationLimited: 'denied' },
      handler: async (c) => c.json(await listLearnedLimits(c.var.hub, c.var.actor, c.req.valid('param').id, c.req.valid('query').account_id), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'delete',
        path: '/api/integrations/{id}/rate-limits',
        tags,
        summary: 'Forget the learned Duo rate limits (every account, or ?account_id=): the next runs start from Duo\'s published rates',
        request: { params: IdParamSchema, query: LearnedLimitsQuerySchema },
        responses: { 200: { description: 'The accounts reset', content: { 'application/json': { schema: LearnedLimitsResetSchema } } }, ...errorResponses(404) },
      }),
      access: { scope: 'admin', organizationLimited: 'denied', auditAction: 'integrations.rate_limits.reset' },
      handler: async (c) => c.json(await resetLearnedLimits(c.var.hub, c.var.actor, c.req.valid('param').id, c.req.valid('query').account_id), 200),
    }),
  ],
};
