import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { defineApiRoute, type ApiRouteModule } from '../api/define-api-route.js';
import { limitBody } from '../api/limit-body.js';
import type { HubEnv } from '../api/hub-env.js';
import { HubError } from '../errors/hub-error.js';
import {
  ListQuerySchema,
  MethodIdParamSchema,
  vaultEnvelope,
  VaultDuoMethodSchema,
  VaultDuoMethodWriteSchema,
  VaultErrorSchema,
} from './mfa-method-schemas.js';
import { deleteMethod, listMethodViews, METHOD_WRITE_FIELDS, readMethod, writeMethod } from './mfa-method-service.js';
import { ERROR_CODE_HEADER, vaultGate } from './vault-gate.js';

const tags = ['vault mfa methods'];
const COLLECTION = '/v1/identity/mfa/method/duo';
const ITEM = '/v1/identity/mfa/method/duo/{id}';

const vaultJson = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
function vaultErrorResponses<S extends number>(...statuses: S[]) {
  const out = {} as Record<400 | 403 | S, ReturnType<typeof vaultJson<typeof VaultErrorSchema>>>;
  for (const s of [400, 403, ...statuses] as Array<400 | 403 | S>) {
    out[s] = vaultJson(VaultErrorSchema, s === 403 ? 'Missing, unknown or under-scoped token' : 'Error, as Vault words it');
  }
  return out;
}
const writeBody = { required: true, content: { 'application/json': { schema: VaultDuoMethodWriteSchema } } };
const MethodIdData = vaultEnvelope(z.object({ method_id: z.string() }));
const ListData = vaultEnvelope(z.object({ keys: z.array(z.string()), key_info: z.record(z.string(), VaultDuoMethodSchema) }));

/** Vault's response envelope. */
function envelope<T>(c: Context<HubEnv>, data: T, warnings: string[] = []) {
  return {
    request_id: c.get('requestId'),
    lease_id: '',
    renewable: false,
    lease_duration: 0,
    data,
    wrap_info: null,
    warnings: warnings.length > 0 ? warnings : null,
    auth: null,
  };
}

/**
 * Vault's answer to a read or list that finds nothing: 404 with an empty error list. An empty list
 * is not an error (Vault's clients read it as "nothing here"), so only an unknown id names a code.
 */
function vaultNotFound(c: Context<HubEnv>, code?: 'not_found') {
  if (code) c.header(ERROR_CODE_HEADER, code);
  return c.json({ errors: [] as string[] }, 404);
}

function notFoundAsUndefined(error: unknown): undefined {
  if (error instanceof HubError && error.code === 'not_found') return undefined;
  throw error;
}

/** Top-level body keys this endpoint does not know (Vault warns about them rather than failing). */
async function ignoredFields(c: Context<HubEnv>): Promise<string[]> {
  const raw: unknown = await c.req.json().catch(() => ({}));
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  return Object.keys(raw).filter((k) => !METHOD_WRITE_FIELDS.has(k)).slice(0, 20);
}

async function list(c: Context<HubEnv>) {
  const result = await listMethodViews(c.var.hub, c.var.actor);
  // Vault answers an empty LIST with 404 and no errors; its clients read that as "nothing here".
  if (result.keys.length === 0) return vaultNotFound(c);
  return c.json(envelope(c, result), 200);
}

/**
 * `/v1/identity/mfa/method/duo`: Vault's Duo MFA method API (create, update, read, delete, list),
 * with keys never read back and every write validated against Duo and a sample identity.
 */
