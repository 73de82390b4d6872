import { LOG_SOURCES } from '../../logs/sync/log-sources.js';
import type { LogSyncDb, LogUnitKey } from '../../logs/sync/log-sync-tables.js';

/** One Duo account of an integration. */
export interface LogAccountKey {
  integrationId: string;
  accountId: string;
}

/**
 * Accounts with a unit a runner may claim now (requested after its last run, not removed, free or
 * held under a lapsed lease), fewest recent runs first so no account waits behind the same others.
 */
export async function findDueLogAccounts(db: LogSyncDb, nowMs: number, limit: number): Promise<LogAccountKey[]> {
  const nowIso = new Date(nowMs).toISOString();
  const rows = await db
    .selectFrom('log_checkpoints')
    .select(['integration_id', 'duo_account_id', (eb) => eb.fn.min('updated_at').as('oldest')])
    .where('removed_at', 'is', null)
    .where((eb) => eb('request_seq', '>', eb.ref('done_seq')))
    .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', nowIso)]))
    .groupBy(['integration_id', 'duo_account_id'])
    .orderBy('oldest')
    .orderBy('integration_id')
    .orderBy('duo_account_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ integrationId: r.integration_id, accountId: r.duo_account_id }));
}

/** The account's units a runner may claim now, in the order an account's logs are synced. */
export async function findDueLogUnits(db: LogSyncDb, account: LogAccountKey, nowMs: number): Promise<LogUnitKey[]> {
  const nowIso = new Date(nowMs).toISOString();
  const rows = await db
    .selectFrom('log_checkpoints')
    .select('log_type')
    .where('integration_id', '=', account.integrationId)
    .where('duo_account_id', '=', account.accountId)
    .where('removed_at', 'is', null)
    .where((eb) => eb('request_seq', '>', eb.ref('done_seq')))
    .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', nowIso)]))
    .execute();
  const order = (type: string) => {
    const i = LOG_SOURCES.findIndex((s) => s.type === type);
    return i < 0 ? LOG_SOURCES.length : i;
  };
  return rows
    .map((r) => r.log_type)
    .sort((a, b) => order(a) - order(b))
    .map((logType) => ({ ...account, logType }));
}
