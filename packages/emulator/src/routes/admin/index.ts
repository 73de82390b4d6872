import type { Route } from '../../route.js';
import { billingRoutes } from './billing.js';
import { bypassCodeRoutes } from './bypass-codes.js';
import { directorySyncRoutes } from './directory-sync.js';
import { phoneRoutes } from './phones.js';
import { settingsRoutes } from './settings.js';
import { userRoutes } from './users.js';

/** Admin API routes for users, phones, bypass codes, settings, directory sync and child billing. */
export const adminRoutes: Route[] = [
  ...userRoutes,
  ...directorySyncRoutes,
  ...phoneRoutes,
  ...bypassCodeRoutes,
  ...settingsRoutes,
  ...billingRoutes,
];
