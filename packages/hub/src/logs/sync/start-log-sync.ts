import type { Actor } from '../../access/actor.js';
import { auditedWrite, auditFailure } from '../../audit/audited-write.js';
import { isHubError } from '../../errors/hub-error.js';
import { duoErrorToHubError } from '../../errors/duo-error-to-hub-error.js';
import type { HubContext } from '../../hub-context.js';
import { loadIntegration } from '../../integrations/integration-records.js';
import type { LogSyncTables } from './log-sync-tables.js';
import { integrationsWithLogKeys, listLogSyncAccounts, requestLogSync, saveLogSyncUnits } from './log-sync-units.js';

/** What an on-demand start asked for, per integration. */
export interface StartedLogSync {
  requested_at: string;
  integrations: Array<{
    integration_id: string;
    /** Duo accounts whose logs are synced (`parent` with Admin keys, children with Accounts keys). */
    accounts: number;
    /** Units (account x log type) requested. */
    units: number;
    /** Why this integration could not be started (only when every integration was asked for). */
    error: { code: string; message: string } | null;
  }>;
}

/**
 * Starts a sync now: of one integration, or of every integration holding Admin or Accounts API
 * keys. For each: lists its Duo accounts, saves one unit per account and log type, and requests them
 * all (runners pick them up; nothing is read from Duo's logs here). Audited per integration as
 * `logs.sync`. A named integration's failure is thrown (404, 409 credentials_missing, 502/504 when
 * Duo cannot list its accounts); with every integration, each failure is reported in its entry.
 */
export async function startLogSync(hub: HubContext, actor: Actor, input: { integrationId?: string | undefined; trigger: 'api' | 'cli' }): Promise<StartedLogSync> {
  const requestedAt = hub.now().toISOString();
  if (input.integrationId !== undefined) {
    await loadIntegration(hub.store.db, input.integrationId);
    const one = await startOne(hub, actor, input.integrationId, input.trigger);
    return { requested_at: requestedAt, integrations: [{ integration_id: input.integrationId, ...one, error: null }] };
  }
  const out: StartedLogSync['integrations'] = [];
  for (const id of await integrationsWithLogKeys(hub)) {
    try {
      out.push({ integration_id: id, ...(await startOne(hub, actor, id, input.trigger)), error: null });
    } catch (error) {
      if (!isHubError(error)) throw error;
      out.push({ integration_id: id, accounts: 0, units: 0, error: { code: error.code, message: error.message } });
    }
  }
  return { requested_at: requestedAt, integrations: out };
}

async function startOne(hub: HubContext, actor: Actor, integrationId: string, trigger: string): Promise<{ accounts: number; units: number }> {
  const meta = { action: 'logs.sync', targetType: 'integration', targetId: integrationId, inputs: { integration_id: integrationId, trigger } };
  let accounts;
  try {
    accounts = await listLogSyncAccounts(hub, integrationId);
  } catch (error) {
    const mapped = isHubError(error) ? error : duoErrorToHubError(error);
    await auditFailure(hub, actor, meta, mapped ?? error);
    if (mapped) throw mapped;
    throw error;
  }
  const units = await auditedWrite(hub, actor, meta, async (trx) => {
    const db = trx.withTables<LogSyncTables>();
    await saveLogSyncUnits(db, integrationId, accounts, hub.now());
    return requestLogSync(db, integrationId);
  });
  return { accounts: accounts.length, units };
}
