/** A manual clock whose sleep advances time instantly: pacing and retry waits cost nothing. */
export function fakeClock(start = Date.UTC(2026, 0, 1)) {
  let t = start;
  const waits: number[] = [];
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    waits,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      waits.push(ms);
      t += ms;
    },
  };
}
