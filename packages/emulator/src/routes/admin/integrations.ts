import {
  integrationsCreate,
  integrationsCreateLatest,
  integrationsCreateLegacy,
  integrationsDelete,
  integrationsDeleteLatest,
  integrationsDeleteLegacy,
  integrationsGet,
  integrationsGetLatest,
  integrationsGetLegacy,
  integrationsGetOauthClientSecret,
  integrationsGetOidcClientSecret,
  integrationsGetSecretKey,
  integrationsList,
  integrationsListLatest,
  integrationsListLegacy,
  integrationsRotateOauthClientSecret,
  integrationsRotateOidcClientSecret,
  integrationsUpdate,
  integrationsUpdateLatest,
  integrationsUpdateLegacy,
  type EndpointDeclaration,
} from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { reject } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Route } from '../../route.js';
import { serializeIntegration } from '../../serialize/serialize-integration.js';
import { newSecretKey } from '../../state/ids.js';
import { applyIntegrationChanges, createIntegrationRecord, removeIntegration } from '../../state/integration-lifecycle.js';
import { readIntegrationChanges, type IntegrationChanges } from '../../state/integration-params.js';
import { detailsOf, ensureDetails, wireTypeOf, type OAuthClientRecord } from '../../state/integration-records.js';
import { buildSso, readSsoParam } from '../../state/integration-sso.js';
import { creatableThrough, type IntegrationsVersion } from '../../state/integration-types.js';
import type { Integration } from '../../state/types.js';

/**
 * Admin API integrations: list, read, create, modify and delete through the legacy v1, v2 and v3
 * handlers, the secret key, and OAuth client-credentials and OIDC client secrets. Every answer
 * masks secrets except the three that exist to reveal one.
 */
export const integrationRoutes: Route[] = [
  ...([
    [integrationsListLegacy, 1],
    [integrationsList, 2],
    [integrationsListLatest, 3],
  ] as const).map(([endpoint, version]) => defineRoute({ endpoint, handle: (ctx) => listIntegrations(ctx, endpoint, version) })),
  ...([
    [integrationsGetLegacy, 1],
    [integrationsGet, 2],
    [integrationsGetLatest, 3],
  ] as const).map(([endpoint, version]) => defineRoute({ endpoint, handle: (ctx) => ok(show(ctx, integrationOr404(ctx), version)) })),
  ...([
    [integrationsCreateLegacy, 1],
    [integrationsCreate, 2],
    [integrationsCreateLatest, 3],
  ] as const).map(([endpoint, version]) =>
    defineRoute({ endpoint, nonIdempotent: 'integrations.create', handle: (ctx) => createIntegration(ctx, version) }),
  ),
  ...([
    [integrationsUpdateLegacy, 1],
    [integrationsUpdate, 2],
    [integrationsUpdateLatest, 3],
  ] as const).map(([endpoint, version]) => defineRoute({ endpoint, handle: (ctx) => updateIntegration(ctx, version) })),
  ...[integrationsDeleteLegacy, integrationsDelete, integrationsDeleteLatest].map((endpoint) => defineRoute({ endpoint, handle: deleteIntegration })),
  defineRoute({
    endpoint: integrationsGetSecretKey,
    handle: (ctx) => ok({ secret_key: integrationOr404(ctx).secret_key }),
  }),
  defineRoute({
    endpoint: integrationsGetOauthClientSecret,
    handle: (ctx) => ok({ client_secret: oauthClientOr404(ctx).client_secret }),
  }),
  defineRoute({
    endpoint: integrationsRotateOauthClientSecret,
    nonIdempotent: 'integrations.rotate_oauth_client_secret',
    handle(ctx) {
      const client = oauthClientOr404(ctx);
      client.client_secret = newSecretKey(ctx.random);
      return ok({ client_secret: client.client_secret });
    },
  }),
  defineRoute({
    endpoint: integrationsGetOidcClientSecret,
    handle: (ctx) => ok({ client_secret: oidcSsoOr404(ctx).oidc_client_secret }),
  }),
  defineRoute({
    endpoint: integrationsRotateOidcClientSecret,
    nonIdempotent: 'integrations.rotate_oidc_client_secret',
    handle(ctx) {
      const sso = oidcSsoOr404(ctx);
      sso.oidc_client_secret = newSecretKey(ctx.random);
      return ok({ client_secret: sso.oidc_client_secret });
    },
  }),
];

/** An integration in the answer of a handler version; legacy v1 shows the full secret only if the option says so. */
function show(ctx: HandlerContext, integration: Integration, version: IntegrationsVersion): Record<string, unknown> {
  const full = version === 1 && ctx.options.legacyIntegrationSecrets === 'shown';
  return serializeIntegration(ctx.account, integration, { version, secrets: full ? 'full' : 'masked', defaultEnrollPolicy: ctx.options.newUserPolicy });
}

