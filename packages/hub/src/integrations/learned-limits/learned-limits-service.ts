import { DEFAULT_LEARNING } from '@duohub/sdk';
import { requireScope, requireUnlimited, type Actor } from '../../access/actor.js';
import { auditedWrite } from '../../audit/audited-write.js';
import { HubError } from '../../errors/hub-error.js';
import type { HubContext } from '../../hub-context.js';
import { loadIntegration } from '../integration-records.js';
import { organizationsByDuoAccount } from '../../organizations/organization-records.js';
import { listPacerStates, parsePacerState, resetPacerStates } from '../pacer-state-records.js';
import { learnedLimitViews, type LearnedLimitView } from './learned-limit-views.js';

/**
 * The Duo rate limits the hub learned for an integration's accounts (one account's with `accountId`),
 * as stored after each account's last task: what the next run starts from.
 */
export async function listLearnedLimits(hub: HubContext, actor: Actor, integrationId: string, accountId?: string): Promise<{ items: LearnedLimitView[] }> {
  requireScope(actor, 'read');
  requireUnlimited(actor);
  await loadIntegration(hub.store.db, integrationId);
  const rows = await listPacerStates(hub.store.db, integrationId, accountId);
  const organizations = await organizationsByDuoAccount(hub.store.db, integrationId);
  const states = rows.map((r) => ({ account_id: r.account_id, state: parsePacerState(r.state) }));
  return { items: learnedLimitViews(states, organizations, hub.now().getTime(), DEFAULT_LEARNING.maxStateAgeMs) };
}

/**
 * Forgets the learned limits of an integration's accounts (one account's with `accountId`): the next
 * task for each starts from Duo's published rates and learns again, on every replica. For after Duo
 * changed an account's limits, or when a learned pace looks wrong; it costs a few 429s per account.
 */
export async function resetLearnedLimits(hub: HubContext, actor: Actor, integrationId: string, accountId?: string): Promise<{ accounts_reset: string[] }> {
  const meta = { action: 'integrations.rate_limits.reset', targetType: 'integration', targetId: integrationId, inputs: { account_id: accountId ?? null } };
  requireScope(actor, 'admin');
  requireUnlimited(actor);
  const reset = await auditedWrite(hub, actor, meta, async (trx) => {
    await loadIntegration(trx, integrationId);
    const accounts = await resetPacerStates(trx, integrationId, hub.now(), accountId);
    if (accountId !== undefined && accounts.length === 0) {
      throw new HubError('not_found', { message: `No learned rate limits are stored for Duo account ${accountId} of this integration.` });
    }
    return accounts;
  });
  // This process's pacers at once; other replicas' at their next task for the account (see recallLearnedLimits).
  hub.duo.pacers.forget(integrationId, accountId);
  return { accounts_reset: reset };
}
