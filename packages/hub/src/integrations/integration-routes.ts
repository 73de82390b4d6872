import { createRoute, z } from '@hono/zod-openapi';
import {
  createIntegration,
  deleteIntegration,
  getIntegration,
  listIntegrations,
  testIntegration,
  updateIntegration,
} from './integration-service.js';
import { fetchDuoAccounts } from './list-duo-accounts.js';
import { requireScope, requireUnlimited } from '../access/actor.js';
import { applyMappingSuggestions, suggestMappings } from '../organizations/mapping-suggestions.js';
import { defineApiRoute, type ApiRouteModule } from '../api/define-api-route.js';
import { errorResponses, ForceQuerySchema, IdParamSchema } from '../api/schemas/common-schemas.js';
import {
  CheckReportSchema,
  DuoAccountSchema,
  IntegrationCreateSchema,
  IntegrationPatchSchema,
  IntegrationSchema,
} from './integration-schemas.js';
import { ApplySuggestionsResultSchema, ApplySuggestionsSchema, MappingSuggestionsSchema } from '../organizations/organization-schemas.js';

const tags = ['integrations'];
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

/** `/api/integrations`: Duo parent accounts with up to three credential sets, checked on save. */
export const integrationRoutes: ApiRouteModule = {
  name: 'integrations',
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/integrations',
        tags,
        summary: 'List integrations',
        responses: { 200: json(z.object({ items: z.array(IntegrationSchema) }), 'Every integration, secrets masked'), ...errorResponses() },
      }),
      access: { scope: 'read', organizationLimited: 'denied' },
      handler: async (c) => c.json({ items: await listIntegrations(c.var.hub, c.var.actor) }, 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/integrations',
        tags,
        summary: 'Create an integration (each credential set is checked against Duo first)',
        request: { query: ForceQuerySchema, body: body(IntegrationCreateSchema) },
        responses: { 201: json(IntegrationSchema, 'Created'), ...errorResponses(409, 413, 415, 422) },
      }),
      access: { scope: 'admin', organizationLimited: 'denied', auditAction: 'integrations.create' },
      handler: async (c) => {
        const view = await createIntegration(c.var.hub, c.var.actor, c.req.valid('json'), { force: c.req.valid('query').force });
        return c.json(view, 201);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/integrations/{id}',
        tags,
        summary: 'Get an integration',
        request: { params: IdParamSchema },
        responses: { 200: json(IntegrationSchema, 'The integration, secrets masked'), ...errorResponses(404) },
      }),
      access: { scope: 'read', organizationLimited: 'denied' },
      handler: async (c) => c.json(await getIntegration(c.var.hub, c.var.actor, c.req.valid('param').id), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'patch',
        path: '/api/integrations/{id}',
        tags,
        summary: 'Update an integration (changed credential sets are checked first; send only secret_key to rotate it)',
        request: { params: IdParamSchema, query: ForceQuerySchema, body: body(IntegrationPatchSchema) },
        responses: { 200: json(IntegrationSchema, 'Updated'), ...errorResponses(404, 409, 413, 415, 422) },
      }),
      access: { scope: 'admin', organizationLimited: 'denied', auditAction: 'integrations.update' },
      handler: async (c) => {
        const view = await updateIntegration(c.var.hub, c.var.actor, c.req.valid('param').id, c.req.valid('json'), {
          force: c.req.valid('query').force,
        });
        return c.json(view, 200);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'delete',
        path: '/api/integrations/{id}',
        tags,
        summary: 'Delete an integration (refused while organizations map to it)',
        request: { params: IdParamSchema },
        responses: { 204: { description: 'Deleted' }, ...errorResponses(404, 409) },
      }),
      access: { scope: 'admin', organizationLimited: 'denied', auditAction: 'integrations.delete' },
      handler: async (c) => {
        await deleteIntegration(c.var.hub, c.var.actor, c.req.valid('param').id);
        return c.body(null, 204);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/integrations/{id}/test',
        tags,
        summary: 'Re-run the credential checks',
        request: { params: IdParamSchema },
        responses: { 200: json(CheckReportSchema, 'Per-set check results'), ...errorResponses(404) },
      }),
      access: { scope: 'admin', organizationLimited: 'denied', auditAction: 'integrations.test' },
      handler: async (c) => c.json(await testIntegration(c.var.hub, c.var.actor, c.req.valid('param').id), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/integrations/{id}/accounts',
        tags,
        summary: 'List the Duo child accounts (Accounts API)',
        request: { params: IdParamSchema },
        responses: { 200: json(z.object({ items: z.array(DuoAccountSchema) }), 'Child accounts'), ...errorResponses(404, 409, 502, 504) },
      }),
      access: { scope: 'read', organizationLimited: 'denied' },
      handler: async (c) => {
        requireScope(c.var.actor, 'read');
        requireUnlimited(c.var.actor);
        return c.json({ items: await fetchDuoAccounts(c.var.hub, c.req.valid('param').id) }, 200);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/integrations/{id}/mapping-suggestions',
        tags,
        summary: 'Suggest a Duo child account for every organization (name and email-domain evidence)',
        request: { params: IdParamSchema },
        responses: { 200: json(MappingSuggestionsSchema, 'Ranked suggestions'), ...errorResponses(404, 409, 502, 504) },
      }),
      access: { scope: 'read', organizationLimited: 'denied' },
      handler: async (c) => {
        const { accounts: _accounts, ...result } = await suggestMappings(c.var.hub, c.var.actor, c.req.valid('param').id);
        return c.json(result, 200);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/integrations/{id}/mapping-suggestions/apply',
        tags,
        summary: 'Apply every suggestion at or above a confidence threshold, in one transaction (manual mappings win)',
        request: { params: IdParamSchema, body: body(ApplySuggestionsSchema) },
        responses: { 200: json(ApplySuggestionsResultSchema, 'Applied and skipped suggestions'), ...errorResponses(404, 409, 502, 504) },
      }),
      access: { scope: 'admin', organizationLimited: 'denied', auditAction: 'organizations.apply_suggestions' },
      handler: async (c) =>
        c.json(await applyMappingSuggestions(c.var.hub, c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
    }),
  ],
};
