import { endpointFamily } from './endpoint-family.js';
import { emptyAnswer } from './objects.js';
import { offsetPaging } from './paging-params.js';
import { required } from './required.js';
import { t } from './shape.js';

/*
 * Integrations ("applications" in the Admin Panel): Duo's current v2/v3 handlers (JSON bodies,
 * signed v5), the legacy v1 create and secret key retrieval Duo documents, and the v1 (and v3
 * list/delete) handlers Duo's own clients call. Facts from Duo's docs as its clients quote them
 * (duo_client_python admin.py 4.5 and 5.x with its tests, duo_api_ruby, the PowerShell module's
 * copies of the doc text, duo_client_python PR #266): every method needs "Grant applications";
 * the integration object's fields; v2/v3 and the current v1 answers show the secret key masked
 * (the full key comes only from `/skey`); `reset_secret_key` is refused for the integration that
 * signs the request. Shapes Duo's clients do not show are marked as our reading below.
 */

const DOCS = 'https://duo.com/docs/adminapi#integrations';
const LEGACY_DOCS = 'https://duo.com/docs/adminapi-v1#integrations';
// Duo documents 100 per page by default and at most 300 for integration lists (v1 text, kept by v2).
const page = offsetPaging(100, 300);
/** Every integration endpoint needs "Grant applications". */
const integration = endpointFamily({ api: 'admin', read: 'integrations', write: 'integrations', page });
const integrationKey = t.string({ minLength: 1, description: 'Integration key (DI...)' });
const flag = (what: string) => ({ ...t.boolean({ description: what }), encoding: 'digit' }) as const;

/**
 * Duo integration types seen in Duo's clients and docs (the API kinds, generic SSO, the Web SDK,
 * Entra ID, and examples Duo names). Duo has many more; the wire type stays a string, and this list
 * is what the emulator lets callers create (an unlisted type answers 400/40002 there).
 */
export const KNOWN_INTEGRATION_TYPES = [
  'adminapi',
  'authapi',
  'accountsapi',
  'websdk',
  'sso-generic',
  'sso-oidc-generic',
  'sso-oauth-client-credentials',
  'azure-ca',
  'okta',
  '1password',
  'rdp',
  'unix',
] as const;

const bit = t.integer({ minimum: 0, maximum: 1 });

/** A generic SSO application's settings (`sso`): SAML, OIDC or OAuth client credentials, plus the IdP details Duo shows. */
export const integrationSsoShape = t.object(
  {
    saml_config: t.object({ entity_id: t.string(), acs_urls: t.array(t.object({ url: t.string() }, { required: ['url'] })) }),
    oidc_config: t.object({ redirect_uris: t.array(t.string()), grant_types: t.object({}), scopes: t.object({}) }),
    oauth_config: t.object({
      clients: t.array(
        t.object(
          {
            client_id: t.string(),
            name: t.string(),
            description: t.string(),
            assigned_scopes_ids: t.array(t.string()),
            client_secret: t.string({ description: 'Masked in answers: read it with the client secret endpoint' }),
          },
          { required: ['client_id', 'name'] },
        ),
      ),
      scopes: t.array(t.object({ id: t.string(), name: t.string(), description: t.string() }, { required: ['name'] })),
    }),
    idp_metadata: t.object(
      {
        entity_id: t.string(),
        issuer: t.string(),
        sso_url: t.string(),
        slo_url: t.string(),
        metadata_url: t.string(),
        discovery_url: t.string(),
        authorize_endpoint_url: t.string(),
        token_endpoint_url: t.string(),
        userinfo_endpoint_url: t.string(),
        jwks_endpoint_url: t.string(),
        token_introspection_endpoint_url: t.string(),
        client_id: t.string(),
        client_secret: t.string({ description: 'Masked' }),
      },
      { nullable: true, description: 'What the service provider configures: read only' },
    ),
  },
  { description: 'Single sign-on settings of sso-* applications' },
);

