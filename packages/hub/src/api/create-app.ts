import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { limitBody } from './limit-body.js';
import { matchedRoutes } from 'hono/route';
import { randomUUID } from 'node:crypto';
import { requireScope, requireUnlimited } from '../access/actor.js';
import { parseBearer } from '../access/api-token.js';
import { authenticateClient } from '../access/authenticate-client.js';
import { tokenRefusalMessage } from '../access/token-check.js';
import { SIGN_IN_EXCHANGE_PATH } from '../access/sign-in-routes.js';
import { recordAudit } from '../audit/record-audit.js';
import type { InProcessBindings } from '../cli/hub-client.js';
import { HubError } from '../errors/hub-error.js';
import { toErrorResponse } from '../errors/to-error-response.js';
import { zodIssuesToFieldIssues } from '../errors/zod-issues-to-field-issues.js';
import type { HubContext } from '../hub-context.js';
import { apiRouteModules } from './api-route-modules.js';
import { clientAddress } from './client-address.js';
import type { ApiRouteDefinition, ApiRouteModule } from './define-api-route.js';
import { HttpMetrics } from './http-metrics.js';
import type { HubEnv } from './hub-env.js';
import { DOCS_PATH, mountDocsPage } from './mount-docs-page.js';
import { rejectInvalidText } from './reject-invalid-text.js';
import { routeLabel, UI_ROUTE_PATH } from './route-label.js';
import { applySecurityHeaders } from './security-headers.js';

/** Options of the app factory. */
export interface CreateAppOptions {
  hub: HubContext;
  /** Route modules to mount; defaults to `apiRouteModules` (core routes plus the action catalog's). */
  routeModules?: readonly ApiRouteModule[];
  metrics?: HttpMetrics;
  /** Built web UI to serve at `/`; defaults to `packages/web/dist` when it exists. `null` disables it. */
  webDist?: string | null;
  /** Largest accepted request body, bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  version?: string;
}

/** Paths under /api that need no token: the API description, its docs page (with its assets), and the sign-in link exchange. */
function isPublicApiPath(path: string): boolean {
  return path === '/api/openapi.json' || path === DOCS_PATH || path.startsWith(`${DOCS_PATH}/`) || path === SIGN_IN_EXCHANGE_PATH;
}

const LOCATION: Record<string, string> = { json: 'body', form: 'body', query: 'query', param: 'path', header: 'header', cookie: 'cookie' };

/** Validation failures from any route's schemas become `validation_failed` with each field named. */
const validationHook: Hook<unknown, HubEnv, string, unknown> = (result) => {
  if (!result.success) {
    throw new HubError('validation_failed', { details: zodIssuesToFieldIssues(result.error, LOCATION[result.target] ?? result.target) });
  }
};

/**
 * The hub's HTTP app: health and metrics, the REST API from explicit route modules (each
 * declaration giving validation, types and OpenAPI), the OpenAPI document and docs page, and the UI.
 */
export function createApp(options: CreateAppOptions): OpenAPIHono<HubEnv> {
  const { hub } = options;
  const metrics = options.metrics ?? new HttpMetrics();
  const app = new OpenAPIHono<HubEnv>({ defaultHook: validationHook });

  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('hub', hub);
    c.set('requestId', randomUUID());
    await next();
    const route = routeLabel(matchedRoutes(c), c.req.routeIndex, c.res.status);
    const seconds = (performance.now() - started) / 1000;
    metrics.observe(c.req.method, route, c.res.status, seconds);
    if (route !== '/healthz' && route !== '/metrics') {
      hub.logger.info(
        {
          request_id: c.get('requestId'),
          method: c.req.method,
          route,
          status: c.res.status,
          duration_ms: Math.round(seconds * 1000 * 10) / 10,
          token_id: c.get('actor')?.tokenId ?? null,
        },
        'request',
      );
    }
  });

  app.use('*', applySecurityHeaders);

  app.onError((error, c) => {
    const { status, body, internal } = toErrorResponse(error);
    if (internal) {
      hub.logger.error({ err: error, request_id: c.get('requestId'), method: c.req.method, path: c.req.path }, 'unhandled error');
    }
    const headers: Record<string, string> = {};
    if (status === 401) headers['www-authenticate'] = 'Bearer';
    return c.json(body, status as 400, headers);
  });

  app.notFound((c) => {
    const { status, body } = toErrorResponse(new HubError('not_found', { message: `No route for ${c.req.method} ${c.req.path}.` }));
    return c.json(body, status as 404);
  });

  app.get('/healthz', async (c) => {
    try {
      await hub.store.db.selectFrom('integrations').select('id').limit(1).execute();
      return c.json({ status: 'ok', store: hub.store.dialect });
    } catch {
      return c.json({ status: 'unavailable', store: hub.store.dialect }, 503);
    }
  });
  app.get('/metrics', (c) => c.body(metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }));

  app.use(
    '/api/*',
    limitBody(options.maxBodyBytes ?? 1024 * 1024),
  );
  app.use('/api/*', async (c, next) => {
    if (isPublicApiPath(c.req.path)) return next();
    // The CLI working on the store calls app.fetch in-process with an actor binding; requests that
    // arrive over HTTP carry the server's own bindings and can never set it.
    const bound = (c.env as Partial<InProcessBindings> | undefined)?.duohubActor;
    if (bound) {
      c.set('actor', bound);
      return next();
    }
    const token = parseBearer(c.req.header('authorization'));
    if (!token) throw new HubError('unauthorized');
    const check = await authenticateClient(hub, token, clientAddress(c));
    if (!('actor' in check)) throw new HubError('unauthorized', { message: tokenRefusalMessage(check) });
    c.set('actor', check.actor);
    return next();
  });

  for (const module of options.routeModules ?? apiRouteModules) for (const use of module.use ?? []) app.use(use.path, use.handler);
  for (const module of options.routeModules ?? apiRouteModules) {
    for (const definition of module.routes) mountRoute(app, definition);
  }

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A hub API token (`dh_...`).',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'duohub API',
      version: options.version ?? '0.1.0',
      description: 'Cisco Duo integrations, organizations mapped to Duo accounts, tokens and audit. Errors: docs/errors.md.',
    },
    security: [{ bearer: [] }],
  });
  mountDocsPage(app);

  mountUi(app, options.webDist === undefined ? defaultWebDist() : options.webDist);
  return app;
}

