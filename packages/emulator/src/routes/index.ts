import type { Route } from '../route.js';
import { accountsRoutes } from './accounts/index.js';
import { adminRoutes } from './admin/index.js';
import { infoRoutes } from './admin/info.js';
import { logRoutes } from './admin/logs.js';
import { authRoutes } from './auth/index.js';

/** Every endpoint the emulator answers; anything else gets Duo's 404 (or 405 for a known path). */
export const routes: Route[] = [...accountsRoutes, ...adminRoutes, ...infoRoutes, ...logRoutes, ...authRoutes];