const integrationCore = {
  integration_key: t.string(),
  name: t.string(),
  type: t.string({ description: 'Duo integration type, e.g. adminapi, authapi, websdk, sso-generic' }),
  notes: t.string(),
  greeting: t.string({ description: 'Voice greeting read before phone-callback instructions' }),
  enroll_policy: t.enum(['enroll', 'allow', 'deny'], { description: 'What happens to users Duo does not know (new user policy)' }),
  groups_allowed: t.array(t.string(), { description: 'Group ids allowed to authenticate; empty: all groups' }),
  ip_whitelist: t.array(t.string(), { description: 'Trusted networks: IPs, ranges and CIDRs that skip 2FA' }),
  ip_whitelist_enroll_policy: t.enum(['enforce', 'allow'], { description: 'Whether unenrolled users on a trusted network must enroll' }),
  self_service_allowed: t.boolean({ description: 'Users may manage their devices from the prompt' }),
  username_normalization_policy: t.enum(['None', 'Simple']),
  trusted_device_days: t.integer({ nullable: true, description: 'Days a remembered device is trusted; null: not set on the application' }),
  secret_key: t.string({ description: 'Masked (last four characters shown): read it with GET /admin/v1/integrations/{integration_key}/skey' }),
  networks_for_api_access: t.string({ description: 'Admin and Accounts API applications: networks (IPs, ranges, CIDRs, comma-separated) allowed to call' }),
  policy_key: t.string({ description: 'Custom policy attached to the application; absent when none is' }),
  prompt_v4_enabled: bit,
  frameless_auth_prompt_enabled: bit,
  adminapi_admins: bit,
  adminapi_admins_read: bit,
  adminapi_allow_to_set_permissions: bit,
  adminapi_info: bit,
  adminapi_integrations: bit,
  adminapi_read_log: bit,
  adminapi_read_resource: bit,
  adminapi_settings: bit,
  adminapi_write_resource: bit,
  sso: integrationSsoShape,
} as const;

/** An integration as v1 and v2 answer it; the `adminapi_*` flags only on Admin API applications. */
export const integrationShape = t.object(integrationCore, { required: ['integration_key', 'name', 'type'] });

/** An integration as v3 answers it: v2's fields and `user_access`. */
export const integrationLatestShape = t.object(
  {
    ...integrationCore,
    user_access: t.enum(['ALL_USERS', 'NO_USERS', 'PERMITTED_GROUPS'], { description: 'Who may authenticate: everyone, nobody, or members of groups_allowed' }),
  },
  { required: ['integration_key', 'name', 'type', 'user_access'] },
);

/** `{secret_key}`: the one answer that carries an integration's full secret key. */
export const integrationSecretKeyShape = t.object({ secret_key: t.string({ description: 'The full secret key' }) }, { required: ['secret_key'] });

/** `{client_secret}`: an OAuth or OIDC client's secret, in full. */
export const clientSecretShape = t.object({ client_secret: t.string({ description: 'The full client secret' }) }, { required: ['client_secret'] });

/** Duo's `sso` parameter: the configuration of a generic SSO application (only in JSON bodies). */
const ssoParam = t.object(
  {
    saml_config: t.object({}, { description: 'SAML service provider settings (entity_id, acs_urls, nameid_format, ...)' }),
    oidc_config: t.object({}, { description: 'OIDC relying party settings (redirect_uris, grant_types, scopes, ...)' }),
    oauth_config: t.object(
      {
        clients: t.array(t.object({ name: t.string({ minLength: 1 }) }, { required: ['name'] })),
        scopes: t.array(t.object({ name: t.string({ minLength: 1 }) }, { required: ['name'] })),
      },
      { description: 'OAuth 2.0 client credentials: clients and scopes' },
    ),
    idp_metadata: t.object({}, { nullable: true, description: 'Read only; ignored' }),
  },
  { description: 'Generic SSO settings; required for sso-* types' },
);

