import { DuoRateLimitError, type DuoAccountsClient, type DuoAdminClient, type DuoResponse } from '@duohub/sdk';
import { BypassRiskIndex, CoverageTally, type CoverageCounts, type CoverageUser } from '../src/reports/mfa-coverage/index.js';

/** Duo's official clients on a 429: wait 1, 2, 4 ... 32 s, each plus 0-1 s of jitter, then give up. */
const BACKOFF_S = [1, 2, 4, 8, 16, 32];

/** What the plain approach measured. */
export interface PlainRun {
  accounts: number;
  wallMs: number;
  rateLimited: number;
  counts: CoverageCounts[];
}

/**
 * The approach a user would script without duohub: accounts one after another, pages one after
 * another (at the largest page size, which favours it), backing off on 429 exactly as Duo's
 * official clients do. The client must have SDK retries and pacing off, so only this loop retries.
 */
export async function plainScan(accounts: DuoAccountsClient, limitAccounts: number, nowMs: number): Promise<PlainRun> {
  const started = performance.now();
  let rateLimited = 0;
  const counts: CoverageCounts[] = [];

  const get = async <T>(client: DuoAdminClient, path: string, params: Record<string, number>): Promise<DuoResponse<T[]>> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.request<T[]>('GET', path, params);
      } catch (error) {
        const wait = BACKOFF_S[attempt];
        if (!(error instanceof DuoRateLimitError) || wait === undefined) throw error;
        rateLimited += 1;
        await new Promise((r) => setTimeout(r, (wait + Math.random()) * 1000));
      }
    }
  };
  const pages = async function* <T>(client: DuoAdminClient, path: string, limit: number) {
    let offset: number | undefined = 0;
    while (offset !== undefined) {
      const res: DuoResponse<T[]> = await get<T>(client, path, { limit, offset });
      yield res.response;
      const next: unknown = res.metadata?.['next_offset'];
      offset = typeof next === 'number' ? next : undefined;
    }
  };

  for (const account of (await accounts.list()).slice(0, limitAccounts)) {
    const client = accounts.child(account);
    const index = new BypassRiskIndex(nowMs);
    for await (const codes of pages<Record<string, never>>(client, '/admin/v1/bypass_codes', 500)) for (const code of codes) index.add(code);
    const tally = new CoverageTally({ nowMs, bypass: index });
    for await (const users of pages<CoverageUser>(client, '/admin/v1/users', 300)) tally.addPage(users);
    counts.push(tally.totals);
  }
  return { accounts: counts.length, wallMs: performance.now() - started, rateLimited, counts };
}
