import type { Route } from '../../route.js';

/** Admin API authentication log routes (v2 cursor paging). */
export const logRoutes: Route[] = [];
