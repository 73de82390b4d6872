import type { Integration } from './types.js';

/** Who may authenticate to an application (v3's `user_access`). */
export type UserAccess = 'ALL_USERS' | 'NO_USERS' | 'PERMITTED_GROUPS';

/** One client of an OAuth 2.0 client-credentials application, its secret held in full. */
export interface OAuthClientRecord {
  client_id: string;
  name: string;
  description: string;
  assigned_scopes_ids: string[];
  client_secret: string;
}

/** One scope of an OAuth 2.0 client-credentials application. */
export interface OAuthScopeRecord {
  id: string;
  name: string;
  description: string;
}

/**
 * A generic SSO application's settings as given (Duo's `sso` object), with the client secrets
 * Duo issued kept apart so answers can mask them.
 */
export interface IntegrationSso {
  saml_config?: Record<string, unknown>;
  oidc_config?: Record<string, unknown>;
  oauth_config?: { clients: OAuthClientRecord[]; scopes: OAuthScopeRecord[] };
  /** OIDC relying parties: the client secret Duo issued (the client id is the integration key). */
  oidc_client_secret?: string;
}

/** The settings of an integration that the integrations endpoints read and write, by Duo's names. */
export interface IntegrationDetails {
  notes: string;
  greeting: string;
  enroll_policy: 'enroll' | 'allow' | 'deny';
  groups_allowed: string[];
  user_access: UserAccess;
  ip_whitelist: string[];
  ip_whitelist_enroll_policy: 'enforce' | 'allow';
  self_service_allowed: boolean;
  username_normalization_policy: 'None' | 'Simple';
  trusted_device_days: number | null;
  /** Admin and Accounts API applications: comma-separated networks allowed to call (stored, not enforced). */
  networks_for_api_access: string;
  /** `adminapi_allow_to_set_permissions` (stored and shown, not enforced: Duo's rule is unverified). */
  allow_to_set_permissions: boolean;
  /** Set once a modify gave `prompt_v4_enabled`; Duo shows the field only for frameless-capable applications. */
  prompt_v4_enabled?: boolean;
  sso?: IntegrationSso;
}

/** Duo's wire type of an integration: stored, or the API kind's for seeded API integrations. */
export function wireTypeOf(integration: Integration): string {
  if (integration.wire_type) return integration.wire_type;
  return integration.type === 'admin' ? 'adminapi' : integration.type === 'accounts' ? 'accountsapi' : 'authapi';
}

/** The settings of an integration: stored, or Duo's defaults for one created elsewhere (the seed). */
export function detailsOf(integration: Integration): IntegrationDetails {
  return integration.details ?? defaultDetails(integration);
}

/** The stored settings, created with the defaults first when the integration has none yet. */
export function ensureDetails(integration: Integration): IntegrationDetails {
  integration.details ??= defaultDetails(integration);
  return integration.details;
}

/** Duo's defaults for a new application: enroll new users, all users allowed, no trusted networks. */
export function defaultDetails(integration: Pick<Integration, 'new_user_policy'>): IntegrationDetails {
  return {
    notes: '',
    greeting: '',
    enroll_policy: integration.new_user_policy ?? 'enroll',
    groups_allowed: [],
    user_access: 'ALL_USERS',
    ip_whitelist: [],
    ip_whitelist_enroll_policy: 'enforce',
    self_service_allowed: false,
    username_normalization_policy: 'None',
    trusted_device_days: null,
    networks_for_api_access: '',
    allow_to_set_permissions: false,
  };
}
