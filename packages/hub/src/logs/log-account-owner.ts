import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';
import type { LogSyncDatabase } from './sync/log-sync-tables.js';

/**
 * The organization a Duo account's log events belong to: the oldest organization mapped to the
 * account (the parent may back several), else null. The sync tags stored events with it and a
 * mapping change re-tags them with it, so both always agree.
 */
export async function logAccountOwner(db: Kysely<Database> | Kysely<LogSyncDatabase>, integrationId: string, accountId: string): Promise<string | null> {
  // The log tables' handle is the same connection (or transaction) with more tables declared.
  const owner = await (db as Kysely<Database>)
    .selectFrom('organizations')
    .select('id')
    .where('integration_id', '=', integrationId)
    .where('duo_account_id', '=', accountId)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  return owner?.id ?? null;
}
