import type { RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Scope } from '../access/scopes.js';
import type { HubEnv } from './hub-env.js';

/** Who may call a route: the minimum scope, and whether tokens limited to organizations may call it at all. */
export interface ApiRouteAccess {
  scope: Scope;
  /** `allowed`: the handler enforces the organization limit itself; `denied`: fleet-wide, unlimited tokens only. */
  organizationLimited: 'allowed' | 'denied';
  /** Audit action recorded when a write is refused for lack of scope (writes only). */
  auditAction?: string;
}

/**
 * One REST route, declared once: the OpenAPI route (validation, types, docs), who may call it,
 * and the handler. The app factory mounts lists of these; nothing registers itself.
 */
export interface ApiRouteDefinition<R extends RouteConfig = RouteConfig> {
  route: R;
  access: ApiRouteAccess;
  handler: RouteHandler<R, HubEnv>;
}

/** A named list of routes (integrations, organizations, tokens, audit; the action catalog adds its own). */
export interface ApiRouteModule {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  routes: ReadonlyArray<ApiRouteDefinition<any>>;
  /** Middleware mounted before every route, for modules serving paths outside `/api` (their own auth and error shape). */
  use?: ReadonlyArray<{ path: string; handler: MiddlewareHandler<HubEnv> }>;
}

/** Keeps a route declaration typed without registration code. */
export function defineApiRoute<R extends RouteConfig>(definition: ApiRouteDefinition<R>): ApiRouteDefinition<R> {
  return definition;
}
