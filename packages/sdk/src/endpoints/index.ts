import { accountEndpoints } from './accounts.js';
import { adminEndpoints } from './admins.js';
import { authEndpoints } from './auth.js';
import { billingEndpoints } from './billing.js';
import { bypassCodeEndpoints } from './bypass-codes.js';
import type { EndpointDeclaration } from './define-endpoint.js';
import { desktopAuthenticatorEndpoints } from './desktop-authenticators.js';
import { desktopTokenEndpoints } from './desktop-tokens.js';
import { groupEndpoints } from './groups.js';
import { infoEndpoints } from './info.js';
import { logEndpoints } from './logs.js';
import { phoneEndpoints } from './phones.js';
import { settingsEndpoints } from './settings.js';
import { tokenEndpoints } from './tokens.js';
import { userEndpoints } from './users.js';
import { webauthnEndpoints } from './webauthn.js';
import { usersBulkEndpoints } from './users-bulk.js';
import { bulkEndpoints } from './bulk.js';
import { verificationEndpoints } from './verification.js';
import { administrativeUnitEndpoints } from './administrative-units.js';
import { passportEndpoints } from './passport.js';
import { logoEndpoints } from './logo.js';
import { policyEndpoints } from './policies.js';
import { integrationEndpoints } from './integrations.js';
import { deviceEndpointEndpoints } from './device-endpoints.js';
import { registeredDeviceEndpoints } from './registered-devices.js';
import { brandingEndpoints } from './branding.js';

/** Every declared Duo endpoint: the one list the emulator, the hub and the OpenAPI description read. */
export const endpoints: readonly EndpointDeclaration[] = [
  ...userEndpoints,
  ...usersBulkEndpoints,
  ...verificationEndpoints,
  ...adminEndpoints,
  ...administrativeUnitEndpoints,
  ...passportEndpoints,
  ...logoEndpoints,
  ...bulkEndpoints,
  ...phoneEndpoints,
  ...groupEndpoints,
  ...bypassCodeEndpoints,
  ...tokenEndpoints,
  ...settingsEndpoints,
  ...infoEndpoints,
  ...deviceEndpointEndpoints,
  ...registeredDeviceEndpoints,
  ...brandingEndpoints,
  ...logEndpoints,
  ...billingEndpoints,
  ...accountEndpoints,
  ...authEndpoints,
  ...webauthnEndpoints,
  ...desktopAuthenticatorEndpoints,
  ...desktopTokenEndpoints,
  ...policyEndpoints,
  ...integrationEndpoints,
];

const byId = new Map(endpoints.map((e) => [e.id, e]));

/** The declaration with this id, if there is one. */
export function findEndpoint(id: string): EndpointDeclaration | undefined {
  return byId.get(id);
}
