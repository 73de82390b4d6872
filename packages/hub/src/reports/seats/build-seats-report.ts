import type { Actor } from '../../access/actor.js';
import type { HubContext } from '../../hub-context.js';
import { loadIntegration, openCredentialSets } from '../../integrations/integration-records.js';
import { keepLearnedLimits, recallLearnedLimits } from '../../integrations/remember-learned-limits.js';
import { PageSlots } from '../mfa-coverage/page-slots.js';
import { runBounded } from '../mfa-coverage/run-bounded.js';
import { openSeatsReader, type SeatsIntegrationKeys } from './open-seats-reader.js';
import { readAccountSeats } from './read-account-seats.js';
import { selectSeatsTargets } from './select-seats-targets.js';
import type { SeatsSelection, SeatsTarget } from './seats-target.js';
import { seatsTotals } from './seats-totals.js';
import { SEATS_BILLABLE_BASIS, SEATS_BILLABLE_RULE, type AccountSeats, type SeatsReport } from './seats-types.js';

/** Options of `buildSeatsReport`. */
export interface SeatsReportOptions {
  /** Accounts read at once; each is paced on its own budget. Default 16. */
  accountConcurrency?: number | undefined;
  /** User pages in flight across the whole report: the memory bound. Default 32. */
  pageSlots?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** Accounts read at once by default: a typical MSP fleet in a few rounds, each on its own pacing budget. */
export const DEFAULT_SEATS_ACCOUNT_CONCURRENCY = 16;
/** User pages (300 users each) held at once across the report by default. */
export const DEFAULT_SEATS_PAGE_SLOTS = 32;

/**
 * The seats and billing report, read live from Duo: the accounts the caller may see (see
 * `selectSeatsTargets`), read in parallel up to a bound, each through its own pooled client and
 * pacer; a fleet-wide bound on user pages in flight keeps memory flat whatever the fleet's size.
 * An account that cannot be read shows its error; the others still report.
 */
export async function buildSeatsReport(hub: HubContext, actor: Actor, selection: SeatsSelection, options: SeatsReportOptions = {}): Promise<SeatsReport> {
  const generatedAt = hub.now().toISOString();
  const targets = await selectSeatsTargets(hub, actor, selection);
  const keys = new Map<string, Promise<SeatsIntegrationKeys>>();
  const keysOf = (integrationId: string) => {
    let found = keys.get(integrationId);
    if (!found) {
      found = loadIntegration(hub.store.db, integrationId).then((record) => {
        const sets = openCredentialSets(hub.store, record);
        return { row: { id: record.row.id, base_url: record.row.base_url, sig_version: record.row.sig_version }, admin: sets.admin, accounts: sets.accounts };
      });
      keys.set(integrationId, found);
    }
    return found;
  };
  const slots = new PageSlots(Math.max(1, Math.floor(options.pageSlots ?? DEFAULT_SEATS_PAGE_SLOTS)));
  const lines: AccountSeats[] = new Array(targets.length);
  await runBounded(
    targets,
    options.accountConcurrency ?? DEFAULT_SEATS_ACCOUNT_CONCURRENCY,
    async (target, i) => {
      let integrationKeys: SeatsIntegrationKeys;
      try {
        integrationKeys = await keysOf(target.integrationId);
        await recallLearnedLimits(hub, target);
      } catch (error) {
        // The integration is gone or its keys cannot be opened: the account's line shows why.
        lines[i] = await readAccountSeats(target, () => {
          throw error;
        });
        return;
      }
      lines[i] = await readAccountSeats(target, () => openSeatsReader(hub, integrationKeys, target, slots), options.signal);
      await keepLearnedLimits(hub, target);
    },
    options.signal,
  );
  return { generated_at: generatedAt, billable_basis: SEATS_BILLABLE_BASIS, billable_rule: SEATS_BILLABLE_RULE, accounts: lines, totals: seatsTotals(lines) };
}

