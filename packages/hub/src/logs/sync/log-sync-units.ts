import type { Kysely } from 'kysely';
import { HubError } from '../../errors/hub-error.js';
import type { HubContext } from '../../hub-context.js';
import { fetchDuoAccounts, type DuoAccount } from '../../integrations/list-duo-accounts.js';
import { loadIntegration } from '../../integrations/integration-records.js';
import type { LogType } from '../log-tables.js';
import { syncedLogTypes } from './log-sources.js';
import { logSyncDb, type LogSyncDatabase } from './log-sync-tables.js';

/** The accounts a sync covers: `parent` (Admin API keys) and every child the Accounts API lists. */
export interface LogSyncAccount {
  accountId: string;
  name: string | null;
  /** A child's API host; null for the parent. */
  apiHostname: string | null;
}

/**
 * The Duo accounts of an integration whose logs the hub keeps: its own account when it holds Admin
 * API keys, and every child account the Accounts API lists when it holds Accounts API keys (an MSP
 * wants every client, mapped to an organization or not). `credentials_missing` with neither.
 */
export async function listLogSyncAccounts(hub: HubContext, integrationId: string): Promise<LogSyncAccount[]> {
  const record = await loadIntegration(hub.store.db, integrationId);
  const hasAdmin = record.credentials.admin !== undefined;
  const hasAccounts = record.credentials.accounts !== undefined;
  if (!hasAdmin && !hasAccounts) {
    throw new HubError('credentials_missing', {
      message: 'Log sync reads Duo logs with Admin API keys (the parent account) or Accounts API keys (child accounts); this integration has neither.',
      details: { needs: 'admin or accounts' },
    });
  }
  const out: LogSyncAccount[] = hasAdmin ? [{ accountId: 'parent', name: null, apiHostname: null }] : [];
  if (hasAccounts) {
    const children: DuoAccount[] = await fetchDuoAccounts(hub, integrationId);
    for (const child of children) out.push({ accountId: child.account_id, name: child.name || null, apiHostname: child.api_hostname || null });
  }
  return out;
}

/**
 * Makes the units of an integration match its accounts: one per account and synced log type
 * (created, or renamed and revived), and units of accounts no longer listed marked removed (their
 * rows and checkpoints stay; they are simply no longer run). Idempotent: replicas may race on it.
 */
export async function saveLogSyncUnits(db: Kysely<LogSyncDatabase>, integrationId: string, accounts: readonly LogSyncAccount[], now: Date, types: readonly LogType[] = syncedLogTypes()): Promise<void> {
  const nowIso = now.toISOString();
  const rows = accounts.flatMap((a) =>
    types.map((type) => ({
      integration_id: integrationId,
      duo_account_id: a.accountId,
      log_type: type,
      cursor: null,
      synced_through: null,
      last_run_at: null,
      last_error: null,
      updated_at: nowIso,
      account_name: a.name,
      api_hostname: a.apiHostname,
    })),
  );
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('log_checkpoints')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(['integration_id', 'duo_account_id', 'log_type']).doUpdateSet((eb) => ({
          account_name: eb.ref('excluded.account_name'),
          api_hostname: eb.ref('excluded.api_hostname'),
          removed_at: null,
        })),
      )
      .execute();
  }
  const listed = accounts.map((a) => a.accountId);
  let gone = db.updateTable('log_checkpoints').set({ removed_at: nowIso }).where('integration_id', '=', integrationId).where('removed_at', 'is', null);
  if (listed.length > 0) gone = gone.where('duo_account_id', 'not in', listed);
  await gone.execute();
}

/**
 * Asks for a sync of every active unit of an integration: bumps `request_seq`, which makes the
 * unit due (a unit already due, or running, simply runs once more after). With `slot`, only units
 * this schedule slot has not requested yet: replicas ticking together request once.
 * Returns how many units were asked.
 */
export async function requestLogSync(db: Kysely<LogSyncDatabase>, integrationId: string, options: { slot?: string | undefined; accountIds?: readonly string[] | undefined } = {}): Promise<number> {
  let query = db
    .updateTable('log_checkpoints')
    .set((eb) => ({ request_seq: eb('request_seq', '+', 1), ...(options.slot !== undefined ? { schedule_slot: options.slot } : {}) }))
    .where('integration_id', '=', integrationId)
    .where('removed_at', 'is', null)
    .where('log_type', 'in', syncedLogTypes());
  if (options.slot !== undefined) {
    const slot = options.slot;
    query = query.where((eb) => eb.or([eb('schedule_slot', 'is', null), eb('schedule_slot', '<>', slot)]));
  }
  if (options.accountIds) query = query.where('duo_account_id', 'in', options.accountIds.length ? [...options.accountIds] : ['']);
  const res = await query.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Lists an integration's accounts, saves its units and requests them: what a schedule slot or an on-demand start does for one integration. */
export async function refreshAndRequestLogSync(hub: HubContext, integrationId: string, options: { slot?: string | undefined } = {}): Promise<{ accounts: number; units: number }> {
  const accounts = await listLogSyncAccounts(hub, integrationId);
  const db = logSyncDb(hub.store.db);
  await saveLogSyncUnits(db, integrationId, accounts, hub.now());
  const units = await requestLogSync(db, integrationId, options);
  return { accounts: accounts.length, units };
}

/** Integrations whose logs can be synced: they hold Admin or Accounts API keys. */
export async function integrationsWithLogKeys(hub: HubContext): Promise<string[]> {
  const rows = await hub.store.db
    .selectFrom('integration_credentials')
    .select('integration_id')
    .distinct()
    .where('kind', 'in', ['admin', 'accounts'])
    .orderBy('integration_id')
    .execute();
  return rows.map((r) => r.integration_id);
}
