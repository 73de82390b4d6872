import { requireOrganizationAccess, requireScope, type Actor } from '../access/actor.js';
import type { OrganizationView } from './organization-schemas.js';
import { mapDuoError } from '../actions/map-duo-error.js';
import { auditedWrite, auditFailure } from '../audit/audited-write.js';
import { HubError, isHubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import { resolveDuoClients } from '../integrations/resolve-duo-clients.js';
import { loadOrganization } from './organization-records.js';
import { updateOrganization } from './organization-service.js';

/** What to create: the application's name in Duo, and whether stored keys may be replaced. */
export interface AuthApplicationRequest {
  name?: string | undefined;
  replace?: boolean | undefined;
}

/** The organization with its new keys stored, and which Duo application they belong to. */
export interface AuthApplicationResult {
  organization: OrganizationView;
  integration_key: string;
  api_hostname: string;
  name: string;
}

/**
 * Creates an Auth API application in the organization's own Duo account (a child through the
 * parent's Accounts API keys, or the parent through its Admin API keys) and stores its keys for the
 * organization, checked with Duo and sealed, as `PATCH /api/organizations/{id}` with `auth` would.
 * The creation is never repeated: if storing the keys fails afterwards, the new application is
 * deleted again (best effort) and the error says what became of it.
 */
export async function createOrganizationAuthApplication(
  hub: HubContext,
  actor: Actor,
  id: string,
  request: AuthApplicationRequest,
): Promise<AuthApplicationResult> {
  const meta = { action: 'organizations.create_auth_application', targetType: 'organization', targetId: id, organizationId: id, inputs: request };
  let created: { integration_key: string; secret_key: string; api_hostname: string; name: string } | undefined;
  let admin;
  try {
    requireScope(actor, 'admin');
    requireOrganizationAccess(actor, id);
    const org = await loadOrganization(hub.store.db, id);
    if (!org.integration_id || !org.duo_account_id) {
      throw new HubError('conflict', {
        message: `Organization "${org.name}" is not mapped to a Duo account yet: map it first, then create its Auth API application.`,
        details: { reason: 'organization_unmapped' },
      });
    }
    if (org.auth_integration_key && !request.replace) {
      throw new HubError('conflict', {
        message: `Organization "${org.name}" already has Auth API keys (${org.auth_integration_key}); send replace: true to create a new application and store its keys instead.`,
        details: { reason: 'organization_auth_exists', integration_key: org.auth_integration_key },
      });
    }
    const resolved = await resolveDuoClients(hub.store, { integrationId: org.integration_id, organizationId: id }, hub.duo);
    admin = resolved.admin;
    if (!admin) {
      throw new HubError('credentials_missing', {
        message: `Integration "${resolved.integration.name}" has no ${org.duo_account_id === 'parent' ? 'Admin' : 'Accounts'} API credentials: they are what creates applications in this organization's Duo account.`,
        details: { integration_id: resolved.integration.id, credential_set: org.duo_account_id === 'parent' ? 'admin' : 'accounts' },
      });
    }
    const name = request.name ?? `duohub Auth API (${org.name})`;
    try {
      const made = await admin.integrations.create({ name, type: 'authapi' });
      created = { integration_key: made.integration_key, secret_key: made.secret_key, api_hostname: made.api_hostname, name };
    } catch (error) {
      throw mapDuoError(error, false) ?? error;
    }
  } catch (error) {
    await auditFailure(hub, actor, meta, error);
    throw error;
  }

  try {
    const organization = await updateOrganization(
      hub,
      actor,
      id,
      { auth: { api_host: created.api_hostname, integration_key: created.integration_key, secret_key: created.secret_key } },
      { force: false },
    );
    // The keys are stored (and that write audited); this entry records which application made them.
    await auditedWrite(hub, actor, { ...meta, inputs: { ...request, integration_key: created.integration_key } }, async () => undefined);
    return { organization, integration_key: created.integration_key, api_hostname: created.api_hostname, name: created.name };
  } catch (error) {
    const removed = await admin.integrations.delete(created.integration_key).then(
      () => true,
      () => false,
    );
    const reason = isHubError(error) ? error.message : 'storing its keys failed';
    const failure = new HubError('conflict', {
      message: `The Auth API application ${created.integration_key} was created in Duo, but its keys could not be stored (${reason}); ${removed ? 'it was deleted again' : 'deleting it failed: remove it in the Duo Admin Panel'}.`,
      details: { reason: 'organization_auth_not_stored', integration_key: created.integration_key, deleted_again: removed },
    });
    await auditFailure(hub, actor, meta, failure);
    throw failure;
  }
}
