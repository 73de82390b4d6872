import type { Route } from '../../route.js';

/** Accounts API routes (`/accounts/v1/*`) and child billing routes. */
export const accountsRoutes: Route[] = [];
