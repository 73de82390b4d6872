import { z } from '@hono/zod-openapi';

/** Error body schema shared by every route's error responses. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

/** A hub id in a path: bounded so a huge path segment is a 400, not a database lookup. */
export const IdParamSchema = z.object({
  id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, example: 'int_01JD3Q8W4Y0000000000000000' }),
});

/** A yes/no query parameter as the hub's routes spell it (`true`/`false`/`1`/`0`), `absent` when not given. */
export function queryFlag(absent: boolean) {
  return z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? absent : v === 'true' || v === '1'));
}

/** `?force=true` on writes that would otherwise be refused after a failed check. */
export const ForceQuerySchema = z.object({
  force: queryFlag(false).openapi({ param: { name: 'force', in: 'query' }, description: 'Save even when the checks against Duo fail.' }),
});

/** Standard error responses every authenticated route can produce. */
export function errorResponses(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: 'Invalid request (validation_failed, malformed_body)',
    401: 'Missing or invalid token (unauthorized)',
    403: 'Token lacks the scope or the organization (forbidden)',
    404: 'Unknown id (not_found)',
    409: 'Conflict (conflict, credentials_missing)',
    413: 'Body too large (payload_too_large)',
    415: 'Body is not JSON (unsupported_media_type)',
    422: 'Credential check failed (integration_check_failed)',
    502: 'Duo answered with an error (duo_error)',
    504: 'Duo unreachable (duo_unreachable)',
  };
  const out: Record<number, { description: string; content: { 'application/json': { schema: typeof ErrorBodySchema } } }> = {};
  for (const status of [400, 401, 403, ...statuses]) {
    out[status] = { description: descriptions[status] ?? 'Error', content: { 'application/json': { schema: ErrorBodySchema } } };
  }
  return out;
}
