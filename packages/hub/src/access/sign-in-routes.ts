import { z } from 'zod';
import type { MiddlewareHandler } from 'hono';
import type { ApiRouteModule } from '../api/define-api-route.js';
import type { HubEnv } from '../api/hub-env.js';
import { HubError } from '../errors/hub-error.js';
import { zodIssuesToFieldIssues } from '../errors/zod-issues-to-field-issues.js';
import { exchangeSignInToken } from './sign-in-links.js';

/** The exchange's path; public (no bearer token), since the sign-in token is the credential. */
export const SIGN_IN_EXCHANGE_PATH = '/api/sign-in/exchange';

const ExchangeBodySchema = z.strictObject({ sign_in_token: z.string().min(1).max(200) });

const exchange: MiddlewareHandler<HubEnv> = async (c) => {
  if (c.req.method !== 'POST') throw new HubError('not_found', { message: `No route for ${c.req.method} ${c.req.path}.` });
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) throw new HubError('unsupported_media_type');
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new HubError('malformed_body');
  }
  const parsed = ExchangeBodySchema.safeParse(raw);
  if (!parsed.success) throw new HubError('validation_failed', { details: zodIssuesToFieldIssues(parsed.error, 'body') });
  const result = await exchangeSignInToken(c.var.hub, parsed.data.sign_in_token);
  if (!result) {
    throw new HubError('unauthorized', { message: 'This sign-in link is unknown, expired or already used; sign in with an API token instead.' });
  }
  return c.json(result, 200, { 'cache-control': 'no-store' });
};

/**
 * `POST /api/sign-in/exchange {"sign_in_token": "dhs_..."}`: the web UI trades the one-time token
 * from a sign-in link (`#token=` in the address, see `issueSignInToken`) for an API token. Mounted as
 * middleware because it is the one `/api` route without a bearer token (create-app lets it through);
 * kept out of the OpenAPI document, whose every operation takes a bearer token.
 */
export const signInRoutes: ApiRouteModule = {
  name: 'sign-in',
  routes: [],
  use: [{ path: SIGN_IN_EXCHANGE_PATH, handler: exchange }],
};
