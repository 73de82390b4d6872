import { failures } from '../duo-result.js';
import { reject } from '../params/read-param.js';
import type { Params } from '../route.js';
import { newSecretKey } from './ids.js';
import type { IntegrationSso, OAuthClientRecord, OAuthScopeRecord } from './integration-records.js';
import { SSO_CONFIG_OF } from './integration-types.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** An OAuth client id or scope id: a prefix and 18 uppercase alphanumerics (Duo's format is not shown; ours). */
function newSsoId(prefix: string, random: () => number): string {
  let out = prefix;
  for (let i = 0; i < 18; i++) out += ALNUM[Math.floor(random() * ALNUM.length)];
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CONFIG_MEMBERS = new Set<string>(Object.values(SSO_CONFIG_OF));
const invalid = (): never => reject(failures.invalidParam('sso'));

/** The `sso` parameter: a JSON object (native in a v5 body, or JSON text in a form); absent or null: undefined. */
export function readSsoParam(params: Params): Record<string, unknown> | undefined {
  let value = params.json('sso');
  if (value === undefined) {
    const text = params.get('sso');
    if (text === undefined) return undefined;
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      invalid();
    }
  }
  if (value === null) return undefined;
  if (!isObject(value)) invalid();
  return value as Record<string, unknown>;
}

/**
 * The SSO settings after a create (`previous` undefined) or modify: the type's one config member
 * merged into what was there (Duo's clients send partial configs on modify), OAuth clients and
 * scopes given ids, and client secrets issued for new clients (kept for clients that stay).
 * A config for another SSO kind, or `sso` on a non-SSO type -> 400/40002 `sso`; an SSO type
 * created without it -> 400/40001 `sso`.
 */
export function buildSso(
  wireType: string,
  given: Record<string, unknown> | undefined,
  previous: IntegrationSso | undefined,
  random: () => number,
): IntegrationSso | undefined {
  const member = SSO_CONFIG_OF[wireType];
  if (!member) {
    if (given) invalid();
    return undefined;
  }
  if (!given) {
    if (!previous) reject(failures.missingParam('sso'));
    return previous;
  }
  // Another SSO kind's config cannot be set on this type.
  if (Object.keys(given).some((key) => key !== member && CONFIG_MEMBERS.has(key))) invalid();
  const next: IntegrationSso = { ...previous };
  const config = given[member];
  if (config === undefined) {
    if (!previous) reject(failures.missingParam('sso'));
    return next;
  }
  if (!isObject(config)) invalid();
  if (member === 'oauth_config') next.oauth_config = buildOAuth(config as Record<string, unknown>, previous?.oauth_config, random);
  else {
    const merged = { ...(previous?.[member] ?? {}), ...(config as Record<string, unknown>) };
    checkConfig(member, merged);
    next[member] = merged;
  }
  if (member === 'oidc_config' && !next.oidc_client_secret) next.oidc_client_secret = newSecretKey(random);
  return next;
}

function checkConfig(member: 'saml_config' | 'oidc_config', config: Record<string, unknown>): void {
  const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
  if (member === 'saml_config') {
    if (config['entity_id'] !== undefined && typeof config['entity_id'] !== 'string') invalid();
    const acs = config['acs_urls'];
    if (acs !== undefined && !(Array.isArray(acs) && acs.every((a) => isObject(a) && typeof a['url'] === 'string'))) invalid();
  } else if (config['redirect_uris'] !== undefined && !strings(config['redirect_uris'])) invalid();
}

function buildOAuth(
  config: Record<string, unknown>,
  previous: IntegrationSso['oauth_config'],
  random: () => number,
): NonNullable<IntegrationSso['oauth_config']> {
  const scopes = config['scopes'] === undefined ? (previous?.scopes ?? []) : readScopes(config['scopes'], previous?.scopes ?? [], random);
  const scopeIds = new Set(scopes.map((s) => s.id));
  const clients = config['clients'] === undefined ? (previous?.clients ?? []) : readClients(config['clients'], previous?.clients ?? [], random);
  if (clients.some((c) => c.assigned_scopes_ids.some((id) => !scopeIds.has(id)))) invalid();
  return { clients, scopes };
}

