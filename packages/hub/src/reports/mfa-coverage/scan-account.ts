import { forEachPage, type DuoAdminClient } from '@duohub/sdk';
import { BypassRiskIndex } from './bypass-risk-index.js';
import { coveragePercentages } from './coverage-counts.js';
import { CoverageTally } from './coverage-tally.js';
import type { AccountCoverage, CoverageAccountRef } from './coverage-types.js';
import type { FactorRuleOptions } from './factor-class.js';

/** What a scan needs from an Admin API client (a `DuoAdminClient`, or `accounts.child(...)`). */
export type CoverageSource = Pick<DuoAdminClient, 'users' | 'bypassCodes' | 'host' | 'accountId'>;

/** One page read by a scan, for progress reporting. */
export interface ScanPageEvent {
  kind: 'users' | 'bypass_codes';
  /** Items in the page. */
  items: number;
  /** Users counted from it (duplicates excluded); 0 for bypass codes. */
  usersAdded: number;
}

/** Options of `scanAccount`. */
export interface ScanAccountOptions extends FactorRuleOptions {
  /** Labels for the result; the client's host and account id are used where absent. */
  account?: Partial<CoverageAccountRef> | undefined;
  /** Reference time, epoch ms: stale logins and bypass expirations are judged against it. Default now. */
  nowMs?: number | undefined;
  /** Days without login after which a user is stale. Default 90. */
  staleDays?: number | undefined;
  /** Pages requested at once per list once Duo's total is known (still within the client's pacer). Default 8. */
  pageConcurrency?: number | undefined;
  /** Return the ids of users with MFA too (`mfaUserIds`), for snapshot diffs. Default false. */
  keepMfaUserIds?: boolean | undefined;
  signal?: AbortSignal | undefined;
  onPage?: ((event: ScanPageEvent) => void) | undefined;
}

/** Pages in flight per list by default: enough to cover latency, few enough to bound memory. */
export const DEFAULT_PAGE_CONCURRENCY = 8;

/**
 * Scans one Duo account: bypass-code metadata (500 per page) and users (300 per page, the largest
 * Duo allows), both lists at once, each fetching pages concurrently once its first page gives the
 * total, and aggregated as they stream: no page waits for the other list, and each is released
 * once counted (the bypass join settles early users by id, see CoverageTally). Retries, pacing and
 * paging order come from the SDK client; users are also de-duplicated here.
 */
export async function scanAccount(client: CoverageSource, options: ScanAccountOptions = {}): Promise<AccountCoverage> {
  const outer = options.signal;
  if (outer?.aborted) throw outer.reason;
  const nowMs = options.nowMs ?? Date.now();
  const concurrency = Math.max(1, Math.floor(options.pageConcurrency ?? DEFAULT_PAGE_CONCURRENCY));
  // One controller for both lists: a failure in either stops the other's requests.
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  const signal = controller.signal;

  const tally = new CoverageTally({ nowMs, staleDays: options.staleDays, countU2f: options.countU2f, keepMfaUserIds: options.keepMfaUserIds });
  const index = new BypassRiskIndex(nowMs);
  let bypassPages = 0;
  let bypassFailure: { error: unknown } | undefined;
  // The bypass codes are read once the users' first page is in (or their list has failed): a fleet
  // starts every account's users at once, within its bound on pages in flight (two reads an account
  // from the start left the last accounts of 40 waiting for slots, and each started its pace a
  // round trip late). The join waits for the codes only at the end.
  let usersAnswered!: () => void;
  const usersStarted = new Promise<void>((resolve) => (usersAnswered = resolve));
  const bypassDone = (async () => {
    await usersStarted;
    if (signal.aborted) return;
    await forEachPage(client.bypassCodes.list({ concurrency, signal }).pages(), (page) => {
      bypassPages += 1;
      for (const code of page.items) index.add(code);
      options.onPage?.({ kind: 'bypass_codes', items: page.items.length, usersAdded: 0 });
    });
    tally.joinBypass(index);
  })();
  bypassDone.catch((error: unknown) => {
    bypassFailure = { error };
    controller.abort(error);
  });

  let duoTotal: number | null = null;
  try {
    // Page by page, none held while the next is awaited (see forEachPage): across a fleet that is
    // most of the memory a scan would otherwise keep.
    await forEachPage(client.users.list({ concurrency, signal }).pages(), (page) => {
      usersAnswered();
      if (bypassFailure) throw bypassFailure.error;
      if (duoTotal === null && page.totalObjects !== undefined) duoTotal = page.totalObjects;
      const added = tally.addPage(page.items);
      options.onPage?.({ kind: 'users', items: page.items.length, usersAdded: added });
    });
    usersAnswered();
    await bypassDone;
  } catch (error) {
    controller.abort(error);
    usersAnswered();
    await bypassDone.catch(() => {});
    throw outer?.aborted ? outer.reason : (bypassFailure?.error ?? error);
  } finally {
    outer?.removeEventListener('abort', onAbort);
  }

  const counts = tally.totals;
  const mfaUserIds = tally.mfaUserIds();
  return {
    account: {
      account_id: options.account?.account_id ?? client.accountId ?? null,
      name: options.account?.name ?? null,
      api_hostname: options.account?.api_hostname ?? client.host,
    },
    asOf: new Date(nowMs).toISOString(),
    counts,
    percentages: coveragePercentages(counts),
    usersWithoutMfa: tally.usersWithoutMfa(),
    scan: {
      userPages: tally.pages,
      bypassCodePages: bypassPages,
      bypassCodes: index.codes,
      duoTotalUsers: duoTotal,
      duplicatesDropped: tally.duplicates,
      consistent: duoTotal === null || duoTotal === counts.users,
    },
    ...(mfaUserIds ? { mfaUserIds } : {}),
  };
}
