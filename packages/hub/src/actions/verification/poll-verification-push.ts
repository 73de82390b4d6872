import type { DuoAdminClient, DuoVerificationPushResponse } from '@duohub/sdk';

/** Waits between polls: quick at first (a script may answer at once), then every 2 s. */
export function pollDelayMs(attempt: number): number {
  return Math.min(2000, 250 * 2 ** attempt);
}

/**
 * Reads a verification push's answer until it is no longer `waiting` or `waitMs` has passed
 * (then the last `waiting` answer). Only reads: the push itself is never sent again.
 */
export async function pollVerificationPush(
  client: DuoAdminClient,
  userId: string,
  pushId: string,
  waitMs: number,
  signal?: AbortSignal,
): Promise<DuoVerificationPushResponse> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    const answer = await client.verification.pushResponse(userId, pushId, { signal });
    const left = deadline - Date.now();
    if (answer.result !== 'waiting' || left <= 0) return answer;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollDelayMs(attempt), left)));
    signal?.throwIfAborted();
  }
}
