import type { Transaction } from 'kysely';
import { requireOrganizationAccess, requireScope, requireUnlimited, type Actor } from '../access/actor.js';
import type { OrganizationCreateInput, OrganizationPatchInput, OrganizationView } from './organization-schemas.js';
import { auditedWrite, auditFailure } from '../audit/audited-write.js';
import { HubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import { loadIntegration } from '../integrations/integration-records.js';
import { fetchDuoAccounts } from '../integrations/list-duo-accounts.js';
import { retagLogEvents } from '../logs/retag-log-events.js';
import type { Database, OrganizationsTable } from '../store/database.js';
import { isUniqueViolation } from '../store/is-unique-violation.js';
import { newId } from '../store/new-id.js';
import { directoryKeyColumn, loadOrganization, toOrganizationView } from './organization-records.js';
import { planOrganizationAuth, type OrganizationAuthColumns } from './plan-organization-auth.js';

/** Organizations the actor may see, by name. */
export async function listOrganizations(hub: HubContext, actor: Actor): Promise<OrganizationView[]> {
  requireScope(actor, 'read');
  let q = hub.store.db.selectFrom('organizations').selectAll();
  if (actor.organizationIds !== null) {
    if (actor.organizationIds.length === 0) return [];
    q = q.where('id', 'in', actor.organizationIds);
  }
  const rows = await q.orderBy('name').orderBy('id').execute();
  return rows.map((r) => toOrganizationView(hub.store, r));
}

/** One organization (limit checked before the lookup, so limited tokens learn nothing about others). */
export async function getOrganization(hub: HubContext, actor: Actor, id: string): Promise<OrganizationView> {
  requireScope(actor, 'read');
  requireOrganizationAccess(actor, id);
  return toOrganizationView(hub.store, await loadOrganization(hub.store.db, id));
}

/** Where a mapping points, verified against Duo unless forced. */
interface MappingTarget {
  integration_id: string;
  duo_account_id: string;
  duo_account_name: string | null;
  duo_api_hostname: string | null;
}

/**
 * Checks a requested manual mapping: both fields together, an existing integration holding the
 * credentials the mapping will use, and (unless `force`) a child account Duo actually lists.
 */
async function resolveMapping(
  hub: HubContext,
  integrationId: string | null | undefined,
  duoAccountId: string | null | undefined,
  force: boolean,
): Promise<MappingTarget | null> {
  if ((integrationId ?? null) === null && (duoAccountId ?? null) === null) return null;
  if (!integrationId || !duoAccountId) {
    const field = integrationId ? 'duo_account_id' : 'integration_id';
    throw new HubError('validation_failed', {
      details: [{ in: 'body', field, message: 'integration_id and duo_account_id are set (or cleared) together' }],
    });
  }
  let record;
  try {
    record = await loadIntegration(hub.store.db, integrationId);
  } catch (error) {
    if (error instanceof HubError && error.code === 'not_found') {
      throw new HubError('validation_failed', { details: [{ in: 'body', field: 'integration_id', message: 'no integration with this id' }] });
    }
    throw error;
  }
  if (duoAccountId === 'parent') {
    if (!record.credentials.admin) {
      throw new HubError('validation_failed', {
        details: [{ in: 'body', field: 'duo_account_id', message: 'mapping to the parent needs the integration to hold Admin API credentials' }],
      });
    }
    return { integration_id: integrationId, duo_account_id: 'parent', duo_account_name: null, duo_api_hostname: null };
  }
  if (!record.credentials.accounts) {
    throw new HubError('validation_failed', {
      details: [{ in: 'body', field: 'integration_id', message: 'mapping to a child account needs the integration to hold Accounts API credentials' }],
    });
  }
  if (force) return { integration_id: integrationId, duo_account_id: duoAccountId, duo_account_name: null, duo_api_hostname: null };
  const accounts = await fetchDuoAccounts(hub, integrationId);
  const account = accounts.find((a) => a.account_id === duoAccountId);
  if (!account) {
    throw new HubError('validation_failed', {
      details: [{ in: 'body', field: 'duo_account_id', message: 'Duo lists no child account with this id under the integration (use ?force=true to map anyway)' }],
    });
  }
  return { integration_id: integrationId, duo_account_id: account.account_id, duo_account_name: account.name, duo_api_hostname: account.api_hostname || null };
}

/** Creates an organization; a mapping given here is manual. */
export async function createOrganization(
  hub: HubContext,
  actor: Actor,
  input: OrganizationCreateInput,
  options: { force: boolean },
): Promise<OrganizationView> {
  const id = newId('org');
  const meta = { action: 'organizations.create', targetType: 'organization', targetId: id, organizationId: id, inputs: input };
  let mapping: MappingTarget | null;
  let auth: OrganizationAuthColumns | undefined;
  try {
    requireScope(actor, 'admin');
    requireUnlimited(actor);
    mapping = await resolveMapping(hub, input.integration_id, input.duo_account_id, options.force);
    auth = await planOrganizationAuth(hub, { organizationId: id, existing: null, auth: input.auth, mapping: mappingAfter(mapping), mappingChanged: false });
  } catch (error) {
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  return auditedWrite(hub, actor, meta, async (trx) => {
    await requireNameFree(trx, input.name, null);
    if (mapping) await requireAccountFree(trx, mapping, null);
    const now = hub.now().toISOString();
    const row: OrganizationsTable = {
      id,
      name: input.name,
      email_domains: JSON.stringify(input.email_domains),
      tags: JSON.stringify(input.tags ?? []),
      integration_id: mapping?.integration_id ?? null,
      duo_account_id: mapping?.duo_account_id ?? null,
      duo_account_name: mapping?.duo_account_name ?? null,
      duo_api_hostname: mapping?.duo_api_hostname ?? null,
      mapping_source: mapping ? 'manual' : null,
      mapping_confidence: mapping ? 1 : null,
      mapping_reason: mapping ? 'set manually' : null,
      duo_admin_api_directory_key: input.duo_admin_api_directory_key
        ? hub.store.secrets.seal(input.duo_admin_api_directory_key, directoryKeyColumn.at(id))
        : null,
      auth_api_host: auth?.auth_api_host ?? null,
      auth_integration_key: auth?.auth_integration_key ?? null,
      auth_secret_key: auth?.auth_secret_key ?? null,
      created_at: now,
      updated_at: now,
    };
    await orConflict(() => trx.insertInto('organizations').values(row).execute());
    // Events stored while the account was unmapped (or another organization held it) become this one's.
    await retagLogEvents(trx, [row]);
    return toOrganizationView(hub.store, row);
  });
}

/**
 * Updates an organization. Setting `integration_id` + `duo_account_id` makes the mapping manual
 * (suggestions never overwrite it); null for both removes it. Tokens limited to organizations may
 * edit their own organizations but not their mapping, which would let them reach another account.
 */
export async function updateOrganization(
  hub: HubContext,
  actor: Actor,
  id: string,
  patch: OrganizationPatchInput,
  options: { force: boolean },
): Promise<OrganizationView> {
  const meta = { action: 'organizations.update', targetType: 'organization', targetId: id, organizationId: id, inputs: patch };
  const touchesMapping = patch.integration_id !== undefined || patch.duo_account_id !== undefined;
  let mapping: MappingTarget | null | undefined;
  let auth: OrganizationAuthColumns | undefined;
  try {
    requireScope(actor, 'admin');
    requireOrganizationAccess(actor, id);
    if (touchesMapping && actor.organizationIds !== null) {
      throw new HubError('forbidden', {
        message: 'A token limited to organizations cannot change mappings to Duo accounts.',
        details: { reason: 'organization_limited' },
      });
    }
    const existing = await loadOrganization(hub.store.db, id);
    // Names are unique across the fleet, so a refused rename would confirm another organization's name.
    if (patch.name !== undefined && patch.name !== existing.name && actor.organizationIds !== null) {
      throw new HubError('forbidden', {
        message: 'A token limited to organizations cannot rename organizations (names are unique across every client); ask an unlimited admin.',
        details: { reason: 'organization_limited' },
      });
    }
    if (touchesMapping) {
      const integrationId = patch.integration_id !== undefined ? patch.integration_id : existing.integration_id;
      const accountId = patch.duo_account_id !== undefined ? patch.duo_account_id : existing.duo_account_id;
      mapping = await resolveMapping(hub, integrationId, accountId, options.force);
    }
    const after = mapping === undefined ? existing : mappingAfter(mapping);
    const mappingChanged =
      mapping !== undefined && (after.integration_id !== existing.integration_id || after.duo_account_id !== existing.duo_account_id);
    auth = await planOrganizationAuth(hub, { organizationId: id, existing, auth: patch.auth, mapping: after, mappingChanged });
  } catch (error) {
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  return auditedWrite(hub, actor, meta, async (trx) => {
    const existing = await loadOrganization(trx, id);
    if (patch.name !== undefined) await requireNameFree(trx, patch.name, id);
    if (mapping) await requireAccountFree(trx, mapping, id);
    const set: Partial<OrganizationsTable> = { updated_at: hub.now().toISOString() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.email_domains !== undefined) set.email_domains = JSON.stringify(patch.email_domains);
    if (patch.tags !== undefined) set.tags = JSON.stringify(patch.tags);
    if (patch.duo_admin_api_directory_key !== undefined) {
      set.duo_admin_api_directory_key =
        patch.duo_admin_api_directory_key === null ? null : hub.store.secrets.seal(patch.duo_admin_api_directory_key, directoryKeyColumn.at(id));
    }
    if (auth) Object.assign(set, auth);
    if (mapping !== undefined) {
      Object.assign(set, {
        integration_id: mapping?.integration_id ?? null,
        duo_account_id: mapping?.duo_account_id ?? null,
        duo_account_name: mapping?.duo_account_name ?? null,
        duo_api_hostname: mapping?.duo_api_hostname ?? null,
        mapping_source: mapping ? 'manual' : null,
        mapping_confidence: mapping ? 1 : null,
        mapping_reason: mapping ? 'set manually' : null,
      });
    }
    await orConflict(() => trx.updateTable('organizations').set(set).where('id', '=', id).execute());
    // The stored events of the account left and of the account taken follow the new mapping.
    if (mapping !== undefined) await retagLogEvents(trx, [existing, mappingAfter(mapping)]);
    return toOrganizationView(hub.store, { ...existing, ...set });
  });
}

/** Deletes an organization (and nothing else: audit entries keep its id). */
export async function deleteOrganization(hub: HubContext, actor: Actor, id: string): Promise<void> {
  const meta = { action: 'organizations.delete', targetType: 'organization', targetId: id, organizationId: id };
  try {
    requireScope(actor, 'admin');
    requireOrganizationAccess(actor, id);
  } catch (error) {
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  await auditedWrite(hub, actor, meta, async (trx) => {
    const existing = await loadOrganization(trx, id);
    await trx.deleteFrom('organizations').where('id', '=', id).execute();
    await retagLogEvents(trx, [existing]);
  });
}

/** The mapping columns a resolved mapping (or its removal) leaves on the row. */
function mappingAfter(mapping: MappingTarget | null): { integration_id: string | null; duo_account_id: string | null; duo_api_hostname: string | null } {
  return {
    integration_id: mapping?.integration_id ?? null,
    duo_account_id: mapping?.duo_account_id ?? null,
    duo_api_hostname: mapping?.duo_api_hostname ?? null,
  };
}

async function requireNameFree(trx: Transaction<Database>, name: string, exceptId: string | null): Promise<void> {
  let q = trx.selectFrom('organizations').select('id').where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) {
    throw new HubError('conflict', { message: 'An organization with this name already exists.', details: { field: 'name' } });
  }
}

/** One Duo child account belongs to one organization; the parent may back several. */
async function requireAccountFree(trx: Transaction<Database>, mapping: MappingTarget, exceptId: string | null): Promise<void> {
  if (mapping.duo_account_id === 'parent') return;
  let q = trx
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('integration_id', '=', mapping.integration_id)
    .where('duo_account_id', '=', mapping.duo_account_id);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const other = await q.executeTakeFirst();
  if (other) {
    throw new HubError('conflict', {
      message: 'Another organization is already mapped to this Duo account.',
      details: { field: 'duo_account_id', organization_id: other.id },
    });
  }
}

async function orConflict(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new HubError('conflict', { message: 'An organization with this name already exists.' });
    throw error;
  }
}
