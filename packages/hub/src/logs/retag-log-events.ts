import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';
import { logAccountOwner } from './log-account-owner.js';
import { withLogTables } from './log-tables.js';
import { logSyncDb } from './sync/log-sync-tables.js';

/** A Duo account of an integration whose organization mapping may have changed; null parts mean "none". */
export interface MappedAccount {
  integration_id: string | null;
  duo_account_id: string | null;
}

/**
 * Re-tags the stored log events of each given account with the organization mapped to it now, so
 * search, export, dashboard and token limits follow a mapping change (map, unmap, remap, delete) for
 * events stored before it. The owner is `logAccountOwner`, as for the pages the sync stores. One
 * UPDATE per account, touching only rows whose tag differs; run it in the transaction that changes
 * the mapping so both commit together.
 * Returns the number of rows re-tagged.
 */
export async function retagLogEvents(trx: Kysely<Database>, accounts: readonly MappedAccount[]): Promise<number> {
  const seen = new Set<string>();
  let retagged = 0;
  for (const account of accounts) {
    const { integration_id: integrationId, duo_account_id: accountId } = account;
    if (integrationId === null || accountId === null) continue;
    const key = `${integrationId}|${accountId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Takes the account's sync units first: a page being stored for the account commits before this
    // goes on (and is re-tagged below), and one stored after reads the new owner (`commitLogPage`).
    await logSyncDb(trx).updateTable('log_checkpoints').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('integration_id', '=', integrationId).where('duo_account_id', '=', accountId).execute();
    const organizationId = await logAccountOwner(trx, integrationId, accountId);
    const res = await withLogTables(trx)
      .updateTable('log_events')
      .set({ organization_id: organizationId })
      .where('integration_id', '=', integrationId)
      .where('duo_account_id', '=', accountId)
      .where((eb) =>
        organizationId === null
          ? eb('organization_id', 'is not', null)
          : eb.or([eb('organization_id', 'is', null), eb('organization_id', '!=', organizationId)]),
      )
      .executeTakeFirst();
    retagged += Number(res.numUpdatedRows);
  }
  return retagged;
}
