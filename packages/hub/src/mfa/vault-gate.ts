import type { Context, MiddlewareHandler } from 'hono';
import { parseBearer } from '../access/api-token.js';
import { authenticateClient } from '../access/authenticate-client.js';
import { clientAddress } from '../api/client-address.js';
import type { HubEnv } from '../api/hub-env.js';
import type { InProcessBindings } from '../cli/hub-client.js';
import { HubError } from '../errors/hub-error.js';
import { toErrorResponse } from '../errors/to-error-response.js';

/**
 * Front door of the Vault-compatible API (`/v1/...`): takes a hub token from `X-Vault-Token` or
 * `Authorization: Bearer`, reads bodies as JSON whatever their content type (Vault's own curl
 * examples send `--data @payload.json`), and turns every hub error answer into Vault's
 * `{ "errors": [...] }`. A missing or unknown token is Vault's 403 "permission denied". Vault's shape
 * has no room for the hub's error code, so it travels in the `X-Duohub-Error-Code` header (the web UI
 * shows it; Vault clients ignore it).
 */
export const vaultGate: MiddlewareHandler<HubEnv> = async (c, next) => {
  try {
    const bound = (c.env as Partial<InProcessBindings> | undefined)?.duohubActor;
    if (bound) {
      c.set('actor', bound);
    } else {
      const token = c.req.header('x-vault-token') || parseBearer(c.req.header('authorization'));
      if (!token) throw new HubError('unauthorized', { message: 'permission denied: missing client token (X-Vault-Token or Authorization: Bearer)' });
      const check = await authenticateClient(c.get('hub'), token, clientAddress(c));
      if (!('actor' in check)) throw new HubError('unauthorized', { message: 'permission denied: the token is unknown, revoked or expired' });
      c.set('actor', check.actor);
    }
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    c.header(ERROR_CODE_HEADER, body.error.code);
    return vaultErrors(c, status, toVaultMessages(body.error));
  }
  if ((c.req.method === 'POST' || c.req.method === 'PUT') && !/json/i.test(c.req.header('content-type') ?? 'application/json')) {
    const headers = new Headers(c.req.raw.headers);
    headers.set('content-type', 'application/json');
    c.req.raw = new Request(c.req.raw, { headers });
  }
  await next();
  const res = c.res;
  if (res.status < 400 || !(res.headers.get('content-type') ?? '').includes('json')) return;
  const body = (await res.clone().json().catch(() => undefined)) as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
  if (!body?.error) return;
  const headers = new Headers(res.headers);
  headers.delete('www-authenticate');
  headers.delete('content-length');
  if (body.error.code) headers.set(ERROR_CODE_HEADER, body.error.code);
  // Hono copies the old answer's headers onto a replacement (stale content-length included); clearing it first avoids that.
  c.res = undefined as unknown as Response;
  c.res = new Response(JSON.stringify({ errors: toVaultMessages(body.error) }), {
    status: body.error.code === 'unauthorized' ? 403 : res.status,
    headers,
  });
};

/** What Vault answers (403) for a request without a valid token, word for word. */
const PERMISSION_DENIED = 'permission denied';

/** Response header carrying the hub's registry code on Vault-shaped error answers. */
export const ERROR_CODE_HEADER = 'x-duohub-error-code';

/** A Vault-shaped error answer. */
export function vaultErrors(c: Context<HubEnv>, status: number, errors: string[]): Response {
  return c.json({ errors }, (status === 401 ? 403 : status) as 400);
}

/**
 * The hub error as Vault's list of messages: the message, then one line per detail. A missing or
 * bad token and an unreadable body get Vault's own words (the header still tells the hub's code).
 */
export function toVaultMessages(error: { code?: string; message?: string | undefined; details?: unknown } | undefined): string[] {
  if (error?.code === 'unauthorized') return [PERMISSION_DENIED];
  if (error?.code === 'malformed_body') return ['failed to parse JSON input: the request body is not valid JSON'];
  const messages = [error?.message ?? 'error'];
  const details = error?.details;
  if (Array.isArray(details)) {
    for (const d of details as Array<{ field?: string; message?: string }>) {
      if (d && typeof d.message === 'string') messages.push(d.field ? `${d.field}: ${d.message}` : d.message);
    }
  } else if (details && typeof details === 'object' && Array.isArray((details as { errors?: unknown }).errors)) {
    for (const e of (details as { errors: unknown[] }).errors) if (typeof e === 'string') messages.push(e);
  }
  return messages;
}
