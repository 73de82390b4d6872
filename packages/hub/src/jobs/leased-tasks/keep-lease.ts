/** A lease kept alive in the background while work goes on. */
export interface KeptLease {
  /** Aborts when a renewal found the claim gone (task taken over, finished or released elsewhere). */
  readonly lost: AbortSignal;
  /** Stops renewing and waits for a renewal under way. */
  stop(): Promise<void>;
}

/**
 * Calls `renew` every `everyMs` (a third of the lease) until stopped. A renewal answering false
 * aborts `lost`; a renewal that throws (a store hiccup) is not a lost claim: the next tick tries
 * again while the lease still stands.
 */
export function keepLease(renew: () => Promise<boolean>, everyMs: number): KeptLease {
  const controller = new AbortController();
  let renewing: Promise<void> | undefined;
  const timer = setInterval(() => {
    renewing ??= renew()
      .then((ok) => {
        if (!ok && !controller.signal.aborted) controller.abort(new Error('the claim on the task was lost'));
      })
      .catch(() => {})
      .finally(() => (renewing = undefined));
  }, Math.max(50, everyMs));
  return {
    lost: controller.signal,
    async stop() {
      clearInterval(timer);
      await renewing;
    },
  };
}