/** The settings every create and modify takes, by Duo's names. */
const settingParams = {
  notes: t.string({ maxLength: 1024 }),
  greeting: t.string({ maxLength: 1024 }),
  enroll_policy: t.enum(['enroll', 'allow', 'deny']),
  groups_allowed: t.array(t.string({ minLength: 1 }), { maxItems: 100, description: 'Group ids allowed to authenticate (at most 100); empty: all' }),
  ip_whitelist: t.array(t.string({ minLength: 1 }), { description: 'IPs, ranges (a-b) and CIDRs that skip 2FA' }),
  ip_whitelist_enroll_policy: t.enum(['enforce', 'allow']),
  networks_for_api_access: t.string({ description: 'Admin and Accounts API applications only: comma-separated IPs, ranges or CIDRs allowed to call' }),
  self_service_allowed: flag('Users may manage their own devices from the prompt'),
  username_normalization_policy: t.enum(['None', 'Simple']),
  // Duo documents no bounds; remembered devices last at most 365 days in Duo's policy editor.
  trusted_device_days: t.integer({ minimum: 0, maximum: 365 }),
  adminapi_admins: flag('Admin API: Grant administrators'),
  adminapi_admins_read: flag('Admin API: Grant read administrators'),
  adminapi_allow_to_set_permissions: flag('Admin API: may change the permissions of other Admin API applications'),
  adminapi_info: flag('Admin API: Grant read information'),
  adminapi_integrations: flag('Admin API: Grant applications'),
  adminapi_read_log: flag('Admin API: Grant read log'),
  adminapi_read_resource: flag('Admin API: Grant read resource'),
  adminapi_settings: flag('Admin API: Grant settings'),
  adminapi_write_resource: flag('Admin API: Grant write resource'),
} as const;

const createParams = {
  name: required(t.string({ minLength: 1, maxLength: 255 })),
  type: required(t.string({ minLength: 1, pattern: '[a-z0-9-]+', description: 'Duo integration type, e.g. authapi, adminapi, websdk, sso-generic' })),
  ...settingParams,
} as const;

const modifyParams = {
  integration_key: integrationKey,
  name: t.string({ minLength: 1, maxLength: 255 }),
  ...settingParams,
  policy_key: t.string({ description: 'Custom policy to attach; empty detaches the attached one' }),
  prompt_v4_enabled: flag('Use the Universal Prompt'),
  reset_secret_key: flag('Generate a new secret key (refused for the integration signing the request)'),
} as const;

const userAccess = t.enum(['ALL_USERS', 'NO_USERS', 'PERMITTED_GROUPS'], { description: 'Who may authenticate; PERMITTED_GROUPS needs groups_allowed' });
const visualStyle = { ...t.string(), deprecated: true, description: 'Deprecated; ignored' } as const;

/** `POST /admin/v1/integrations` (legacy v1): form or JSON; SSO types cannot be made here. */
export const integrationsCreateLegacy = integration.write({
  id: 'integrations.create_legacy',
  summary: 'Create an integration (legacy v1)',
  path: '/admin/v1/integrations',
  idempotent: false,
  params: { ...createParams, visual_style: visualStyle },
  response: integrationShape,
  deprecated: true,
  docs: `${LEGACY_DOCS}-create-integration`,
});

/** `GET /admin/v1/integrations/{integration_key}/skey`: the full secret key. */
export const integrationsGetSecretKey = integration.get({
  id: 'integrations.get_secret_key',
  summary: "Retrieve an integration's secret key",
  path: '/admin/v1/integrations/{integration_key}/skey',
  params: { integration_key: integrationKey },
  response: integrationSecretKeyShape,
  docs: 'https://duo.com/docs/adminapi#retrieve-secret-key',
});

/** `GET /admin/v2/integrations`. */
export const integrationsList = integration.list({
  id: 'integrations.list',
  summary: 'List integrations',
  path: '/admin/v2/integrations',
  response: t.array(integrationShape),
  docs: `${DOCS}-retrieve-integrations`,
});

/** `POST /admin/v2/integrations`: JSON body; Duo's way to create generic SSO applications. */
export const integrationsCreate = integration.write({
  id: 'integrations.create',
  summary: 'Create an integration',
  path: '/admin/v2/integrations',
  idempotent: false,
  body: 'json',
  params: { ...createParams, sso: ssoParam },
  response: integrationShape,
  docs: `${DOCS}-create-integration`,
});

/** `GET /admin/v2/integrations/{integration_key}`. */
export const integrationsGet = integration.get({
  id: 'integrations.get',
  summary: 'Get one integration',
  path: '/admin/v2/integrations/{integration_key}',
  params: { integration_key: integrationKey },
  response: integrationShape,
  docs: `${DOCS}-retrieve-integration-by-integration-key`,
});

