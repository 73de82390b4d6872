interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * A discrete-event clock for concurrent code: `sleep` parks the caller until virtual time reaches
 * its deadline, and `run` advances time to the next deadline whenever every task is parked. Unlike
 * `fakeClock`, concurrent sleepers wake in deadline order, so pacing races play out as they would
 * in real time, only instantly.
 */
export function virtualClock(start = Date.UTC(2026, 0, 1)) {
  let t = start;
  let seq = 0;
  const timers: Timer[] = [];
  const settle = async () => {
    // Several macrotask turns: Response bodies and the client's own awaits settle across a few.
    for (let i = 0; i < 4; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  };
  return {
    now: () => t,
    sleep(ms: number, signal?: AbortSignal): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer: Timer = { at: t + Math.max(0, ms), seq: seq++, resolve };
        timers.push(timer);
        signal?.addEventListener(
          'abort',
          () => {
            const index = timers.indexOf(timer);
            if (index >= 0) timers.splice(index, 1);
            reject(signal.reason);
          },
          { once: true },
        );
      });
    },
    /** Drives virtual time until `work` settles; throws if everything is parked with no timer left. */
    async run<T>(work: Promise<T>): Promise<T> {
      let done = false;
      const tracked = work.finally(() => {
        done = true;
      });
      tracked.catch(() => undefined);
      while (!done) {
        await settle();
        if (done) break;
        if (timers.length === 0) throw new Error('virtual clock: every task is waiting and no timer is set');
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers.shift()!;
        t = Math.max(t, next.at);
        next.resolve();
      }
      return tracked;
    },
  };
}