/** Mounts one declared route with its access check in front of validation. */
function mountRoute(app: OpenAPIHono<HubEnv>, definition: ApiRouteDefinition): void {
  const { access } = definition;
  const check: MiddlewareHandler<HubEnv> = async (c, next) => {
    const actor = c.get('actor');
    try {
      requireScope(actor, access.scope);
      if (access.organizationLimited === 'denied') requireUnlimited(actor);
    } catch (error) {
      if (access.auditAction) {
        const id = c.req.param('id');
        await recordAudit(c.get('hub').store.db, c.get('hub'), actor, { action: access.auditAction, targetId: id ?? null }, 'denied', 'forbidden');
      }
      throw error;
    }
    return next();
  };
  const existing = definition.route.middleware;
  const middleware = [check, rejectInvalidText, ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing])];
  const route = {
    ...definition.route,
    middleware,
    security: [{ bearer: [] }],
    // Machine-readable access declaration: the OpenAPI-driven access matrix test reads it.
    'x-duohub-access': { scope: access.scope, organization_limited: access.organizationLimited },
    description: [definition.route.description, `Requires the \`${access.scope}\` scope${access.organizationLimited === 'denied' ? ' and a token not limited to organizations' : ''}.`]
      .filter(Boolean)
      .join('\n\n'),
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  app.openapi(route as any, definition.handler as any);
}

/** The built UI beside the hub: from src/api when run from source, from dist/ when run bundled. */
function defaultWebDist(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../../web/dist'), path.resolve(here, '../../web/dist')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[0]!;
}

/** Serves the built UI when present, else a small page pointing at the API docs. */
function mountUi(app: OpenAPIHono<HubEnv>, webDist: string | null): void {
  if (webDist && existsSync(path.join(webDist, 'index.html'))) {
    const assets = serveStatic<HubEnv>({ root: webDist });
    // Client-side routes fall back to the app shell; API and Vault paths keep their JSON 404s.
    const shell = serveStatic<HubEnv>({ root: webDist, path: 'index.html' });
    app.get(UI_ROUTE_PATH, async (c, next) => {
      if (/^\/(api|v1)(\/|$)/.test(c.req.path)) return next();
      const found = (await assets(c, async () => {})) ?? (await shell(c, async () => {}));
      return found ?? next();
    });
    return;
  }
  app.get('/', (c) =>
    c.html(
      '<!doctype html><html><head><meta charset="utf-8"><title>duohub</title></head><body>' +
        '<h1>duohub</h1><p>The web UI is not built yet. The API is running:</p><ul>' +
        '<li><a href="/api/docs">API docs</a></li><li><a href="/api/openapi.json">OpenAPI document</a></li>' +
        '<li><a href="/healthz">health</a></li><li><a href="/metrics">metrics</a></li></ul></body></html>',
    ),
  );
}
