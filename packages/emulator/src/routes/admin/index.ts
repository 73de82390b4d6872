import type { Route } from '../../route.js';

/** Admin API routes for users, phones, bypass codes, settings and directory sync. */
export const adminRoutes: Route[] = [];
