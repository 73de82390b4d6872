import type { Actor } from '../../access/actor.js';
import { HubError, isHubError } from '../../errors/hub-error.js';
import type { HubContext } from '../../hub-context.js';
import { fetchDuoAccounts, type DuoAccount } from '../../integrations/list-duo-accounts.js';
import type { OrganizationsTable } from '../../store/database.js';
import { PARENT_ACCOUNT, type SeatsSelection, type SeatsTarget } from './seats-target.js';

type OrgRow = Pick<OrganizationsTable, 'id' | 'name' | 'integration_id' | 'duo_account_id' | 'duo_account_name' | 'duo_api_hostname'>;

const invalid = (field: string, message: string) => new HubError('validation_failed', { details: [{ in: 'query', field, message }] });

/**
 * The accounts a report reads, in order: per integration the parent, then the children as Duo lists
 * them (or, for organizations, in the order asked). A token limited to organizations gets only the
 * child accounts mapped to its organizations: organizations outside its list match nothing (as in the
 * log search), the parent account (the MSP's own, whose credits fund every child) is never its, even
 * through an organization mapped to it, and the fleet is never listed for it, so nothing is read that
 * it could not see. Nor does it learn the integration's name (integrations are fleet-wide).
 */
export async function selectSeatsTargets(hub: HubContext, actor: Actor, selection: SeatsSelection): Promise<SeatsTarget[]> {
  const db = hub.store.db;
  const limit = actor.organizationIds;
  const requested = selection.organizationIds && selection.organizationIds.length > 0 ? [...new Set(selection.organizationIds)] : undefined;
  if (requested || limit !== null) {
    const wanted = requested ? (limit === null ? requested : requested.filter((id) => limit.includes(id))) : limit!;
    if (wanted.length === 0) return [];
    const rows: OrgRow[] = await db
      .selectFrom('organizations')
      .select(['id', 'name', 'integration_id', 'duo_account_id', 'duo_account_name', 'duo_api_hostname'])
      .where('id', 'in', wanted)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const picked: OrgRow[] = [];
    for (const id of wanted) {
      const row = byId.get(id);
      if (!row) {
        // A requested id left here is the caller's own or the caller is unlimited: saying it is unknown leaks nothing.
        if (requested) throw invalid('organization_id', `no organization with id ${id}`);
        continue;
      }
      if (!row.integration_id || !row.duo_account_id) {
        if (requested) throw invalid('organization_id', `organization ${row.name} (${id}) is not mapped to a Duo account yet`);
        continue;
      }
      if (limit !== null && row.duo_account_id === PARENT_ACCOUNT) continue;
      if (selection.integrationId && row.integration_id !== selection.integrationId) {
        if (requested) throw invalid('organization_id', `organization ${row.name} (${id}) is mapped through another integration`);
        continue;
      }
      picked.push(row);
    }
    return targetsOfOrganizations(hub, picked, limit !== null);
  }
  let integrations: Array<{ id: string; name: string }>;
  if (selection.integrationId) {
    const found = await db.selectFrom('integrations').select(['id', 'name']).where('id', '=', selection.integrationId).executeTakeFirst();
    if (!found) throw new HubError('not_found', { message: 'No integration with this id.' });
    integrations = [found];
  } else {
    integrations = await db.selectFrom('integrations').select(['id', 'name']).orderBy('name').orderBy('id').execute();
  }
  const out: SeatsTarget[] = [];
  for (const integration of integrations) out.push(...(await targetsOfIntegration(hub, integration)));
  return out;
}

/** One target per distinct account of the organizations (two organizations on one account read it once). */
async function targetsOfOrganizations(hub: HubContext, rows: readonly OrgRow[], limited: boolean): Promise<SeatsTarget[]> {
  const names = new Map<string, string | null>();
  for (const id of new Set(rows.map((r) => r.integration_id!))) {
    const row = limited ? undefined : await hub.store.db.selectFrom('integrations').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
    names.set(id, row?.name ?? null);
  }
  const seen = new Set<string>();
  const out: SeatsTarget[] = [];
  for (const r of rows) {
    const key = `${r.integration_id}|${r.duo_account_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const integrationName = names.get(r.integration_id!) ?? null;
    const parent = r.duo_account_id === PARENT_ACCOUNT;
    out.push({
      integrationId: r.integration_id!,
      integrationName,
      accountId: r.duo_account_id!,
      accountName: parent ? parentName(integrationName) : (r.duo_account_name ?? r.duo_account_id!),
      apiHostname: parent ? null : r.duo_api_hostname,
      organization: { id: r.id, name: r.name },
    });
  }
  return out;
}

/** The parent and every child the Accounts API lists, each with the organization mapped to it (first by name). */
async function targetsOfIntegration(hub: HubContext, integration: { id: string; name: string }): Promise<SeatsTarget[]> {
  let children: DuoAccount[] = [];
  try {
    children = await fetchDuoAccounts(hub, integration.id);
  } catch (error) {
    // Without Accounts API keys there are no children to list; the parent is still read.
    if (!(isHubError(error) && error.code === 'credentials_missing')) throw error;
  }
  const mapped = await hub.store.db
    .selectFrom('organizations')
    .select(['id', 'name', 'duo_account_id'])
    .where('integration_id', '=', integration.id)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const orgOf = new Map<string, { id: string; name: string }>();
  for (const o of mapped) if (o.duo_account_id && !orgOf.has(o.duo_account_id)) orgOf.set(o.duo_account_id, { id: o.id, name: o.name });
  const base = { integrationId: integration.id, integrationName: integration.name };
  return [
    { ...base, accountId: PARENT_ACCOUNT, accountName: parentName(integration.name), apiHostname: null, organization: orgOf.get(PARENT_ACCOUNT) ?? null },
    ...children.map((c) => ({ ...base, accountId: c.account_id, accountName: c.name, apiHostname: c.api_hostname || null, organization: orgOf.get(c.account_id) ?? null })),
  ];
}

const parentName = (integrationName: string | null) => `${integrationName ?? 'Integration'} (parent account)`;
