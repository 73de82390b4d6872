import { describe, expect, it } from 'vitest';
import { pacingTimeline } from '../bench/pacing-timeline.js';

const at = (accountId: string, t: number, allowed = true, bucket = 'admin_get_page') => ({ accountId, bucket, at: t, allowed });
const limits = { bucket: 'admin_get_page', ratePerMinute: 200, burst: 2 };

describe('pacingTimeline (bench:coverage, from the emulator rate-limit log)', () => {
  it('measures each account against its own paced ideal: burst at once, then a token every 300 ms', () => {
    const timeline = pacingTimeline(
      [
        // A: starts first, on the ideal exactly (reads 3 and 4 at 300 and 600 ms after its start).
        at('A', 1000), at('A', 1000), at('A', 1300), at('A', 1600),
        // B: starts 200 ms later, then a 429 and its retry put its last read 250 ms past its ideal.
        at('B', 1200), at('B', 1210), at('B', 1500), at('B', 1700, false), at('B', 2050),
        // C: 100 ms after A; one read within its burst.
        at('C', 1100),
        // Other buckets are not this one's.
        at('A', 5000, true, 'accounts'),
      ],
      limits,
    );
    expect(timeline).toEqual({ accounts: 3, start: { median: 100, latest: 200 }, late: { median: 0, most: 250 }, limitedAccounts: 1, limited: 1 });
  });

  it("with the run's window, measures the hub's part before the first read and after the last accepted one", () => {
    const reads = [at('A', 1000), at('A', 1000), at('A', 1300), at('B', 1100), at('B', 1900, false)];
    const timeline = pacingTimeline(reads, limits, { startedAt: 700, endedAt: 1750 });
    // First read 300 ms after the POST; the last accepted read (A's at 1300, not B's 429) 450 ms before done.
    expect(timeline).toMatchObject({ lead: 300, tail: 450 });
    expect(pacingTimeline(reads, limits)).not.toHaveProperty('lead');
  });

  it('is undefined when the bucket saw nothing', () => {
    expect(pacingTimeline([at('A', 1, true, 'accounts')], limits)).toBeUndefined();
  });
});