export const vaultMethodRoutes: ApiRouteModule = {
  name: 'vault-mfa-methods',
  use: [
    { path: '/v1/*', handler: vaultGate },
    {
      path: '/v1/*',
      handler: limitBody(1024 * 1024),
    },
  ],
  routes: [
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: COLLECTION,
        tags,
        summary: 'Create a Duo MFA method (Vault-compatible); keys are checked against Duo first',
        request: { body: writeBody },
        responses: { 200: vaultJson(MethodIdData, 'Created: the new method id'), ...vaultErrorResponses(409, 413, 422, 502, 504) },
      }),
      access: { scope: 'admin', organizationLimited: 'denied', auditAction: 'mfa_methods.create' },
      handler: async (c) => {
        const result = await writeMethod(c.var.hub, c.var.actor, undefined, c.req.valid('json'), await ignoredFields(c));
        return c.json(envelope(c, { method_id: result.method_id }, result.warnings), 200);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'post',
        path: ITEM,
        tags,
        summary: 'Update a Duo MFA method (omitted fields keep their values), or create one with this id',
        request: { params: MethodIdParamSchema, body: writeBody },
        responses: { 200: vaultJson(MethodIdData, 'Saved: the method id'), ...vaultErrorResponses(409, 413, 422, 502, 504) },
      }),
      access: { scope: 'admin', organizationLimited: 'denied', auditAction: 'mfa_methods.write' },
      handler: async (c) => {
        const result = await writeMethod(c.var.hub, c.var.actor, c.req.valid('param').id, c.req.valid('json'), await ignoredFields(c));
        return c.json(envelope(c, { method_id: result.method_id }, result.warnings), 200);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: ITEM,
        tags,
        summary: 'Read a Duo MFA method (Vault shape; integration and secret keys only as hints)',
        request: { params: MethodIdParamSchema },
        responses: { 200: vaultJson(vaultEnvelope(VaultDuoMethodSchema), 'The method'), ...vaultErrorResponses(404) },
      }),
      access: { scope: 'read', organizationLimited: 'denied' },
      handler: async (c) => {
        const method = await readMethod(c.var.hub, c.var.actor, c.req.valid('param').id).catch(notFoundAsUndefined);
        // Vault answers a read of an unknown id with 404 and an empty error list.
        if (!method) return vaultNotFound(c, 'not_found');
        return c.json(envelope(c, method), 200);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'delete',
        path: ITEM,
        tags,
        summary: 'Delete a Duo MFA method',
        request: { params: MethodIdParamSchema },
        responses: { 204: { description: 'Deleted' }, ...vaultErrorResponses(404) },
      }),
      access: { scope: 'admin', organizationLimited: 'denied', auditAction: 'mfa_methods.delete' },
      handler: async (c) => {
        // Like Vault, deleting an id that does not exist succeeds (the audit entry says nothing was there).
        await deleteMethod(c.var.hub, c.var.actor, c.req.valid('param').id);
        return c.body(null, 204);
      },
    }),
    defineApiRoute({
      route: createRoute({
        method: 'get',
        path: COLLECTION,
        tags,
        summary: 'List Duo MFA methods (`?list=true`, what Vault clients send for LIST); an empty list is a 404 as in Vault',
        request: { query: ListQuerySchema },
        responses: { 200: vaultJson(ListData, 'Method ids and their masked views'), ...vaultErrorResponses(404, 405) },
      }),
      access: { scope: 'read', organizationLimited: 'denied' },
      handler: async (c) => {
        // Vault reads `list` with Go's ParseBool; without it, a GET on the collection is a read Vault does not support.
        if (c.req.valid('query').list !== true) return c.json({ errors: ['unsupported operation: add ?list=true to list methods'] }, 405);
        return list(c);
      },
    }),
    defineApiRoute({
      route: createRoute({
        // Vault's LIST verb. Node's HTTP parser refuses methods it does not know; the server reads LIST
        // requests itself and dispatches them here (server/accept-list-method.ts).
        method: 'list' as 'get',
        path: COLLECTION,
        hide: true,
        responses: { 200: vaultJson(ListData, 'Method ids and their masked views'), ...vaultErrorResponses(404) },
      }),
      access: { scope: 'read', organizationLimited: 'denied' },
      handler: async (c) => list(c),
    }),
  ],
};
