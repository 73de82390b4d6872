import { KNOWN_INTEGRATION_TYPES } from '@duohub/sdk';
import type { Integration } from './types.js';

/** Which integrations handler a request came through: legacy v1, v2 or v3. */
export type IntegrationsVersion = 1 | 2 | 3;

/** The `sso` member each generic SSO type needs. */
export const SSO_CONFIG_OF: Readonly<Record<string, 'saml_config' | 'oidc_config' | 'oauth_config'>> = {
  'sso-generic': 'saml_config',
  'sso-oidc-generic': 'oidc_config',
  'sso-oauth-client-credentials': 'oauth_config',
};

/** Whether Duo knows the type (the emulator's list: a subset of Duo's, which grows). */
export function isKnownIntegrationType(type: string): boolean {
  return (KNOWN_INTEGRATION_TYPES as readonly string[]).includes(type);
}

/**
 * Whether a type may be created through a handler. Duo's v1 text says SSO applications and
 * Microsoft Entra ID (azure-ca) cannot be created through the API; v2 is Duo's way to create
 * generic SSO ones. Accounts API applications come from Duo support, not the API (our reading).
 */
export function creatableThrough(version: IntegrationsVersion, type: string): boolean {
  if (type === 'azure-ca' || type === 'accountsapi') return false;
  if (version === 1 && type.startsWith('sso-')) return false;
  return isKnownIntegrationType(type);
}

/**
 * The API an integration's keys sign for: Admin API and Accounts API applications their own;
 * every other type the Auth API, as Duo's connectors (Duo Unix, RDP, Web SDK) call it with their
 * keys (our reading: Duo does not say whether SSO applications' keys may).
 */
export function apiKindOf(wireType: string): Integration['type'] {
  if (wireType === 'adminapi') return 'admin';
  if (wireType === 'accountsapi') return 'accounts';
  return 'auth';
}
