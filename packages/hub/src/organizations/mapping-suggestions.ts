import { requireScope, requireUnlimited, type Actor } from '../access/actor.js';
import type { ApplySuggestionsInput } from './organization-schemas.js';
import { auditedWrite } from '../audit/audited-write.js';
import type { HubContext } from '../hub-context.js';
import { loadIntegration, openCredentialSets } from '../integrations/integration-records.js';
import { fetchDuoAccounts, type DuoAccount } from '../integrations/list-duo-accounts.js';
import { pooledChildAdminClient } from '../integrations/pooled-duo-client.js';
import { retagLogEvents } from '../logs/retag-log-events.js';
import { pickAccountsToSample, rankMappingSuggestions, type MappingSuggestion, type RankAccount, type RankOrg } from './rank-mapping-suggestions.js';

/** Users sampled per child account for domain evidence: one small page, never a tenant walk. */
const SAMPLE_USERS = 20;

/** Ranked suggestions for every organization, plus how much Duo was asked. */
export interface SuggestionsResult {
  integration_id: string;
  accounts_considered: number;
  accounts_sampled: number;
  suggestions: MappingSuggestion[];
  /** Child accounts by id, to record name and host when a suggestion is applied. */
  accounts: Map<string, DuoAccount>;
}

/**
 * Lists the integration's child accounts, samples a few users' email domains from the accounts
 * worth it, and ranks a mapping for every organization.
 */
export async function suggestMappings(hub: HubContext, actor: Actor, integrationId: string): Promise<SuggestionsResult> {
  requireScope(actor, 'read');
  requireUnlimited(actor);
  const accounts = await fetchDuoAccounts(hub, integrationId);
  const orgRows = await hub.store.db.selectFrom('organizations').selectAll().orderBy('name').execute();
  const orgs: RankOrg[] = orgRows.map((r) => ({
    id: r.id,
    name: r.name,
    email_domains: JSON.parse(r.email_domains) as string[],
    integration_id: r.integration_id,
    duo_account_id: r.duo_account_id,
    mapping_source: r.mapping_source,
  }));
  const rankAccounts: RankAccount[] = accounts.map((a) => ({ account_id: a.account_id, name: a.name }));
  const toSample = pickAccountsToSample(orgs, rankAccounts);
  if (toSample.length > 0) await sampleEmailDomains(hub, integrationId, accounts, rankAccounts, toSample);
  return {
    integration_id: integrationId,
    accounts_considered: accounts.length,
    accounts_sampled: toSample.length,
    suggestions: rankMappingSuggestions(integrationId, orgs, rankAccounts),
    accounts: new Map(accounts.map((a) => [a.account_id, a])),
  };
}

async function sampleEmailDomains(
  hub: HubContext,
  integrationId: string,
  accounts: DuoAccount[],
  rankAccounts: RankAccount[],
  ids: string[],
): Promise<void> {
  const record = await loadIntegration(hub.store.db, integrationId);
  const set = openCredentialSets(hub.store, record).accounts;
  if (!set) return;
  await Promise.all(
    ids.map(async (id) => {
      const account = accounts.find((a) => a.account_id === id);
      const target = rankAccounts.find((a) => a.account_id === id);
      if (!account || !target) return;
      try {
        const child = pooledChildAdminClient(hub.duo, record.row, set, id, account.api_hostname);
        const answer = await child.request('GET', '/admin/v1/users', { limit: String(SAMPLE_USERS) });
        const users = Array.isArray(answer.response) ? answer.response : [];
        const domains: Record<string, number> = {};
        for (const user of users) {
          const email = typeof user?.email === 'string' ? user.email.toLowerCase() : '';
          const domain = email.includes('@') ? email.slice(email.lastIndexOf('@') + 1) : '';
          if (domain) domains[domain] = (domains[domain] ?? 0) + 1;
        }
        target.user_email_domains = domains;
        target.sampled_users = users.length;
      } catch (error) {
        // Domain evidence is a bonus: a child we cannot read still gets ranked by name.
        hub.logger.warn({ err: error, account_id: id }, 'could not sample users for mapping suggestions');
      }
    }),
  );
}

/**
 * Applies every suggestion at or above `threshold` in one transaction. Manual mappings and
 * organizations mapped through another integration are never touched.
 */
