import type { Route } from '../../route.js';
import { billingRoutes } from './billing.js';
import { desktopAuthenticatorRoutes } from './desktop-authenticators.js';
import { desktopTokenRoutes } from './desktop-tokens.js';
import { sharedDeviceAuthRoutes } from './shared-device-auth.js';
import { webauthnCredentialRoutes } from './webauthn-credentials.js';
import { bypassCodeRoutes } from './bypass-codes.js';
import { directorySyncRoutes } from './directory-sync.js';
import { groupRoutes } from './groups.js';
import { phoneRoutes } from './phones.js';
import { settingsRoutes } from './settings.js';
import { tokenRoutes } from './tokens.js';
import { u2fTokenRoutes } from './u2f-tokens.js';
import { userRoutes } from './users.js';
import { administratorRoutes } from './admins.js';
import { usersBulkRoutes } from './users-bulk.js';
import { verificationRoutes } from './verification.js';
import { administrativeUnitRoutes } from './administrative-units.js';
import { passportRoutes } from './passport.js';
import { logoRoutes } from './logo.js';
import { bulkRoutesOver } from './bulk.js';
import { deviceEndpointRoutes } from './device-endpoints.js';
import { registeredDeviceRoutes } from './registered-devices.js';
import { brandingRoutes } from './branding.js';
import { policyRoutes } from './policies.js';
import { integrationRoutes } from './integrations.js';

/** Admin API routes for users, phones, bypass codes, settings, directory sync and child billing. */
export const adminRoutes: Route[] = [
  ...userRoutes,
  ...usersBulkRoutes,
  ...verificationRoutes,
  ...bulkRoutesOver(() => adminRoutes),
  ...administratorRoutes,
  ...directorySyncRoutes,
  ...phoneRoutes,
  ...groupRoutes,
  ...bypassCodeRoutes,
  ...tokenRoutes,
  ...u2fTokenRoutes,
  ...settingsRoutes,
  ...logoRoutes,
  ...administrativeUnitRoutes,
  ...passportRoutes,
  ...billingRoutes,
  ...webauthnCredentialRoutes,
  ...desktopAuthenticatorRoutes,
  ...sharedDeviceAuthRoutes,
  ...desktopTokenRoutes,
  ...integrationRoutes,
  ...deviceEndpointRoutes,
  ...registeredDeviceRoutes,
  ...brandingRoutes,
  ...policyRoutes,
];
