import { createRoute, z } from '@hono/zod-openapi';
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
} from './organization-service.js';
import { defineApiRoute, type ApiRouteModule } from '../api/define-api-route.js';
import { errorResponses, ForceQuerySchema, IdParamSchema } from '../api/schemas/common-schemas.js';
import { createOrganizationAuthApplication } from './create-organization-auth-application.js';
import {
  AuthApplicationRequestSchema,
  AuthApplicationResultSchema,
  OrganizationCreateSchema,
  OrganizationPatchSchema,
  OrganizationSchema,
} from './organization-schemas.js';

const tags = ['organizations'];
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

/** `/api/organizations`: the hub's clients, their Duo mapping and directory key. */
export const organizationRoutes: ApiRouteModule = {
  name: 'organizations',
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/organizations',
        tags,
        summary: 'List organizations (a limited token sees only its own)',
        responses: { 200: json(z.object({ items: z.array(OrganizationSchema) }), 'Organizations'), ...errorResponses() },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => c.json({ items: await listOrganizations(c.var.hub, c.var.actor) }, 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/organizations',
        tags,
        summary: 'Create an organization (a mapping given here is manual; ?force=true skips verifying the account with Duo)',
        request: { query: ForceQuerySchema, body: body(OrganizationCreateSchema) },
        responses: { 201: json(OrganizationSchema, 'Created'), ...errorResponses(409, 413, 415, 502, 504) },
      }),
      access: { scope: 'admin', organizationLimited: 'denied', auditAction: 'organizations.create' },
      handler: async (c) =>
        c.json(await createOrganization(c.var.hub, c.var.actor, c.req.valid('json'), { force: c.req.valid('query').force }), 201),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/organizations/{id}',
        tags,
        summary: 'Get an organization',
        request: { params: IdParamSchema },
        responses: { 200: json(OrganizationSchema, 'The organization'), ...errorResponses(404) },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => c.json(await getOrganization(c.var.hub, c.var.actor, c.req.valid('param').id), 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'patch',
        path: '/api/organizations/{id}',
        tags,
        summary: 'Update an organization: name, domains, mapping (manual; null for both removes it), directory key',
        request: { params: IdParamSchema, query: ForceQuerySchema, body: body(OrganizationPatchSchema) },
        responses: { 200: json(OrganizationSchema, 'Updated'), ...errorResponses(404, 409, 413, 415, 502, 504) },
      }),
      access: { scope: 'admin', organizationLimited: 'allowed', auditAction: 'organizations.update' },
      handler: async (c) =>
        c.json(
          await updateOrganization(c.var.hub, c.var.actor, c.req.valid('param').id, c.req.valid('json'), {
            force: c.req.valid('query').force,
          }),
          200,
        ),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/organizations/{id}/auth-application',
        tags,
        summary:
          "Create an Auth API application in the organization's own Duo account and store its keys for the organization (checked with Duo, sealed; the secret is never returned)",
        request: { params: IdParamSchema, body: body(AuthApplicationRequestSchema) },
        responses: { 201: json(AuthApplicationResultSchema, 'Created and stored'), ...errorResponses(404, 409, 413, 415, 422, 502, 504) },
      }),
      access: { scope: 'admin', organizationLimited: 'allowed', auditAction: 'organizations.create_auth_application' },
      handler: async (c) =>
        c.json(await createOrganizationAuthApplication(c.var.hub, c.var.actor, c.req.valid('param').id, c.req.valid('json')), 201),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'delete',
        path: '/api/organizations/{id}',
        tags,
        summary: 'Delete an organization',
        request: { params: IdParamSchema },
        responses: { 204: { description: 'Deleted' }, ...errorResponses(404) },
      }),
      access: { scope: 'admin', organizationLimited: 'allowed', auditAction: 'organizations.delete' },
      handler: async (c) => {
        await deleteOrganization(c.var.hub, c.var.actor, c.req.valid('param').id);
        return c.body(null, 204);
      },
    }),
  ],
};