/**
 * `POST /admin/v2/integrations/{integration_key}`: JSON body; given fields change. Repeating it
 * leaves the same state except with `reset_secret_key`, which the SDK sends as non-idempotent.
 */
export const integrationsUpdate = integration.write({
  id: 'integrations.update',
  summary: 'Modify an integration',
  path: '/admin/v2/integrations/{integration_key}',
  idempotent: true,
  body: 'json',
  params: { ...modifyParams, sso: ssoParam },
  response: integrationShape,
  docs: `${DOCS}-modify-integration`,
});

/** `DELETE /admin/v2/integrations/{integration_key}`: its keys stop working at once; succeeds when already gone. */
export const integrationsDelete = integration.remove({
  id: 'integrations.delete',
  summary: 'Delete an integration',
  path: '/admin/v2/integrations/{integration_key}',
  params: { integration_key: integrationKey },
  response: emptyAnswer,
  docs: `${DOCS}-delete-integration`,
});

/** `POST /admin/v3/integrations`: JSON body; who may authenticate is `user_access`. */
export const integrationsCreateLatest = integration.write({
  id: 'integrations.create_latest',
  summary: 'Create an integration (v3, with user access)',
  path: '/admin/v3/integrations',
  idempotent: false,
  body: 'json',
  params: { ...createParams, user_access: userAccess, sso: ssoParam },
  response: integrationLatestShape,
  docs: `${DOCS}-create-integration`,
});

/** `GET /admin/v3/integrations/{integration_key}`. */
export const integrationsGetLatest = integration.get({
  id: 'integrations.get_latest',
  summary: 'Get one integration (v3, with user access)',
  path: '/admin/v3/integrations/{integration_key}',
  params: { integration_key: integrationKey },
  response: integrationLatestShape,
  docs: `${DOCS}-retrieve-integration-by-integration-key`,
});

/** `POST /admin/v3/integrations/{integration_key}`: JSON body; v2's fields and `user_access`. */
export const integrationsUpdateLatest = integration.write({
  id: 'integrations.update_latest',
  summary: 'Modify an integration (v3, with user access)',
  path: '/admin/v3/integrations/{integration_key}',
  idempotent: true,
  body: 'json',
  params: { ...modifyParams, user_access: userAccess, sso: ssoParam },
  response: integrationLatestShape,
  docs: `${DOCS}-modify-integration`,
});

const OAUTH_PATH = '/admin/v2/integrations/oauth_cc/{integration_key}/client_secret/{client_id}';
const OIDC_PATH = '/admin/v2/integrations/oidc/{integration_key}/client_secret';
const clientId = t.string({ minLength: 1, description: 'Client id of the OAuth client-credentials client' });

/** `GET .../oauth_cc/{integration_key}/client_secret/{client_id}`: an OAuth client-credentials client's secret. */
export const integrationsGetOauthClientSecret = integration.get({
  id: 'integrations.get_oauth_client_secret',
  summary: "Retrieve an OAuth client-credentials client's secret",
  path: OAUTH_PATH,
  params: { integration_key: integrationKey, client_id: clientId },
  response: clientSecretShape,
  docs: `${DOCS}-retrieve-oauth-20-client-credentials-client-secret`,
});

/** `POST .../oauth_cc/{integration_key}/client_secret/{client_id}`: a new secret; the old one stops working. */
export const integrationsRotateOauthClientSecret = integration.write({
  id: 'integrations.rotate_oauth_client_secret',
  summary: "Reset an OAuth client-credentials client's secret",
  path: OAUTH_PATH,
  idempotent: false,
  body: 'json',
  params: { integration_key: integrationKey, client_id: clientId },
  response: clientSecretShape,
  docs: `${DOCS}-reset-oauth-20-client-credentials-client-secret`,
});

/** `GET .../oidc/{integration_key}/client_secret`: an OIDC relying party's client secret. */
export const integrationsGetOidcClientSecret = integration.get({
  id: 'integrations.get_oidc_client_secret',
  summary: "Retrieve an OIDC application's client secret",
  path: OIDC_PATH,
  params: { integration_key: integrationKey },
  response: clientSecretShape,
  docs: `${DOCS}-retrieve-oidc-client-secret`,
});

