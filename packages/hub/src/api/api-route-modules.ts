import { signInRoutes } from '../access/sign-in-routes.js';
import { actionRoutes } from '../actions/action-routes.js';
import { bulkExecutionRoutes } from '../bulk/bulk-execution-routes.js';
import { logSearchRoutes } from '../logs/log-search-routes.js';
import { logSyncRoutes } from '../logs/log-sync-routes.js';
import { logDestinationRoutes } from '../logs/forwarding/destination-routes.js';
import { alertRoutes } from '../logs/alerts/alert-routes.js';
import { baselineRoutes } from '../baselines/baseline-routes.js';
import { mfaRouteModules } from '../mfa/index.js';
import { mfaCoverageRoutes } from '../reports/mfa-coverage-routes.js';
import { seatsRoutes } from '../reports/seats/seats-routes.js';
import { bulkPlanRoutes } from '../bulk/bulk-plan-routes.js';
import type { ApiRouteModule } from './define-api-route.js';
import { auditRoutes } from '../audit/audit-routes.js';
import { integrationRoutes } from '../integrations/integration-routes.js';
import { learnedLimitsRoutes } from '../integrations/learned-limits/learned-limits-routes.js';
import { organizationRoutes } from '../organizations/organization-routes.js';
import { tokenRoutes } from '../access/token-routes.js';

/** The hub's own REST routes. */
export const coreRouteModules: readonly ApiRouteModule[] = [integrationRoutes, learnedLimitsRoutes, organizationRoutes, tokenRoutes, auditRoutes, signInRoutes];

/** Every route module the server mounts; the action catalog adds `actionRoutes` here. */
export const apiRouteModules: readonly ApiRouteModule[] = [...coreRouteModules, mfaCoverageRoutes, seatsRoutes, logSearchRoutes, logSyncRoutes, logDestinationRoutes, alertRoutes, baselineRoutes, bulkPlanRoutes, bulkExecutionRoutes, ...mfaRouteModules, actionRoutes];
