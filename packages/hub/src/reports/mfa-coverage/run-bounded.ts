/**
 * Runs `work` over `items` with at most `limit` at once, starting them in order. Stops starting new
 * items once `signal` aborts; waits for the running ones, then rejects with the first error (or
 * the signal's reason).
 */
export async function runBounded<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && !signal?.aborted && next < items.length) {
      const index = next++;
      try {
        await work(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (signal?.aborted) throw signal.reason;
  if (failure) throw failure.error;
}
