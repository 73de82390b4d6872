import { describe, expect, it } from 'vitest';
import { DEFAULT_BUCKETS, RateLimiter } from '../src/rate-limit.js';
import type { RateLimitOptions } from '../src/route.js';

/** A limiter on a clock the test moves by hand. */
function limiter(options: RateLimitOptions) {
  const clock = { t: 1_000_000 };
  return { clock, rl: new RateLimiter(options, () => clock.t) };
}

function takeMany(rl: RateLimiter, n: number, account = 'DA1', cls: 'admin_logs' | 'admin_get_page' | 'auth' = 'admin_logs') {
  return Array.from({ length: n }, () => rl.take(account, cls));
}

describe('RateLimiter', () => {
  it('uses the Duo-quoted per-minute rates by default', () => {
    expect(DEFAULT_BUCKETS).toMatchObject({
      admin_modify: { perMinute: 300 },
      admin_get_one: { perMinute: 300 },
      admin_get_page: { perMinute: 200 },
      admin_get_all: { perMinute: 40 },
      admin_logs: { perMinute: 2 },
      accounts: { perMinute: 40 },
      auth: { perMinute: 600 },
    });
    const { rl } = limiter({});
    const got = takeMany(rl, 3);
    expect(got.map((d) => d.allowed)).toEqual([true, true, false]);
    const page = takeMany(rl, 201, 'DA1', 'admin_get_page');
    expect(page.filter((d) => d.allowed)).toHaveLength(200);
  });

  it('allows the burst, then refuses with the time to the next token', () => {
    const { rl } = limiter({ classes: { admin_logs: { perMinute: 6, burst: 3 } } });
    expect(takeMany(rl, 3).every((d) => d.allowed)).toBe(true);
    // 6/min is one token per 10 s.
    expect(rl.take('DA1', 'admin_logs')).toEqual({ allowed: false, retryAfterSec: 10 });
  });

  it.each([
    // [elapsed ms since the bucket emptied, expected decision]
    { elapsed: 0, want: { allowed: false, retryAfterSec: 10 } },
    { elapsed: 1, want: { allowed: false, retryAfterSec: 10 } },
    { elapsed: 4_500, want: { allowed: false, retryAfterSec: 6 } },
    { elapsed: 9_000, want: { allowed: false, retryAfterSec: 1 } },
    { elapsed: 9_999, want: { allowed: false, retryAfterSec: 1 } },
    { elapsed: 10_000, want: { allowed: true } },
  ])('refills continuously: after $elapsed ms -> $want', ({ elapsed, want }) => {
    const { rl, clock } = limiter({ classes: { admin_logs: { perMinute: 6, burst: 1 } } });
    expect(rl.take('DA1', 'admin_logs').allowed).toBe(true);
    clock.t += elapsed;
    expect(rl.take('DA1', 'admin_logs')).toEqual(want);
  });

  it('waiting exactly the advertised Retry-After always succeeds (no float drift)', () => {
    const { rl, clock } = limiter({ classes: { admin_get_page: { perMinute: 200, burst: 1 } } });
    for (let i = 0; i < 50; i++) {
      expect(rl.take('DA1', 'admin_get_page').allowed).toBe(true);
      const refused = rl.take('DA1', 'admin_get_page');
      expect(refused.allowed).toBe(false);
      if (refused.allowed) return;
      clock.t += refused.retryAfterSec * 1000;
      // Spend the surplus so each round starts from an empty bucket.
      while (rl.take('DA1', 'admin_get_page').allowed);
      clock.t += 300;
    }
  });

  it('never holds more than the burst, however long it idles', () => {
    const { rl, clock } = limiter({ classes: { admin_logs: { perMinute: 60, burst: 2 } } });
    takeMany(rl, 2);
    clock.t += 3_600_000;
    expect(takeMany(rl, 3).map((d) => d.allowed)).toEqual([true, true, false]);
  });

  it('keeps separate buckets per account and per class', () => {
    const { rl } = limiter({ classes: { admin_logs: { perMinute: 1, burst: 1 } } });
    expect(rl.take('DA1', 'admin_logs').allowed).toBe(true);
    expect(rl.take('DA1', 'admin_logs').allowed).toBe(false);
    expect(rl.take('DA2', 'admin_logs').allowed).toBe(true);
    expect(rl.take('DA1', 'auth').allowed).toBe(true);
  });

  it('false disables every bucket', () => {
    const { rl } = limiter(false);
    expect(takeMany(rl, 1_000).every((d) => d.allowed)).toBe(true);
    expect(rl.config('admin_logs')).toBeUndefined();
  });

  it('a class with no refill stays closed and says to come back in a minute', () => {
    const { rl, clock } = limiter({ classes: { auth: { perMinute: 0, burst: 1 } } });
    expect(rl.take('DA1', 'auth').allowed).toBe(true);
    clock.t += 600_000;
    expect(rl.take('DA1', 'auth')).toEqual({ allowed: false, retryAfterSec: 60 });
  });

  it('reset refills every bucket', () => {
    const { rl } = limiter({});
    takeMany(rl, 2);
    expect(rl.take('DA1', 'admin_logs').allowed).toBe(false);
    rl.reset();
    expect(rl.take('DA1', 'admin_logs').allowed).toBe(true);
  });

  it('a clock that steps backwards neither refills nor breaks the bucket', () => {
    const { rl, clock } = limiter({ classes: { admin_logs: { perMinute: 60, burst: 1 } } });
    expect(rl.take('DA1', 'admin_logs').allowed).toBe(true);
    clock.t -= 30_000;
    expect(rl.take('DA1', 'admin_logs')).toEqual({ allowed: false, retryAfterSec: 1 });
  });
});
