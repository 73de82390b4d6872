import type { Route } from '../../route.js';

/** Admin API `/admin/v1/info/*` routes. */
export const infoRoutes: Route[] = [];
