import type { Route } from '../../route.js';

/** Auth API routes (`/auth/v2/*`). */
export const authRoutes: Route[] = [];
