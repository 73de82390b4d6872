import { describe, expect, it } from 'vitest';
import { AdaptiveBucket, DuoAdminClient, Pacer, type PaceKey } from '../../src/index.js';
import { CREDS, fail, fakeDuo, ok } from '../support/fake-duo.js';
import { fakeClock } from '../support/fake-clock.js';

const key: PaceKey = { host: CREDS.host, endpointClass: 'admin_get_page' };
const tuning = { decreaseFactor: 0.5, recoveryPerSuccess: 0.1, minRateFraction: 0.1 };

describe('AdaptiveBucket', () => {
  it('grants a burst, then one token per 60000/rate ms, first come first served', () => {
    const bucket = new AdaptiveBucket(60, 3, tuning, 0);
    expect([0, 0, 0, 0, 0].map((t) => bucket.reserve(t))).toEqual([0, 0, 0, 1000, 2000]);
    // Two seconds later the queue is served and nothing is saved up yet.
    expect(bucket.reserve(2000)).toBe(1000);
  });

  it('refills up to the burst only', () => {
    const bucket = new AdaptiveBucket(60, 2, tuning, 0);
    expect(bucket.snapshot(3_600_000).tokens).toBe(2);
  });

  it('halves the rate and drops saved tokens on a 429, then regains it per success', () => {
    const bucket = new AdaptiveBucket(60, 5, tuning, 0);
    bucket.rateLimited(0);
    expect(bucket.snapshot(0)).toMatchObject({ ratePerMinute: 30, tokens: 0 });
    expect(bucket.reserve(0)).toBe(2000);
    for (let i = 0; i < 3; i++) bucket.succeeded();
    expect(bucket.snapshot(0).ratePerMinute).toBeCloseTo(48);
    for (let i = 0; i < 10; i++) bucket.succeeded();
    expect(bucket.snapshot(0).ratePerMinute).toBe(60);
  });

  it('never falls below the floor', () => {
    const bucket = new AdaptiveBucket(100, 1, tuning, 0);
    for (let i = 0; i < 20; i++) bucket.rateLimited(0);
    expect(bucket.snapshot(0).ratePerMinute).toBe(10);
  });

  it('pauses for Retry-After and does not burst right after it', () => {
    const bucket = new AdaptiveBucket(600, 10, tuning, 0);
    bucket.rateLimited(1000, 5000);
    expect(bucket.reserve(1000)).toBe(5000 + 200);
    expect(bucket.snapshot(6000).tokens).toBeLessThan(0);
  });

  it('gives a cancelled reservation back', () => {
    const bucket = new AdaptiveBucket(60, 1, tuning, 0);
    bucket.reserve(0);
    expect(bucket.reserve(0)).toBe(1000);
    bucket.cancel(0);
    expect(bucket.reserve(0)).toBe(1000);
  });
});

describe('AdaptiveBucket refilling from the first answer', () => {
  it.each<[string, (b: AdaptiveBucket) => number[]]>([
    ['no refill before any answer', (b) => [b.reserve(0), b.reserve(0), b.snapshot(60_000).tokens]],
    ['refill counts from the first answer, not the first send', (b) => [b.reserve(0), b.reserve(0), (b.answered(500), b.reserve(500))]],
    ['later answers do not move it', (b) => [b.reserve(0), b.reserve(0), (b.answered(500), b.answered(5000), b.reserve(500))]],
    ['a 429 is an answer too', (b) => [b.reserve(0), b.reserve(0), (b.rateLimited(500), b.snapshot(1500).tokens)]],
  ])('%s', (_name, run) => {
    const bucket = new AdaptiveBucket(60, 2, tuning, 0, { refillFromFirstAnswer: true });
    const expected: Record<string, number[]> = {
      'no refill before any answer': [0, 0, 0],
      'refill counts from the first answer, not the first send': [0, 0, 1000],
      'later answers do not move it': [0, 0, 1000],
      // Halved to 30/min at 500 ms: half a token a second later.
      'a 429 is an answer too': [0, 0, 0.5],
    };
    expect(run(bucket)).toEqual(expected[_name]);
  });

  it.each([
    [true, 0],
    [false, 1],
  ])('with refillFromFirstAnswer=%s, a server that saw the first requests late answers %i 429s', (anchored, expected429s) => {
    // Duo allows 200/min with a burst of 5, counted from when requests arrive. The first two reach it
    // 200 ms late (a busy server); the pacer knows the exact limit. Refill timed from the pacer's own first
    // send runs 200 ms ahead of Duo's; timed from the first answer, every request finds a token.
    const pacer = new AdaptiveBucket(200, 5, tuning, 0, { refillFromFirstAnswer: anchored });
    const duo = new AdaptiveBucket(200, 5, { decreaseFactor: 1, recoveryPerSuccess: 0, minRateFraction: 1 }, 0);
    const arrivals = [200 + pacer.reserve(0), 200 + pacer.reserve(0)];
    pacer.answered(200);
    for (let i = 0; i < 9; i++) arrivals.push(200 + pacer.reserve(200));
    let limited = 0;
    for (const at of arrivals.sort((x, y) => x - y)) {
      if (duo.snapshot(at).tokens >= 1) duo.reserve(at);
      else limited += 1;
    }
    expect(limited).toBe(expected429s);
  });
});

