import { describe, expect, it } from 'vitest';
import { RateDecisionLog } from '../src/rate-decision-log.js';
import { demoFixture } from './support-auth/demo-fixture.js';

const record = (at: number) => ({ accountId: 'A', bucket: 'admin_get_page', at, allowed: true });

describe('RateDecisionLog', () => {
  it.each([
    // capacity, pushed, kept (by time)
    [0, 3, []],
    [3, 2, [1, 2]],
    [3, 3, [1, 2, 3]],
    [3, 5, [3, 4, 5]],
    [3, 7, [5, 6, 7]],
  ])('capacity %i, %i pushed: keeps the last ones, oldest first', (capacity, pushed, kept) => {
    const log = new RateDecisionLog(capacity);
    for (let t = 1; t <= pushed; t++) log.push(record(t));
    expect(log.list().map((r) => r.at)).toEqual(kept);
  });

  it('clear empties it after reading, and it fills again from the start', () => {
    const log = new RateDecisionLog(2);
    for (let t = 1; t <= 3; t++) log.push(record(t));
    expect(log.list(true).map((r) => r.at)).toEqual([2, 3]);
    expect(log.list()).toEqual([]);
    log.push(record(9));
    expect(log.list().map((r) => r.at)).toEqual([9]);
  });
});

describe('recordRateDecisions', () => {
  const users = (f: ReturnType<typeof demoFixture>, t: number) => f.adminCall('GET', '/admin/v1/users', {}, { date: new Date(t) });

  it("keeps each request's meeting with its bucket: account, bucket, time and whether it got a token", async () => {
    const clock = { t: Date.UTC(2026, 11, 7, 9) };
    const f = demoFixture({ now: () => clock.t, rateLimits: { classes: { admin_get_page: { perMinute: 60, burst: 2 } } }, recordRateDecisions: 100 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await users(f, clock.t)).status);
    clock.t += 1_000;
    statuses.push((await users(f, clock.t)).status);
    expect(statuses).toEqual([200, 200, 429, 200]);
    const start = Date.UTC(2026, 11, 7, 9);
    expect(f.emu.rateDecisions()).toEqual([
      { accountId: f.account.account_id, bucket: 'admin_get_page', at: start, allowed: true },
      { accountId: f.account.account_id, bucket: 'admin_get_page', at: start, allowed: true },
      { accountId: f.account.account_id, bucket: 'admin_get_page', at: start, allowed: false },
      { accountId: f.account.account_id, bucket: 'admin_get_page', at: start + 1_000, allowed: true },
    ]);
    // Kept across a change of limits (the bench reads it run by run), emptied on request.
    f.emu.configure({ rateLimits: false });
    expect(f.emu.rateDecisions({ clear: true })).toHaveLength(4);
    expect(f.emu.rateDecisions()).toEqual([]);
  });

  it.each([
    ['half of it each way by default', {}, 0.5],
    ['all of it before, with returnShare 0', { returnShare: 0 }, 1],
  ])("meets the bucket after the latency's outward share: %s", async (_name, share, outward) => {
    const f = demoFixture({ rateLimits: { classes: { admin_get_page: { perMinute: 60, burst: 2 } } }, recordRateDecisions: 10, faults: [{ latencyMs: 200, ...share }] });
    const sent = Date.now();
    await users(f, sent);
    const answered = Date.now();
    const [decision] = f.emu.rateDecisions();
    expect(answered - sent).toBeGreaterThanOrEqual(199);
    // Timers fire late, never early: the bucket is met no sooner than the outward share, and the
    // answer's way back takes what is left.
    expect(decision!.at - sent).toBeGreaterThanOrEqual(200 * outward - 1);
    expect(decision!.at - sent).toBeLessThan(200 * outward + 60);
    expect(answered - decision!.at).toBeGreaterThanOrEqual(200 * (1 - outward) - 1);
  });

  it('keeps nothing by default, nor without limits', async () => {
    const off = demoFixture({ rateLimits: { classes: { admin_get_page: { perMinute: 60, burst: 2 } } } });
    await users(off, Date.now());
    expect(off.emu.rateDecisions()).toEqual([]);
    const unlimited = demoFixture({ recordRateDecisions: 10 });
    await users(unlimited, Date.now());
    expect(unlimited.emu.rateDecisions()).toEqual([]);
  });
});
