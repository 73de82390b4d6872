import type { Route } from '../../route.js';
import { authStatusRoute } from './auth-status.js';
import { authRoute } from './auth.js';
import { checkRoute } from './check.js';
import { enrollStatusRoute } from './enroll-status.js';
import { enrollRoute } from './enroll.js';
import { logoRoute } from './logo.js';
import { pingRoute } from './ping.js';
import { preauthRoute } from './preauth.js';

/** Auth API routes (`/auth/v2/*`). */
export const authRoutes: Route[] = [
  pingRoute,
  checkRoute,
  logoRoute,
  enrollRoute,
  enrollStatusRoute,
  preauthRoute,
  authRoute,
  authStatusRoute,
];