function readScopes(value: unknown, previous: OAuthScopeRecord[], random: () => number): OAuthScopeRecord[] {
  if (!Array.isArray(value)) invalid();
  return (value as unknown[]).map((s) => {
    if (!isObject(s) || typeof s['name'] !== 'string' || s['name'] === '') invalid();
    const scope = s as Record<string, unknown>;
    const known = typeof scope['id'] === 'string' ? previous.find((p) => p.id === scope['id']) : undefined;
    if (scope['id'] !== undefined && !known) invalid();
    return { id: known?.id ?? newSsoId('DS', random), name: scope['name'] as string, description: typeof scope['description'] === 'string' ? scope['description'] : '' };
  });
}

/** Clients given with a known `client_id` keep it and their secret; new ones get both from Duo. */
function readClients(value: unknown, previous: OAuthClientRecord[], random: () => number): OAuthClientRecord[] {
  if (!Array.isArray(value)) invalid();
  return (value as unknown[]).map((c) => {
    if (!isObject(c) || typeof c['name'] !== 'string' || c['name'] === '') invalid();
    const client = c as Record<string, unknown>;
    const known = typeof client['client_id'] === 'string' ? previous.find((p) => p.client_id === client['client_id']) : undefined;
    if (client['client_id'] !== undefined && !known) invalid();
    const scopes = client['assigned_scopes_ids'] ?? known?.assigned_scopes_ids ?? [];
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) invalid();
    return {
      client_id: known?.client_id ?? newSsoId('DC', random),
      name: client['name'] as string,
      description: typeof client['description'] === 'string' ? client['description'] : (known?.description ?? ''),
      assigned_scopes_ids: scopes as string[],
      client_secret: known?.client_secret ?? newSecretKey(random),
    };
  });
}

/** Duo SSO's host for an account: `api-1a2b3c4d.duosecurity.com` -> `sso-1a2b3c4d.sso.duosecurity.com`. */
export function ssoHostOf(apiHostname: string): string {
  const label = apiHostname.split('.')[0] ?? 'duo';
  return `sso-${label.replace(/^api-/, '')}.sso.duosecurity.com`;
}

/**
 * The `sso` object as answers show it: the config as given, client secrets masked by `mask`, and
 * `idp_metadata`: the Duo SSO addresses the service provider configures (our reading of Duo's
 * URL layout).
 */
export function serializeSso(
  wireType: string,
  sso: IntegrationSso,
  integrationKey: string,
  apiHostname: string,
  mask: (secret: string) => string,
): Record<string, unknown> {
  const base = `https://${ssoHostOf(apiHostname)}`;
  const out: Record<string, unknown> = {};
  if (wireType === 'sso-generic') {
    const sp = `${base}/saml2/sp/${integrationKey}`;
    out['saml_config'] = { ...(sso.saml_config ?? {}) };
    out['idp_metadata'] = { entity_id: `${sp}/metadata`, metadata_url: `${sp}/metadata`, sso_url: `${sp}/sso`, slo_url: `${sp}/slo` };
  } else if (wireType === 'sso-oidc-generic') {
    const issuer = `${base}/oidc/${integrationKey}`;
    out['oidc_config'] = { ...(sso.oidc_config ?? {}) };
    out['idp_metadata'] = {
      issuer,
      discovery_url: `${issuer}/.well-known/openid-configuration`,
      authorize_endpoint_url: `${issuer}/authorize`,
      token_endpoint_url: `${issuer}/token`,
      userinfo_endpoint_url: `${issuer}/userinfo`,
      jwks_endpoint_url: `${issuer}/jwks`,
      client_id: integrationKey,
      client_secret: mask(sso.oidc_client_secret ?? ''),
    };
  } else if (wireType === 'sso-oauth-client-credentials') {
    const issuer = `${base}/oauth/${integrationKey}`;
    const oauth = sso.oauth_config ?? { clients: [], scopes: [] };
    out['oauth_config'] = {
      clients: oauth.clients.map((c) => ({ ...c, client_secret: mask(c.client_secret) })),
      scopes: oauth.scopes.map((s) => ({ ...s })),
    };
    out['idp_metadata'] = {
      issuer,
      token_endpoint_url: `${issuer}/token`,
      jwks_endpoint_url: `${issuer}/jwks`,
      token_introspection_endpoint_url: `${issuer}/introspect`,
    };
  }
  return out;
}
