import { DuoRateLimitError, type DuoAccountsClient } from '@duohub/sdk';

/** Duo's official clients on a 429: wait 1, 2, 4 ... 32 s, each plus 0-1 s of jitter, then give up. */
const BACKOFF_S = [1, 2, 4, 8, 16, 32];

/** What the plain script measured. */
export interface PlainEnrollRun {
  accounts: number;
  calls: number;
  wallMs: number;
  rateLimited: number;
}

/**
 * The script a person would write without duohub: accounts one after another, users one after
 * another, one enrollment call at a time, backing off on 429 exactly as Duo's official clients do
 * (the backoff starts over after each success). The client must have SDK retries and pacing off,
 * so only this loop retries.
 */
export async function plainEnroll(accounts: DuoAccountsClient, work: ReadonlyArray<{ accountId: string; users: ReadonlyArray<{ username: string; email: string }> }>): Promise<PlainEnrollRun> {
  const started = performance.now();
  let rateLimited = 0;
  let calls = 0;
  for (const account of work) {
    const client = accounts.child(account.accountId);
    for (const user of account.users) {
      for (let attempt = 0; ; attempt++) {
        try {
          calls++;
          await client.request('POST', '/admin/v1/users/enroll', { username: user.username, email: user.email });
          break;
        } catch (error) {
          const wait = BACKOFF_S[attempt];
          if (!(error instanceof DuoRateLimitError) || wait === undefined) throw error;
          rateLimited++;
          await new Promise((r) => setTimeout(r, (wait + Math.random()) * 1000));
        }
      }
    }
  }
  return { accounts: work.length, calls, wallMs: performance.now() - started, rateLimited };
}
