import { createRoute, z } from '@hono/zod-openapi';
import { createToken, listTokens, revokeToken } from './token-service.js';
import { defineApiRoute, type ApiRouteModule } from '../api/define-api-route.js';
import { errorResponses, IdParamSchema } from '../api/schemas/common-schemas.js';
import { expandScopes } from './scopes.js';
import { CreatedTokenSchema, CurrentActorSchema, TokenCreateSchema, TokenSchema } from './token-schemas.js';

const tags = ['tokens'];

/** `/api/tokens`: API tokens, shown once, stored hashed. */
export const tokenRoutes: ApiRouteModule = {
  name: 'tokens',
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/tokens',
        tags,
        summary: 'List tokens (never the tokens themselves)',
        responses: {
          200: { description: 'Tokens', content: { 'application/json': { schema: z.object({ items: z.array(TokenSchema) }) } } },
          ...errorResponses(),
        },
      }),
      access: { scope: 'admin', organizationLimited: 'allowed' },
      handler: async (c) => c.json({ items: await listTokens(c.var.hub, c.var.actor) }, 200),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: '/api/tokens/current',
        tags,
        summary: 'The calling token: its scopes and organization limits (the web UI shows pages by them)',
        responses: {
          200: { description: 'The caller', content: { 'application/json': { schema: CurrentActorSchema } } },
          ...errorResponses(),
        },
      }),
      access: { scope: 'read', organizationLimited: 'allowed' },
      handler: async (c) => {
        const actor = c.var.actor;
        return c.json({ kind: actor.kind, token_id: actor.tokenId, scopes: expandScopes(actor.scopes), organization_ids: actor.organizationIds }, 200);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: '/api/tokens',
        tags,
        summary: 'Create a token (shown once in the answer)',
        request: { body: { required: true, content: { 'application/json': { schema: TokenCreateSchema } } } },
        responses: {
          201: { description: 'Created', content: { 'application/json': { schema: CreatedTokenSchema } } },
          ...errorResponses(413, 415),
        },
      }),
      access: { scope: 'admin', organizationLimited: 'allowed', auditAction: 'tokens.create' },
      handler: async (c) => c.json(await createToken(c.var.hub, c.var.actor, c.req.valid('json')), 201),
    }),
    defineApiRoute({
      route: createRoute({
        method: 'delete',
        path: '/api/tokens/{id}',
        tags,
        summary: 'Revoke a token',
        request: { params: IdParamSchema },
        responses: {
          200: { description: 'Revoked', content: { 'application/json': { schema: TokenSchema } } },
          ...errorResponses(404),
        },
      }),
      access: { scope: 'admin', organizationLimited: 'allowed', auditAction: 'tokens.revoke' },
      handler: async (c) => c.json(await revokeToken(c.var.hub, c.var.actor, c.req.valid('param').id), 200),
    }),
  ],
};
