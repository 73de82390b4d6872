import { actionRoutes } from '../actions/action-routes.js';
import { mfaRouteModules } from '../mfa/index.js';
import { mfaCoverageRoutes } from '../reports/mfa-coverage-routes.js';
import type { ApiRouteModule } from './define-api-route.js';
import { auditRoutes } from './routes/audit-routes.js';
import { integrationRoutes } from './routes/integration-routes.js';
import { organizationRoutes } from './routes/organization-routes.js';
import { tokenRoutes } from './routes/token-routes.js';

/** The hub's own REST routes. */
export const coreRouteModules: readonly ApiRouteModule[] = [integrationRoutes, organizationRoutes, tokenRoutes, auditRoutes];

/** Every route module the server mounts; the action catalog adds `actionRoutes` here. */
export const apiRouteModules: readonly ApiRouteModule[] = [...coreRouteModules, mfaCoverageRoutes, ...mfaRouteModules, actionRoutes];