function listIntegrations(ctx: HandlerContext, endpoint: EndpointDeclaration, version: IntegrationsVersion) {
  const page = paginate(Object.values(ctx.account.integrations), ctx.params, pageDefaults(endpoint, ctx.options.overMaxLimit));
  return ok(page.response.map((i) => show(ctx, i, version)), page.metadata);
}

/** The integration of the path in the account the call acts on; another account's is unknown here. */
function integrationOr404(ctx: HandlerContext): Integration {
  const integration = ctx.account.integrations[ctx.path['integration_key'] ?? ''];
  if (!integration) reject(failures.notFound('integration_key'));
  return integration;
}

/**
 * Creates through v1, v2 or v3. The type must be one Duo knows and lets the handler create
 * (400/40002 `type`); everything is checked before anything is made.
 */
function createIntegration(ctx: HandlerContext, version: IntegrationsVersion) {
  const type = ctx.params.get('type')!.trim().toLowerCase();
  if (!creatableThrough(version, type)) reject(failures.invalidParam('type'));
  const changes = readIntegrationChanges(ctx.account, ctx.params, version, false);
  checkApplicable(type, changes, changes.details.groups_allowed ?? []);
  const sso = version === 1 ? undefined : buildSso(type, readSsoParam(ctx.params), undefined, ctx.random);
  const integration = createIntegrationRecord(ctx.state, ctx.account, type, changes, sso, ctx.random);
  ctx.recordExecution('integrations.create', { integration_key: integration.integration_key, type });
  return ok(show(ctx, integration, version));
}

/**
 * Modifies through v1, v2 or v3: given fields change, lists replace. Resetting the secret key of
 * the integration signing the request -> 400/40002 `reset_secret_key` (Duo documents an error).
 */
function updateIntegration(ctx: HandlerContext, version: IntegrationsVersion) {
  const integration = integrationOr404(ctx);
  const changes = readIntegrationChanges(ctx.account, ctx.params, version, true);
  if (changes.reset_secret_key && ctx.integration?.integration_key === integration.integration_key) {
    reject(failures.invalidParam('reset_secret_key'));
  }
  const type = wireTypeOf(integration);
  checkApplicable(type, changes, changes.details.groups_allowed ?? detailsOf(integration).groups_allowed, detailsOf(integration).user_access);
  const sso = version === 1 ? undefined : buildSso(type, readSsoParam(ctx.params), integration.details?.sso, ctx.random);
  applyIntegrationChanges(integration, changes, sso, ctx.random);
  return ok(show(ctx, integration, version));
}

/**
 * Settings that only some applications take: `networks_for_api_access` is for Admin and Accounts
 * API applications; `PERMITTED_GROUPS` needs at least one group. Both -> 400/40002 naming the field.
 */
function checkApplicable(type: string, changes: IntegrationChanges, groups: readonly string[], currentAccess?: string): void {
  const d = changes.details;
  if (d.networks_for_api_access !== undefined && d.networks_for_api_access !== '' && type !== 'adminapi' && type !== 'accountsapi') {
    reject(failures.invalidParam('networks_for_api_access'));
  }
  if ((d.user_access ?? currentAccess) === 'PERMITTED_GROUPS' && groups.length === 0) reject(failures.invalidParam('groups_allowed'));
}

/**
 * Deletes an integration; succeeds when already gone, as Duo's deletes do. The integration signing
 * the request is refused unless `integrationSelfDelete` is `allow`.
 */
function deleteIntegration(ctx: HandlerContext) {
  const ikey = ctx.path['integration_key'] ?? '';
  const self = ctx.integration?.integration_key === ikey && ctx.account.integrations[ikey] !== undefined;
  if (self && ctx.options.integrationSelfDelete === 'reject') reject(failures.invalidParam('integration_key'));
  removeIntegration(ctx.account, ikey);
  return ok('');
}

/** The client of an OAuth client-credentials application; anything else (another type, an unknown client) is 404. */
function oauthClientOr404(ctx: HandlerContext): OAuthClientRecord {
  const integration = integrationOr404(ctx);
  const clients = wireTypeOf(integration) === 'sso-oauth-client-credentials' ? (detailsOf(integration).sso?.oauth_config?.clients ?? []) : [];
  const client = clients.find((c) => c.client_id === ctx.path['client_id']);
  if (!client) reject(failures.notFound('client_id'));
  return client;
}

/** The SSO settings of an OIDC application, its client secret issued; another type is 404. */
function oidcSsoOr404(ctx: HandlerContext) {
  const integration = integrationOr404(ctx);
  if (wireTypeOf(integration) !== 'sso-oidc-generic') reject(failures.notFound('integration_key'));
  const sso = (ensureDetails(integration).sso ??= {});
  sso.oidc_client_secret ??= newSecretKey(ctx.random);
  return sso as typeof sso & { oidc_client_secret: string };
}
