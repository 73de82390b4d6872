import type { ApiRouteModule } from '../api/define-api-route.js';
import { vaultMethodRoutes } from './vault-method-routes.js';
import { verifyRoutes } from './verify-routes.js';

/**
 * The MFA routes: the Vault-compatible method API and the verification flow. (The `verify` CLI
 * command lives in `verify-command.ts`; it is not re-exported here because the CLI client imports
 * the route list, and the command imports the CLI client.)
 */
export const mfaRouteModules: readonly ApiRouteModule[] = [vaultMethodRoutes, verifyRoutes];

export { createVerifyRoutes } from './verify-routes.js';
export { DEFAULT_VERIFY_ENGINE, type VerifyEngineOptions } from './verify-service.js';
