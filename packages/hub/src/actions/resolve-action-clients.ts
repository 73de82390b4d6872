import type { HubContext } from '../hub-context.js';
import { resolveDuoClients } from '../integrations/resolve-duo-clients.js';
import { openDirectoryKey } from '../organizations/organization-records.js';
import type { ResolvedActionClients } from './run-catalog-action.js';

/**
 * The store-backed resolver: the integration's SDK clients (scoped to the organization's Duo
 * account) plus the organization's directory key, opened only for the run.
 */
export async function resolveActionClients(
  hub: HubContext,
  target: { integrationId: string; organizationId?: string | undefined },
): Promise<ResolvedActionClients> {
  const resolved = await resolveDuoClients(hub.store, target, hub.duo);
  const out: ResolvedActionClients = {
    admin: resolved.admin,
    accounts: resolved.accounts,
    auth: resolved.auth,
    integration: { id: resolved.integration.id, name: resolved.integration.name },
  };
  // The row resolveDuoClients already loaded: a second read per run would only repeat it.
  const row = resolved.organizationRow;
  if (target.organizationId && row) {
    out.organization = { id: row.id, name: row.name, duoAccountId: row.duo_account_id };
    out.directoryKey = openDirectoryKey(hub.store, row) ?? null;
  }
  return out;
}