export async function applyMappingSuggestions(
  hub: HubContext,
  actor: Actor,
  integrationId: string,
  input: ApplySuggestionsInput,
): Promise<{ applied: MappingSuggestion[]; skipped: Array<MappingSuggestion & { skip_reason: string }> }> {
  requireScope(actor, 'admin');
  requireUnlimited(actor);
  const result = await suggestMappings(hub, actor, integrationId);
  const only = input.organization_ids ? new Set(input.organization_ids) : undefined;
  const applied: MappingSuggestion[] = [];
  const skipped: Array<MappingSuggestion & { skip_reason: string }> = [];
  for (const s of result.suggestions) {
    if (only && !only.has(s.organization_id)) continue;
    const reason =
      s.status === 'manual'
        ? 'a manual mapping wins'
        : s.status === 'mapped_elsewhere'
          ? 'mapped through another integration'
          : s.status === 'no_candidate'
            ? 'no candidate'
            : s.status === 'unchanged'
              ? 'already mapped there'
              : s.confidence < input.threshold
                ? `confidence ${s.confidence} is below the threshold ${input.threshold}`
                : undefined;
    if (reason) skipped.push({ ...s, skip_reason: reason });
    else applied.push(s);
  }
  for (const s of await holdBackTakenAccounts(hub, integrationId, applied)) {
    applied.splice(applied.indexOf(s), 1);
    skipped.push({ ...s, skip_reason: 'the account is mapped to another organization that keeps it; apply its suggestion too, or unmap it' });
  }
  await auditedWrite(
    hub,
    actor,
    {
      action: 'organizations.apply_suggestions',
      targetType: 'integration',
      targetId: integrationId,
      inputs: { ...input, applied: applied.map((s) => ({ organization_id: s.organization_id, duo_account_id: s.duo_account_id })) },
    },
    async (trx) => {
      const now = hub.now().toISOString();
      // The accounts the organizations leave: their stored events are re-tagged with the new mappings.
      const before =
        applied.length === 0
          ? []
          : await trx.selectFrom('organizations').select(['integration_id', 'duo_account_id']).where('id', 'in', applied.map((s) => s.organization_id)).execute();
      for (const s of applied) {
        const account = s.duo_account_id ? result.accounts.get(s.duo_account_id) : undefined;
        // The guard on mapping_source keeps a manual mapping made meanwhile from being overwritten.
        await trx
          .updateTable('organizations')
          .set({
            integration_id: integrationId,
            duo_account_id: s.duo_account_id,
            duo_account_name: s.duo_account_name,
            duo_api_hostname: account?.api_hostname || null,
            mapping_source: 'suggested',
            mapping_confidence: s.confidence,
            mapping_reason: s.reason.slice(0, 500),
            updated_at: now,
          })
          .where('id', '=', s.organization_id)
          .where((eb) => eb.or([eb('mapping_source', 'is', null), eb('mapping_source', '!=', 'manual')]))
          .execute();
      }
      await retagLogEvents(trx, [...before, ...applied.map((s) => ({ integration_id: integrationId, duo_account_id: s.duo_account_id }))]);
    },
  );
  return { applied, skipped };
}

/**
 * The suggestions that would put an account on a second organization. Ranking gives each account to one
 * organization, but applying a subset (or a threshold) can move an account to a new organization while the
 * one holding it stays; those wait. Holders that move away in the same apply free their account, so this
 * runs to a fixed point.
 */
async function holdBackTakenAccounts(hub: HubContext, integrationId: string, applied: readonly MappingSuggestion[]): Promise<MappingSuggestion[]> {
  const mapped = await hub.store.db
    .selectFrom('organizations')
    .select(['id', 'duo_account_id'])
    .where('integration_id', '=', integrationId)
    .where('duo_account_id', 'is not', null)
    .execute();
  const holderOf = new Map(mapped.map((o) => [o.duo_account_id!, o.id]));
  const held: MappingSuggestion[] = [];
  const moving = new Set(applied.map((s) => s.organization_id));
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of applied) {
      if (held.includes(s) || !s.duo_account_id) continue;
      const holder = holderOf.get(s.duo_account_id);
      if (holder === undefined || holder === s.organization_id || moving.has(holder)) continue;
      held.push(s);
      moving.delete(s.organization_id);
      changed = true;
    }
  }
  return held;
}