/** `POST .../oidc/{integration_key}/client_secret`: a new secret; the old one stops working. */
export const integrationsRotateOidcClientSecret = integration.write({
  id: 'integrations.rotate_oidc_client_secret',
  summary: "Reset an OIDC application's client secret",
  path: OIDC_PATH,
  idempotent: false,
  body: 'json',
  params: { integration_key: integrationKey },
  response: clientSecretShape,
  docs: `${DOCS}-reset-oidc-client-secret`,
});

/*
 * Handlers Duo's own clients call that the endpoint list does not carry: python 4.5 (Debian's)
 * reads, modifies and deletes through v1; python 5.x, ruby and others list and delete through v3.
 */

/** `GET /admin/v1/integrations` (legacy; python 4.5 `get_integrations`). */
export const integrationsListLegacy = integration.list({
  id: 'integrations.list_legacy',
  summary: 'List integrations (legacy v1)',
  path: '/admin/v1/integrations',
  response: t.array(integrationShape),
  deprecated: true,
  docs: `${LEGACY_DOCS}-retrieve-integrations`,
});

/** `GET /admin/v1/integrations/{integration_key}` (legacy; python 4.5 `get_integration`). */
export const integrationsGetLegacy = integration.get({
  id: 'integrations.get_legacy',
  summary: 'Get one integration (legacy v1)',
  path: '/admin/v1/integrations/{integration_key}',
  params: { integration_key: integrationKey },
  response: integrationShape,
  deprecated: true,
  docs: `${LEGACY_DOCS}-retrieve-integration-by-integration-key`,
});

/** `POST /admin/v1/integrations/{integration_key}` (legacy; python 4.5 `update_integration`). */
export const integrationsUpdateLegacy = integration.write({
  id: 'integrations.update_legacy',
  summary: 'Modify an integration (legacy v1)',
  path: '/admin/v1/integrations/{integration_key}',
  idempotent: true,
  params: { ...modifyParams, visual_style: visualStyle },
  response: integrationShape,
  deprecated: true,
  docs: `${LEGACY_DOCS}-modify-integration`,
});

/** `DELETE /admin/v1/integrations/{integration_key}` (legacy; python 4.5 `delete_integration`). */
export const integrationsDeleteLegacy = integration.remove({
  id: 'integrations.delete_legacy',
  summary: 'Delete an integration (legacy v1)',
  path: '/admin/v1/integrations/{integration_key}',
  params: { integration_key: integrationKey },
  response: emptyAnswer,
  deprecated: true,
  docs: `${LEGACY_DOCS}-delete-integration`,
});

/** `GET /admin/v3/integrations` (python 5.x `get_integrations`, ruby, Duo's newer examples). */
export const integrationsListLatest = integration.list({
  id: 'integrations.list_latest',
  summary: 'List integrations (v3, with user access)',
  path: '/admin/v3/integrations',
  response: t.array(integrationLatestShape),
  docs: `${DOCS}-retrieve-integrations`,
});

/** `DELETE /admin/v3/integrations/{integration_key}` (python 5.x `delete_integration`, ruby). */
export const integrationsDeleteLatest = integration.remove({
  id: 'integrations.delete_latest',
  summary: 'Delete an integration (v3)',
  path: '/admin/v3/integrations/{integration_key}',
  params: { integration_key: integrationKey },
  response: emptyAnswer,
  docs: `${DOCS}-delete-integration`,
});

/** Every integration endpoint: the 14 Duo documents, then the legacy and v3 handlers its clients call. */
export const integrationEndpoints = [
  integrationsCreateLegacy,
  integrationsGetSecretKey,
  integrationsList,
  integrationsCreate,
  integrationsGet,
  integrationsUpdate,
  integrationsDelete,
  integrationsCreateLatest,
  integrationsGetLatest,
  integrationsUpdateLatest,
  integrationsGetOauthClientSecret,
  integrationsRotateOauthClientSecret,
  integrationsGetOidcClientSecret,
  integrationsRotateOidcClientSecret,
  integrationsListLegacy,
  integrationsGetLegacy,
  integrationsUpdateLegacy,
  integrationsDeleteLegacy,
  integrationsListLatest,
  integrationsDeleteLatest,
] as const;