describe('Pacer', () => {
  it('paces per (host, account, class)', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ rates: { admin_get_page: 60 }, burst: { admin_get_page: 1 }, now: clock.now, sleep: clock.sleep });
    await pacer.acquire(key);
    await pacer.acquire({ ...key, accountId: 'DA00000000000000000A' });
    await pacer.acquire({ ...key, endpointClass: 'admin_get_one' });
    expect(clock.waits).toEqual([]);
    await pacer.acquire(key);
    expect(clock.waits).toEqual([1000]);
  });

  it('leaves Infinity-rated classes unpaced', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ rates: { auth: Infinity }, now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 1000; i++) await pacer.acquire({ host: 'h', endpointClass: 'auth' });
    expect(clock.waits).toEqual([]);
    expect(pacer.snapshot({ host: 'h', endpointClass: 'auth' })).toBeUndefined();
  });

  it('refunds the token when the caller aborts while waiting', async () => {
    const pacer = new Pacer({ rates: { admin_get_page: 60 }, burst: { admin_get_page: 1 } });
    await pacer.acquire(key);
    const controller = new AbortController();
    const waiting = pacer.acquire(key, controller.signal);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(pacer.snapshot(key)!.tokens).toBeGreaterThan(-0.5);
  });

  it('settles under a server limit it was not told, with few 429s once adapted', async () => {
    // Duo allows 100/min (burst 5); the pacer believes 200/min. Each 429 is retried after 1 s.
    const clock = fakeClock();
    const pacer = new Pacer({ rates: { admin_get_page: 200 }, now: clock.now, sleep: clock.sleep });
    const server = new AdaptiveBucket(100, 5, { decreaseFactor: 1, recoveryPerSuccess: 0, minRateFraction: 1 }, clock.now());
    const limitedAt: number[] = [];
    const servedAt: number[] = [];
    for (let request = 0; request < 600; request++) {
      for (;;) {
        await pacer.acquire(key);
        const allowed = server.snapshot(clock.now()).tokens >= 1;
        if (allowed) {
          server.reserve(clock.now());
          pacer.onSuccess(key);
          servedAt.push(clock.now());
          break;
        }
        limitedAt.push(clock.now());
        pacer.onRateLimited(key);
        await clock.sleep(1000);
      }
    }
    const minutes = (clock.now() - servedAt[0]!) / 60_000;
    const throughput = servedAt.length / minutes;
    expect(throughput).toBeLessThanOrEqual(105);
    expect(throughput).toBeGreaterThan(60);
    const lastThird = servedAt[400]!;
    const late429s = limitedAt.filter((t) => t >= lastThird).length;
    expect(late429s / 200).toBeLessThan(0.15);
  });

  it('is shared by clients given the same instance', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ rates: { admin_get_one: 60 }, burst: { admin_get_one: 1 }, now: clock.now, sleep: clock.sleep });
    const duo = fakeDuo(() => ok({}));
    const a = new DuoAdminClient({ ...CREDS, fetch: duo.fetch, pacing: pacer });
    const b = new DuoAdminClient({ ...CREDS, fetch: duo.fetch, pacing: pacer });
    await a.settings.get();
    await b.settings.get();
    expect(clock.waits).toEqual([1000]);
  });

  it('slows a client down when Duo answers 429', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ rates: { admin_get_one: 60 }, now: clock.now, sleep: clock.sleep });
    const duo = fakeDuo((_s, i) => (i === 0 ? fail(429, 42901, 'Too Many Requests') : ok({})));
    const admin = new DuoAdminClient({ ...CREDS, fetch: duo.fetch, pacing: pacer, retry: { sleep: clock.sleep, random: () => 0 } });
    await admin.settings.get();
    expect(pacer.snapshot({ host: CREDS.host, endpointClass: 'admin_get_one' })!.ratePerMinute).toBeLessThan(60);
    expect(duo.seen).toHaveLength(2);
  });
});
