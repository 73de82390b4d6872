import { describe, expect, it } from 'vitest';
import {
  burstFromFullRun,
  decideRate,
  DuoAdminClient,
  LearningBucket,
  Pacer,
  rateLowerBound,
  readPacerState,
  type BucketGrant,
  type BucketStart,
  type PaceKey,
  type PacePermit,
  type PacerState,
  type RateDecisionInput,
  type RetryInfo,
} from '../../src/index.js';
import { CREDS, fail, fakeDuo, ok } from '../support/fake-duo.js';
import { SimulatedDuoBucket } from '../support/simulated-duo-bucket.js';
import { fakeClock } from '../support/fake-clock.js';
import { virtualClock } from '../support/virtual-clock.js';

const key: PaceKey = { host: CREDS.host, endpointClass: 'admin_get_page' };

const START: BucketStart = { ratePerMinute: 60, ceilingPerMinute: 60, burst: 3, burstKnown: true, maxBurst: 60, floorPerMinute: 3 };

/** Reserves and sends at `now` whatever the mirror would say: the test places each send itself. */
function sendAt(bucket: LearningBucket, now: number): BucketGrant {
  const grant = bucket.reserve(now);
  grant.released = true;
  grant.sentAt = now;
  return grant;
}

/** Reserves and, when it may go at once, sends: the wait in ms. */
function take(bucket: LearningBucket, now: number): { grant: BucketGrant; wait: number } {
  const grant = bucket.reserve(now);
  return { grant, wait: bucket.waitMs(grant, now) };
}

describe('LearningBucket', () => {
  it('grants the burst, then one token per 60000/rate ms, first come first served', () => {
    const bucket = new LearningBucket(START, 0);
    bucket.answered(0);
    expect([0, 0, 0, 0, 0].map((t) => take(bucket, t).wait)).toEqual([0, 0, 0, 1000, 2000]);
  });

  it('refills up to the burst only, from the first answer', () => {
    const bucket = new LearningBucket(START, 0);
    expect(bucket.snapshot(60_000).tokens).toBe(3);
    take(bucket, 0);
    expect(bucket.snapshot(60_000).tokens).toBe(2);
    bucket.answered(60_000);
    expect(bucket.snapshot(3_600_000).tokens).toBe(3);
  });

  it('re-times waiters when a 429 arrives: the next waits one interval from it', () => {
    const bucket = new LearningBucket({ ...START, burst: 1 }, 0);
    bucket.answered(0);
    const first = take(bucket, 0);
    const queued = take(bucket, 0);
    expect(queued.wait).toBe(1000);
    bucket.rateLimited(first.grant, 500);
    // Duo's bucket is empty at 500: a full interval from then, not the 1000 planned before.
    expect(bucket.waitMs(queued.grant, 1000)).toBe(500);
    expect(bucket.waitMs(queued.grant, 1500)).toBe(0);
  });

  it('waits exactly Retry-After when Duo sends it', () => {
    const bucket = new LearningBucket({ ...START, ratePerMinute: 600, ceilingPerMinute: 600, burst: 10 }, 0);
    bucket.answered(0);
    const { grant } = take(bucket, 0);
    bucket.rateLimited(grant, 1000, 5000);
    expect(take(bucket, 1000).wait).toBe(5000);
    expect(bucket.snapshot(1000).pausedUntil).toBe(6000);
  });

  it('does not change the rate on the first 429 (the burst ran out), then measures it', () => {
    const bucket = new LearningBucket({ ...START, burst: 1 }, 0);
    bucket.answered(0);
    const first = take(bucket, 0).grant;
    bucket.rateLimited(first, 100);
    expect(bucket.snapshot(100).ratePerMinute).toBe(60);
    // Sent after the 429 was answered and refused again: Duo is slower than 60/min.
    const second = bucket.reserve(1100);
    expect(bucket.waitMs(second, 1100)).toBe(0);
    bucket.rateLimited(second, 1200);
    expect(bucket.snapshot(1200).ratePerMinute).toBeLessThan(60);
  });

  it('counts 429s of requests sent before the last 429 was answered as one', () => {
    const bucket = new LearningBucket({ ...START, burst: 3 }, 0);
    bucket.answered(0);
    const grants = [0, 0, 0].map(() => take(bucket, 0).grant);
    bucket.rateLimited(grants[0]!, 100);
    bucket.rateLimited(grants[1]!, 110);
    bucket.rateLimited(grants[2]!, 120);
    expect(bucket.snapshot(120)).toMatchObject({ ratePerMinute: 60, rateLimited: 3 });
  });

  it('probes one request at a time beyond an unknown burst, and stops at the first 429', () => {
    const bucket = new LearningBucket({ ...START, burst: 1, burstKnown: false }, 0);
    bucket.succeeded(take(bucket, 0).grant, 0);
    const probe = bucket.reserve(0);
    expect(probe.probe).toBe(true);
    expect(bucket.reserve(0).probe).toBe(false);
    bucket.succeeded(probe, 50);
    expect(bucket.snapshot(50).burst).toBe(2);
    const next = bucket.reserve(50);
    expect(next.probe).toBe(true);
    bucket.rateLimited(next, 100);
    expect(bucket.snapshot(100)).toMatchObject({ burst: 2, burstKnown: true });
    expect(bucket.reserve(100).probe).toBe(false);
  });

  it.each([
    // Knowing nothing: one more at once after the first accepted probe, up to two (a burst's end
    // costs one 429 more at once, not three).
    { seeded: false, windows: [1, 2, 2, 2, 2, 2] },
    // Seeded with a burst an earlier run found no end to: one more at once per accepted probe (so
    // twice as many each round trip), up to four.
    { seeded: true, windows: [1, 2, 4, 4, 4, 4] },
  ])('lets probes out several at once, more of them for a burst an earlier run left unbounded (seeded: $seeded)', ({ seeded, windows }) => {
    const start = { ...START, burst: 1, burstKnown: false, ...(seeded ? { learnedAt: 0 } : {}) };
    const bucket = new LearningBucket(start, 0);
    bucket.succeeded(take(bucket, 0).grant, 0);
    let t = 0;
    const seen: number[] = [];
    for (let round = 0; round < windows.length; round++) {
      // Every probe the bucket lets out now, then all of them accepted.
      const out: BucketGrant[] = [];
      for (let g = bucket.reserve(t); g.probe; g = bucket.reserve(t)) out.push(g);
      seen.push(out.length);
      t += 50;
      for (const g of out) bucket.succeeded(g, t);
    }
    expect(seen).toEqual(windows);
  });

  it('counts toward the burst the probes Duo accepted but answered after the refusal that ended probing', () => {
    // Duo holds 3 and refills slowly; two probes go out together and their answers cross.
    const start = { ratePerMinute: 10, ceilingPerMinute: 10, burst: 1, burstKnown: false, maxBurst: 200, floorPerMinute: 1 };
    const run = (lateAcceptance: boolean) => {
      const bucket = new LearningBucket(start, 0);
      bucket.succeeded(take(bucket, 0).grant, 50);
      const first = bucket.reserve(50);
      expect(first.probe).toBe(true);
      bucket.succeeded(first, 100); // 2 accepted: the window opens to two
      const a = bucket.reserve(100);
      const b = bucket.reserve(101);
      expect([a.probe, b.probe]).toEqual([true, true]);
      // Duo took `a` (its third token) and refused `b`, but `b`'s answer is read first.
      bucket.rateLimited(b, 150);
      if (lateAcceptance) bucket.succeeded(a, 160);
      return bucket.snapshot(160);
    };
    expect(run(true)).toMatchObject({ burst: 3, burstKnown: true });
    // Without that answer, only what was answered before the refusal counts.
    expect(run(false)).toMatchObject({ burst: 2, burstKnown: true });
  });

  it.each([
    { sentAfterMs: 4, burst: 3 },
    { sentAfterMs: 30, burst: 2 },
  ])('counts a probe sent $sentAfterMs ms after the refused one as the same opening only when it could have overtaken it (burst $burst)', ({ sentAfterMs, burst }) => {
    // As above, but `a` leaves after `b`. Round trips here take 50 ms, so a request sent up to
    // 25 ms later may still reach Duo first; one sent later than that may have found a refilled token.
    const bucket = new LearningBucket({ ratePerMinute: 10, ceilingPerMinute: 10, burst: 1, burstKnown: false, maxBurst: 200, floorPerMinute: 1 }, 0);
    bucket.succeeded(take(bucket, 0).grant, 50);
    const first = bucket.reserve(50);
    bucket.succeeded(first, 100);
    const b = bucket.reserve(100);
    const a = bucket.reserve(100 + sentAfterMs);
    expect([a.probe, b.probe]).toEqual([true, true]);
    bucket.rateLimited(b, 150);
    bucket.succeeded(a, 150 + sentAfterMs);
    expect(bucket.snapshot(200)).toMatchObject({ burst, burstKnown: true });
  });

  it('does not count as burst the refill of a long probing run when a late answer follows the 429 that ended it', () => {
    // Duo holds 3 and refills 60/min (the ceiling, so the most it can). Over 1.2 s it accepts four:
    // A, a probe, B on refill, then probe P2; probe P3 sent with P2 is refused. Four acceptances in
    // 1.2 s at one a second prove a burst of 3 at most... and a burst of 4 would have taken P3 too.
    const bucket = new LearningBucket({ ratePerMinute: 60, ceilingPerMinute: 60, burst: 1, burstKnown: false, maxBurst: 60, floorPerMinute: 1 }, 0);
    bucket.succeeded(take(bucket, 0).grant, 50);
    const p1 = bucket.reserve(60);
    expect(p1.probe).toBe(true);
    bucket.succeeded(p1, 110);
    const b = bucket.reserve(1_100);
    expect(b.probe).toBe(false);
    bucket.succeeded(b, 1_150);
    const p2 = bucket.reserve(1_200);
    const p3 = bucket.reserve(1_205);
    expect([p2.probe, p3.probe]).toEqual([true, true]);
    bucket.rateLimited(p3, 1_240);
    bucket.succeeded(p2, 1_260);
    expect(bucket.snapshot(1_260)).toMatchObject({ burst: 3, burstKnown: true });
  });

  it('counts the late acceptances after a probing 429 from their own arrival when none was answered before it', () => {
    // The refill was anchored by a failed attempt (no acceptance yet); a probe and two requests leave
    // together, the probe is refused and answered first, the two are accepted: Duo holds at least 2.
    const t = 1_000_000;
    const bucket = new LearningBucket({ ratePerMinute: 60, ceilingPerMinute: 60, burst: 1, burstKnown: false, maxBurst: 60, floorPerMinute: 1 }, t);
    bucket.abandoned(take(bucket, t).grant, t + 50);
    const probe = bucket.reserve(t + 50);
    expect(probe.probe).toBe(true);
    const q1 = sendAt(bucket, t + 51);
    const q2 = sendAt(bucket, t + 52);
    bucket.rateLimited(probe, t + 100);
    bucket.succeeded(q1, t + 105);
    bucket.succeeded(q2, t + 110);
    expect(bucket.snapshot(t + 110)).toMatchObject({ burst: 2, burstKnown: true });
  });

  it('counts toward a full run measured later the acceptances sent after its 429 but before its answer', () => {
    // Duo at 100/min with a burst of 5. Six requests accepted from 0 to 1,000 ms, the seventh (sent
    // at 1,300) refused, and an eighth sent 10 ms later accepted: it reached Duo first. Duo took
    // seven in about 1.3 s, two of them refilled, so its burst is 5; without the eighth, 4.
    const bucket = new LearningBucket({ ratePerMinute: 200, ceilingPerMinute: 200, burst: 2, burstKnown: false, maxBurst: 200, floorPerMinute: 10 }, 0);
    bucket.answered(0);
    for (let i = 0; i < 6; i++) bucket.succeeded(sendAt(bucket, i * 200), i * 200 + 40);
    const refused = sendAt(bucket, 1_300);
    const overtook = sendAt(bucket, 1_310);
    bucket.rateLimited(refused, 1_340);
    bucket.succeeded(overtook, 1_350);
    // The next 429, a little over a token interval at 100/min later, measures the rate.
    bucket.rateLimited(sendAt(bucket, 2_000), 2_040);
    expect(bucket.snapshot(2_040).ratePerMinute).toBeLessThan(110);
    expect(bucket.snapshot(2_040).burst).toBe(5);
  });

  it('says in its snapshot when a probe would go: pending until an answer, ready, pending while one is out, off once bounded', () => {
    const bucket = new LearningBucket({ ...START, burst: 1, burstKnown: false }, 0);
    expect(bucket.snapshot(0).probe).toBe('pending');
    take(bucket, 0);
    bucket.answered(10);
    expect(bucket.snapshot(10).probe).toBe('ready');
    const probe = bucket.reserve(10);
    expect(probe.probe).toBe(true);
    expect(bucket.snapshot(10).probe).toBe('pending');
    bucket.succeeded(probe, 60);
    expect(bucket.snapshot(60).probe).toBe('ready');
    const next = bucket.reserve(60);
    bucket.rateLimited(next, 110);
    expect(bucket.snapshot(110).probe).toBe('off');
    expect(new LearningBucket({ ...START, burst: 2, burstKnown: true }, 0).snapshot(0).probe).toBe('off');
  });

  it('counts as burst only what the refill during probing does not explain', () => {
    // Duo holds 5 and refills 200/min; probes go one round trip (60 ms) after another.
    const bucket = new LearningBucket({ ratePerMinute: 200, ceilingPerMinute: 200, burst: 1, burstKnown: false, maxBurst: 200, floorPerMinute: 10 }, 0);
    bucket.succeeded(take(bucket, 0).grant, 50);
    const bursts: number[] = [];
    for (let sent = 60; sent <= 300; sent += 60) {
      const probe = bucket.reserve(sent);
      expect(probe.probe).toBe(true);
      bucket.succeeded(probe, sent + 50);
      bursts.push(bucket.snapshot(sent + 50).burst);
    }
    // The sixth acceptance (at 300 ms) is the token refilled meanwhile, not a sixth of burst.
    expect(bursts).toEqual([2, 3, 4, 5, 5]);
  });

  it('charges a probe a token: given back when it proved a larger burst, owed when the refill paid for it', () => {
    // 200/min: a token every 300 ms.
    const start: BucketStart = { ratePerMinute: 200, ceilingPerMinute: 200, burst: 1, burstKnown: false, maxBurst: 200, floorPerMinute: 10 };
    const probeAt = (bucket: LearningBucket, sent: number) => {
      const before = bucket.snapshot(sent);
      const probe = bucket.reserve(sent);
      expect(probe.probe).toBe(true);
      // Answered at once, so no refill hides in the round trip.
      bucket.succeeded(probe, sent);
      const after = bucket.snapshot(sent);
      return { burst: after.burst - before.burst, tokens: after.tokens - before.tokens };
    };
    // Two acceptances within 10 ms: only a larger burst explains them; the probe spent the token it found.
    const found = new LearningBucket(start, 0);
    found.succeeded(take(found, 0).grant, 0);
    expect(probeAt(found, 10)).toEqual({ burst: 1, tokens: 0 });
    // The first answer took 100 ms, so the mirror refills from half that round trip before it (50 ms)
    // while Duo refilled from the first arrival: two acceptances 320 ms apart are a burst of one and a
    // refilled token. The mirror owes it.
    const refilled = new LearningBucket(start, 0);
    refilled.succeeded(take(refilled, 0).grant, 100);
    const owed = probeAt(refilled, 320);
    expect(owed.burst).toBe(0);
    expect(owed.tokens).toBeCloseTo(-1);
  });

  it('gives a refused probe its token back: it spent nothing at Duo', () => {
    const bucket = new LearningBucket({ ...START, burst: 1, burstKnown: false }, 0);
    bucket.succeeded(take(bucket, 0).grant, 0);
    const probe = bucket.reserve(0);
    expect(bucket.snapshot(0).tokens).toBe(-1);
    bucket.rateLimited(probe, 0);
    // Empty, as Duo is, and no deeper: the next request waits one interval, not two.
    expect(bucket.snapshot(0).tokens).toBe(0);
    expect(take(bucket, 0).wait).toBe(1000);
  });

  it('after leaving a full bucket, refills from that request\'s answer, not from its send (a burst above one)', () => {
    // 600/min: a token every 100 ms.
    const bucket = new LearningBucket({ ...START, ratePerMinute: 600, ceilingPerMinute: 600, burst: 3 }, 0);
    bucket.answered(0);
    expect(bucket.snapshot(10_000).tokens).toBe(3);
    // The full bucket's first request: Duo starts refilling when it arrives, which only its answer bounds.
    const first = take(bucket, 10_000).grant;
    expect(bucket.snapshot(10_050).tokens).toBe(2);
    bucket.succeeded(first, 10_100);
    expect(bucket.snapshot(10_100).tokens).toBe(2);
    expect(bucket.snapshot(10_150).tokens).toBeCloseTo(2.5);
    // Answers to requests sent before it left full do not anchor it: they may have reached Duo earlier.
    const again = new LearningBucket({ ...START, ratePerMinute: 600, ceilingPerMinute: 600, burst: 3 }, 0);
    again.answered(0);
    const old = take(again, 0).grant;
    again.succeeded(old, 20);
    const drain = take(again, 10_000).grant;
    again.answered(10_050, 5_000);
    expect(again.snapshot(10_090).tokens).toBe(2);
    again.succeeded(drain, 10_090);
    expect(again.snapshot(10_140).tokens).toBeCloseTo(2.5);
  });

  it('with a burst of one, refills from half the quickest round trip before the answer, until a request sent so meets a 429', () => {
    // 600/min, a burst of one: every request leaves a full mirror and waits for the last one's answer.
    const bucket = new LearningBucket({ ...START, ratePerMinute: 600, ceilingPerMinute: 600, burst: 1 }, 0);
    bucket.answered(0);
    const first = take(bucket, 1_000).grant;
    bucket.succeeded(first, 1_100);
    // Anchored 50 ms before the answer: full again at 1,150, not 1,200.
    const second = take(bucket, 1_150);
    expect(second.wait).toBe(0);
    expect(second.grant.earlyAnchored).toBe(true);
    bucket.rateLimited(second.grant, 1_250);
    const third = take(bucket, 1_350);
    expect(third.wait).toBe(0);
    bucket.succeeded(third.grant, 1_450);
    // From the answer now: half a token 50 ms after it.
    expect(bucket.snapshot(1_500).tokens).toBeCloseTo(0.5);
  });

  it('holds no more than the burst while callers wait: a waiter sent late does not bring the next one forward', () => {
    const bucket = new LearningBucket({ ...START, burst: 1 }, 0);
    bucket.answered(0);
    const first = take(bucket, 0);
    const second = take(bucket, 0);
    const third = take(bucket, 0);
    expect([first.wait, second.wait, third.wait]).toEqual([0, 1000, 2000]);
    bucket.succeeded(first.grant, 50);
    // The second caller wakes 600 ms late: Duo's bucket sat full meanwhile and banked nothing more.
    expect(bucket.waitMs(second.grant, 1600)).toBe(0);
    bucket.succeeded(second.grant, 1650);
    // The third goes a full interval after the second, not at the 2,000 ms first planned.
    expect(bucket.waitMs(third.grant, 2000)).toBeGreaterThanOrEqual(600);
  });

  /**
   * A bucket (burst 1, 200/min) whose rate two 429s in a row cut to 96/min on little evidence, and a
   * clock: `send` takes the next grant at the pace (waiting for it), `t` is now.
   */
  function cutOnFewRequests() {
    const bucket = new LearningBucket({ ratePerMinute: 200, ceilingPerMinute: 200, burst: 1, burstKnown: true, maxBurst: 200, floorPerMinute: 10 }, 0);
    bucket.answered(0);
    bucket.rateLimited(take(bucket, 0).grant, 50);
    bucket.rateLimited(take(bucket, 400).grant, 450);
    expect(bucket.snapshot(450).ratePerMinute).toBeCloseTo(96);
    const clock = { t: 450 };
    const send = () => {
      const { grant, wait } = take(bucket, clock.t);
      clock.t += wait;
      if (wait > 0) expect(bucket.waitMs(grant, clock.t)).toBe(0);
      return grant;
    };
    return { bucket, clock, send };
  }

  it('climbs back after a cut made on few requests, and a 429 on the way ends the climb just under it', () => {
    const { bucket, clock, send } = cutOnFewRequests();
    // Duo accepts: it climbs back, a step per success (sent at the pace, so the bucket never idles full).
    for (let i = 0; i < 10; i++) bucket.succeeded(send(), (clock.t += 50));
    const climbed = bucket.snapshot(clock.t).ratePerMinute;
    expect(climbed).toBeGreaterThan(100);
    bucket.rateLimited(send(), (clock.t += 50));
    const settled = bucket.snapshot(clock.t).ratePerMinute;
    expect(settled).toBeLessThanOrEqual(climbed * 0.96 + 1e-9);
    for (let i = 0; i < 20; i++) bucket.succeeded(send(), (clock.t += 50));
    expect(bucket.snapshot(clock.t).ratePerMinute).toBeLessThanOrEqual(settled + 1e-9);
  });

  it('a quiet spell ends a climb: successes while Duo refills say nothing about its rate', () => {
    const { bucket, clock, send } = cutOnFewRequests();
    for (let i = 0; i < 5; i++) bucket.succeeded(send(), (clock.t += 50));
    const reached = bucket.snapshot(clock.t).ratePerMinute;
    expect(reached).toBeGreaterThan(96);
    // Five seconds idle (the run ended): the bucket fills, and the climb ends a margin under where
    // it got to (where a 429 would have left it), not on it.
    clock.t += 5000;
    for (let i = 0; i < 20; i++) bucket.succeeded(send(), (clock.t += 50));
    expect(bucket.snapshot(clock.t).ratePerMinute).toBeCloseTo(reached * 0.96);
  });

  it('saves a climb still under way a margin under where it got to', () => {
    const { bucket, clock, send } = cutOnFewRequests();
    for (let i = 0; i < 5; i++) bucket.succeeded(send(), (clock.t += 50));
    const reached = bucket.snapshot(clock.t).ratePerMinute;
    expect(bucket.learned().ratePerMinute).toBeCloseTo(reached * 0.96);
  });

  it('with a known burst, a 429 on a refilled token slows the pace a little and ends any climb', () => {
    const bucket = new LearningBucket({ ...START, ratePerMinute: 120, ceilingPerMinute: 200, learnedAt: 0 }, 0);
    bucket.answered(0);
    let t = 0;
    // The burst (3) goes at once and is accepted; the fourth waits for a refilled token.
    const burst = [0, 1, 2].map(() => take(bucket, t).grant);
    for (const grant of burst) bucket.succeeded(grant, 50);
    const { grant, wait } = take(bucket, 50);
    t = 50 + wait;
    expect(bucket.waitMs(grant, t)).toBe(0);
    expect(grant.refilled).toBe(true);
    expect(burst.map((g) => g.refilled)).toEqual([false, false, false]);
    bucket.rateLimited(grant, t + 50);
    expect(bucket.snapshot(t + 50).ratePerMinute).toBeCloseTo(120 * 0.96);
    expect(bucket.snapshot(t + 50).burst).toBe(3);
  });

  it("a 429 on one of the burst's own tokens leaves the rate alone", () => {
    const bucket = new LearningBucket({ ...START, ratePerMinute: 120, ceilingPerMinute: 200, learnedAt: 0 }, 0);
    bucket.answered(0);
    const burst = [0, 1, 2].map(() => take(bucket, 0).grant);
    bucket.succeeded(burst[0]!, 50);
    bucket.succeeded(burst[1]!, 50);
    bucket.rateLimited(burst[2]!, 60);
    expect(bucket.snapshot(60).ratePerMinute).toBe(120);
  });

  it.each([
    // accepted, span ms, rate/min, burst: Duo held its burst plus the span's refill, less under a token
    [7, 1_200, 100, 5],
    [7, 1_500, 100, 5],
    [7, 1_800, 100, 4],
    [11, 0, 200, 11],
    [3, 6_000, 100, 1],
    [5, 300, 200, 4],
  ])('burstFromFullRun(%i accepted over %i ms at %i/min) = %i', (accepted, spanMs, rate, burst) => {
    expect(burstFromFullRun(accepted, spanMs, rate)).toBe(burst);
  });

  it('raises a burst probed short once a rate is measured from the run that emptied it', () => {
    // Duo at 100/min with a burst of 5; the mirror starts at 1 and refills at the 200/min ceiling.
    const bucket = new LearningBucket({ ratePerMinute: 200, ceilingPerMinute: 200, burst: 2, burstKnown: false, maxBurst: 200, floorPerMinute: 10 }, 0);
    bucket.answered(0);
    // Seven requests accepted from 0 to 1,200 ms (five of the burst, two refilled), then a 429.
    for (let i = 0; i < 7; i++) bucket.succeeded(sendAt(bucket, i * 200), i * 200 + 40);
    bucket.rateLimited(sendAt(bucket, 1_400), 1_440);
    expect(bucket.snapshot(1_440).burst).toBeLessThan(5);
    // The next 429, with few accepted in between, measures the rate at about 100/min.
    bucket.rateLimited(sendAt(bucket, 2_000), 2_040);
    expect(bucket.snapshot(2_040).ratePerMinute).toBeLessThan(110);
    expect(bucket.snapshot(2_040).burst).toBe(5);
    // A later 429 that cuts the rate again does not read the same run a second time (at half the
    // rate, its refill would leave a burst of 6).
    bucket.rateLimited(sendAt(bucket, 3_000), 3_040);
    expect(bucket.snapshot(3_040).ratePerMinute).toBeLessThan(60);
    expect(bucket.snapshot(3_040).burst).toBe(5);
  });

  it('lowers the burst when a request drawn from saved tokens meets an empty bucket', () => {
    const bucket = new LearningBucket({ ...START, burst: 5 }, 0);
    bucket.answered(0);
    const grants = [0, 0, 0].map(() => take(bucket, 0).grant);
    bucket.succeeded(grants[0]!, 50);
    bucket.succeeded(grants[1]!, 50);
    bucket.rateLimited(grants[2]!, 60);
    expect(bucket.snapshot(60).burst).toBe(2);
  });

  it('gives a cancelled place back', () => {
    const bucket = new LearningBucket({ ...START, burst: 1 }, 0);
    bucket.answered(0);
    take(bucket, 0);
    const waiting = take(bucket, 0);
    const behind = take(bucket, 0);
    expect(behind.wait).toBe(2000);
    bucket.cancel(waiting.grant, 0);
    expect(bucket.waitMs(behind.grant, 0)).toBe(1000);
  });
});

describe('rate estimation', () => {
  it.each([
    ['too few acceptances', 1, 1000, 0],
    ['nothing elapsed', 5, 0, 0],
    ['five in two seconds: more than 120/min', 5, 2000, 120],
    ['thirty-one in thirty seconds: more than 60/min', 31, 30_000, 60],
  ])('rateLowerBound: %s', (_name, accepted, ms, expected) => {
    expect(rateLowerBound(accepted, ms)).toBeCloseTo(expected);
  });

  it.each<[string, RateDecisionInput, number, boolean]>([
    // Three quarters of what we sent at 200/min got through: Duo allows about 150; paced 4% under, less half a request of doubt.
    ['three quarters accepted', { current: 200, accepted: 15, limited: 5, pacedMs: 6000, lower: 0, floor: 10 }, 150 * 0.975 * 0.96, true],
    ['a 429 right after another halves, never zeroes', { current: 200, accepted: 0, limited: 1, pacedMs: 300, lower: 0, floor: 10 }, 96, false],
    ['a near miss after many: the measured rate, a margin under', { current: 100, accepted: 40, limited: 1, pacedMs: 24_600, lower: 0, floor: 10 }, ((40 * 60_000) / 24_600) * (1 - 0.5 / 41) * 0.96, true],
    ['an estimate above the current rate counts as the current rate', { current: 100, accepted: 40, limited: 1, pacedMs: 12_000, lower: 0, floor: 10 }, 100 * (1 - 0.5 / 41) * 0.96, true],
    ['never below what acceptances proved', { current: 200, accepted: 1, limited: 3, pacedMs: 1200, lower: 150, floor: 10 }, 144, false],
    ['never below the floor', { current: 20, accepted: 0, limited: 2, pacedMs: 6000, lower: 0, floor: 15 }, 15, false],
    // Paced at 200/min but sends lagged: 15 accepted over 9 s of wall time is Duo at 100/min, not 150.
    ['sends that lagged the pace: over the time they really took, as far as Duo banks it', { current: 200, accepted: 15, limited: 5, pacedMs: 6000, elapsedMs: 9000, burst: 20, lower: 0, floor: 10 }, Math.max(100 * 0.975, 200 * 0.5) * 0.96, true],
    // A burst of 5 banks 4 tokens (1.2 s at 200/min) of the 3 s lag: 15 over 7.2 s is 125/min.
    ['a lag longer than Duo can bank: only what it banks counts', { current: 200, accepted: 15, limited: 5, pacedMs: 6000, elapsedMs: 9000, burst: 5, lower: 0, floor: 10 }, 125 * 0.975 * 0.96, true],
    // A burst of one banks nothing: the pace alone.
    ['a burst of one: the lag says nothing', { current: 200, accepted: 15, limited: 5, pacedMs: 6000, elapsedMs: 9000, burst: 1, lower: 0, floor: 10 }, 150 * 0.975 * 0.96, true],
    ['without timings, the share at the current rate', { current: 200, accepted: 15, limited: 5, pacedMs: 0, lower: 0, floor: 10 }, 150 * 0.975 * 0.96, true],
  ])('decideRate: %s', (_name, input, rate, settled) => {
    const decision = decideRate(input);
    expect(decision.rate).toBeCloseTo(rate);
    expect(decision.settled).toBe(settled);
  });
});

describe('Pacer state across runs', () => {
  it('exports JSON-safe learned buckets and seeds a new pacer from them', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ now: clock.now, sleep: clock.sleep });
    const permit = await pacer.acquire(key);
    pacer.onRateLimited(key, undefined, permit);
    const state = JSON.parse(JSON.stringify(pacer.exportState())) as PacerState;
    expect(state).toMatchObject({ version: 1, savedAt: clock.now() });
    expect(state.buckets).toEqual([
      // That 429 bounded the burst, not the rate: still free to explore above it.
      { host: CREDS.host, endpointClass: 'admin_get_page', ratePerMinute: 200, burst: 1, burstKnown: true, exploredFrom: 200, learnedAt: clock.now() },
    ]);
    const seeded = new Pacer({ initialState: { ...state, buckets: [{ ...state.buckets[0]!, ratePerMinute: 90, burst: 7 }] }, now: clock.now });
    expect(seeded.snapshot(key)).toMatchObject({ ratePerMinute: 90, burst: 7, burstKnown: true });
    // Unused seeds survive the next export.
    expect(new Pacer({ initialState: state, now: clock.now }).exportState().buckets).toHaveLength(1);
  });

  it.each<[string, unknown]>([
    ['not an object', 'x'],
    ['another version', { version: 2, savedAt: 0, buckets: [] }],
    ['a malformed entry', { version: 1, savedAt: 0, buckets: [{ host: 'h', endpointClass: 'nope', ratePerMinute: 1, burst: 1, burstKnown: true, learnedAt: 0 }] }],
    ['a negative rate', { version: 1, savedAt: 0, buckets: [{ host: 'h', endpointClass: 'auth', ratePerMinute: -1, burst: 1, burstKnown: true, learnedAt: 0 }] }],
    ['an exploredFrom that is no rate', { version: 1, savedAt: 0, buckets: [{ host: 'h', endpointClass: 'auth', ratePerMinute: 1, burst: 1, burstKnown: true, exploredFrom: '200', learnedAt: 0 }] }],
  ])('ignores state that is %s', (_name, value) => {
    expect(readPacerState(value, 0)).toEqual([]);
  });

  it('ignores entries older than maxStateAgeMs and caps rates at the ceiling (twice the published rate unless maxRates says otherwise)', () => {
    const clock = fakeClock();
    const entry = { host: 'h', endpointClass: 'auth' as const, burst: 3, burstKnown: true };
    const state: PacerState = {
      version: 1,
      savedAt: clock.now(),
      buckets: [
        { ...entry, ratePerMinute: 5000, learnedAt: clock.now() },
        { ...entry, host: 'old', ratePerMinute: 50, learnedAt: clock.now() - 8 * 86_400_000 },
      ],
    };
    const pacer = new Pacer({ initialState: state, now: clock.now });
    expect(pacer.snapshot({ host: 'h', endpointClass: 'auth' })!.ratePerMinute).toBe(1200);
    expect(pacer.snapshot({ host: 'old', endpointClass: 'auth' })!.ratePerMinute).toBe(600);
    const published = new Pacer({ initialState: state, maxRates: { auth: 600 }, now: clock.now });
    expect(published.snapshot({ host: 'h', endpointClass: 'auth' })!.ratePerMinute).toBe(600);
  });
});

describe('LearningBucket, a burst believed too large', () => {
  /** A bucket at `perMinute` believing in a burst of 8, and the eight requests it sends at once from it. */
  function openingOfEight(perMinute: number): { bucket: LearningBucket; grants: BucketGrant[] } {
    const bucket = new LearningBucket({ ...START, ratePerMinute: perMinute, ceilingPerMinute: perMinute, burst: 8 }, 0);
    bucket.answered(0);
    return { bucket, grants: Array.from({ length: 8 }, () => sendAt(bucket, 0)) };
  }

  it('the 429s of one opening burst cut it once, to what Duo accepted, not once each (to one)', () => {
    // Eight at once from the saved burst; Duo holds five: five accepted, then three 429s answered after.
    const { bucket, grants } = openingOfEight(400);
    grants.slice(0, 5).forEach((g, i) => bucket.succeeded(g, 40 + i));
    grants.slice(5).forEach((g, i) => bucket.rateLimited(g, 45 + i));
    expect(bucket.snapshot(50)).toMatchObject({ burst: 5, burstKnown: true });
  });

  // Eight sent at once from a believed burst of 8; Duo holds five. Answers come back in any order
  // (the emulator's and Duo's alike): `order` lists them, A accepted and L a 429. Whatever the
  // order, the burst ends at the five Duo accepted; counting only the acceptances answered before
  // the first 429 cut it to 2 in the second case, and a known burst is never probed again.
  it.each([
    { order: 'AAAAALLL', burst: 5 },
    { order: 'AALALLAA', burst: 5 },
    { order: 'LAAAAALL', burst: 5 },
    { order: 'LLLAAAAA', burst: 5 },
    // Never back above one less than was believed, however many acceptances come after.
    { order: 'ALAAAAAA', burst: 7 },
  ])('an opening answered out of order ($order) is cut to what Duo accepted of it: $burst', ({ order, burst }) => {
    const { bucket, grants } = openingOfEight(400);
    [...order].forEach((outcome, i) => (outcome === 'A' ? bucket.succeeded(grants[i]!, 40 + i) : bucket.rateLimited(grants[i]!, 40 + i)));
    expect(bucket.snapshot(50)).toMatchObject({ burst, burstKnown: true });
  });

  it('an acceptance of the opening answered long after its 429 may have found a refilled token: it does not count as burst', () => {
    const { bucket, grants } = openingOfEight(600);
    bucket.succeeded(grants[0]!, 40);
    bucket.succeeded(grants[1]!, 41);
    bucket.rateLimited(grants[2]!, 42);
    // Within a token's refill (100 ms at 600/min) of the refused send: counted.
    bucket.succeeded(grants[3]!, 50);
    expect(bucket.snapshot(50).burst).toBe(3);
    // 250 ms after it, two tokens may have refilled: this one and two more would not raise it.
    bucket.succeeded(grants[4]!, 250);
    expect(bucket.snapshot(250).burst).toBe(3);
  });

  it('requests sent after the refused one do not raise the cut burst: they spent refilled tokens', () => {
    const { bucket, grants: opening } = openingOfEight(400);
    bucket.succeeded(opening[0]!, 40);
    bucket.succeeded(opening[1]!, 41);
    bucket.rateLimited(opening[2]!, 42);
    // The rest of the opening is refused too; then a later request, sent after the 429 came back.
    opening.slice(3).forEach((g, i) => bucket.rateLimited(g, 43 + i));
    const later = bucket.reserve(400);
    for (let t = 400, w = bucket.waitMs(later, t); w > 0; w = bucket.waitMs(later, t)) t += w;
    bucket.succeeded(later, 600);
    expect(bucket.snapshot(600).burst).toBe(2);
  });
});

describe('LearningBucket exploring above the published rate', () => {
  // Duo's published 200/min, a ceiling of twice that, and a burst of one known (Duo banks nothing).
  const EXPLORER: BucketStart = { ratePerMinute: 200, ceilingPerMinute: 400, publishedPerMinute: 200, burst: 1, burstKnown: true, maxBurst: 400, floorPerMinute: 10 };

  /**
   * Sends `n` requests one after another, each when the bucket releases it, with a caller
   * queued behind it, answered 40 ms later as `accept(i)` says. Returns the rate after each answer.
   */
  function pace(bucket: LearningBucket, n: number, options: { accept?: (i: number) => boolean; from?: number } = {}) {
    let t = options.from ?? 0;
    const rates: number[] = [];
    let head = bucket.reserve(t);
    for (let i = 0; i < n; i++) {
      for (let w = bucket.waitMs(head, t); w > 0; w = bucket.waitMs(head, t)) t += w;
      const queued = bucket.reserve(t);
      t += 40;
      if (options.accept?.(i) ?? true) bucket.succeeded(head, t);
      else bucket.rateLimited(head, t);
      rates.push(Math.round(bucket.snapshot(t).ratePerMinute * 10) / 10);
      head = queued;
    }
    // The caller still queued gives up, so a later call starts at the head of the queue.
    bucket.cancel(head, t);
    return { rates, t };
  }

  it('climbs 10% a success once Duo has kept up four times in a row with callers waiting', () => {
    const bucket = new LearningBucket(EXPLORER, 0);
    expect(pace(bucket, 6).rates).toEqual([200, 200, 200, 220, 242, 266.2]);
    expect(bucket.learned().ratePerMinute).toBeCloseTo(266.2);
    expect(bucket.learned().exploredFrom).toBe(200);
  });

  it('does not climb before the burst is known', () => {
    const unknown = new LearningBucket({ ...EXPLORER, burst: 3, burstKnown: false }, 0);
    expect(pace(unknown, 8).rates.every((r) => r === 200)).toBe(true);
  });

  it('climbs too for a caller that waits outside the queue and reserves as its token refills, not for one that comes later', () => {
    // As the hub's fleet scan does: look at the mirror, sleep until it holds a token, reserve then
    // (a timer late by `lateMs`). Each request is answered 40 ms after it leaves.
    const outside = (lateMs: number) => {
      const bucket = new LearningBucket(EXPLORER, 0);
      let t = 0;
      const rates: number[] = [];
      for (let i = 0; i < 8; i++) {
        const grant = bucket.reserve(t);
        expect(bucket.waitMs(grant, t)).toBe(0);
        bucket.succeeded(grant, t + 40);
        rates.push(Math.round(bucket.snapshot(t + 40).ratePerMinute * 10) / 10);
        t += 40;
        t += Math.max(0, Math.ceil(((1 - bucket.snapshot(t).tokens) * 60_000) / bucket.snapshot(t).ratePerMinute)) + lateMs;
      }
      return rates;
    };
    // 10 ms late (a sixth of a token at 400/min): held back by the pacer, so it explores.
    expect(outside(10)).toEqual([200, 200, 200, 220, 242, 266.2, 292.8, 322.1]);
    // 150 ms late, half a token or more: the caller, not the pacer, set the pace.
    expect(outside(150).every((r) => r === 200)).toBe(true);
  });

  it('a 429 while exploring takes the rate back to where exploring began, for good', () => {
    const bucket = new LearningBucket(EXPLORER, 0);
    const { t } = pace(bucket, 8);
    expect(bucket.snapshot(t).ratePerMinute).toBeGreaterThan(250);
    const after = pace(bucket, 10, { from: t, accept: (i) => i !== 0 }).rates;
    expect(after.every((r) => r === 200)).toBe(true);
    expect(bucket.learned().exploredFrom).toBeUndefined();
  });

  it('a bucket seeded while exploring climbs on, and a 429 still takes it back; one seeded bounded stays', () => {
    const exploring = new LearningBucket({ ...EXPLORER, ratePerMinute: 240, learnedAt: 0, exploredFrom: 200 }, 0);
    const { rates, t } = pace(exploring, 6);
    expect(rates.at(-1)).toBeGreaterThan(240);
    expect(pace(exploring, 1, { from: t, accept: () => false }).rates).toEqual([200]);
    const bounded = new LearningBucket({ ...EXPLORER, ratePerMinute: 240, learnedAt: 0 }, 0);
    expect(pace(bounded, 10).rates.every((r) => r === 240)).toBe(true);
  });

  it('a bucket no 429 has bounded is saved free to explore before it has begun: a process started from it explores as the live one would', () => {
    const live = new LearningBucket(EXPLORER, 0);
    // Two acceptances: exploring begins at the fourth, so a run this short ends before it.
    const { t } = pace(live, 2);
    const saved = live.learned();
    expect(saved).toMatchObject({ ratePerMinute: 200, exploredFrom: 200 });
    const restarted = new LearningBucket({ ...EXPLORER, ratePerMinute: saved.ratePerMinute, burst: saved.burst, burstKnown: saved.burstKnown, learnedAt: saved.learnedAt, exploredFrom: saved.exploredFrom! }, t);
    // Four refilled acceptances in a row first, as in any bucket, then 10% a success.
    expect(pace(restarted, 6, { from: t }).rates).toEqual([200, 200, 200, 220, 242, 266.2]);
    // Before, such a state was read as a rate to stay at.
    const asBefore = new LearningBucket({ ...EXPLORER, ratePerMinute: 200, burst: saved.burst, burstKnown: true, learnedAt: saved.learnedAt }, t);
    expect(pace(asBefore, 6, { from: t }).rates.every((r) => r === 200)).toBe(true);
  });

  it('after the 429 that ends exploring, the retry leaves one interval after the last acceptance was answered; the one after, one token more where Duo can bank it', () => {
    const waitsAfterExploring = (burst: number) => {
      const bucket = new LearningBucket({ ...EXPLORER, burst }, 0);
      // The burst's own tokens first; exploring counts refilled ones.
      const { t: acceptedAt } = pace(bucket, burst + 6);
      expect(bucket.learned().exploredFrom).toBe(200);
      const after = pace(bucket, 1, { from: acceptedAt, accept: () => false });
      expect(bucket.snapshot(after.t).ratePerMinute).toBe(200);
      const retry = bucket.reserve(after.t);
      const sent = after.t + bucket.waitMs(retry, after.t);
      // Sooner than an interval after the 429's answer: the explored interval and its round trip are not waited again.
      expect(sent - after.t).toBeLessThan(300);
      expect(bucket.waitMs(retry, sent)).toBe(0);
      const next = bucket.reserve(sent);
      return [sent - acceptedAt, bucket.waitMs(next, sent)];
    };
    // 200/min: a token every 300 ms (waits are whole milliseconds, rounded up).
    const [first1, next1] = waitsAfterExploring(1);
    expect(first1).toBeGreaterThanOrEqual(300);
    expect(first1).toBeLessThanOrEqual(301);
    expect(next1).toBe(300);
    const [first5, next5] = waitsAfterExploring(5);
    expect(first5).toBeGreaterThanOrEqual(300);
    expect(first5).toBeLessThanOrEqual(301);
    expect(next5).toBe(600);
  });

  it('a seeded burst Duo does not hold costs the burst, not what exploring found', () => {
    // Saved while exploring, with a burst of two (a probe Duo's refill let through looked like one):
    // the next run opens with two at once from a full mirror, and Duo, holding one, refuses the second.
    const bucket = new LearningBucket({ ...EXPLORER, ratePerMinute: 300, burst: 2, learnedAt: 0, exploredFrom: 200 }, 0);
    bucket.answered(0);
    const [first, second] = [sendAt(bucket, 0), sendAt(bucket, 0)];
    bucket.succeeded(first!, 40);
    bucket.rateLimited(second!, 41);
    expect(bucket.snapshot(41)).toMatchObject({ burst: 1, burstKnown: true, ratePerMinute: 300 });
    expect(bucket.learned().exploredFrom).toBe(200);
    // The rate still climbs from there while Duo keeps up.
    expect(pace(bucket, 5, { from: 41 }).rates.at(-1)).toBeGreaterThan(300);
    // A refilled request's 429 is about the rate, and still ends exploring.
    const { t } = pace(bucket, 1, { from: 2_000, accept: () => false });
    expect(bucket.snapshot(t)).toMatchObject({ ratePerMinute: 200 });
  });

  it("a probe's 429 ends the burst's search, not exploring: the rate climbs on", () => {
    // Saved while exploring, the burst still unbounded: the next run probes past it.
    const bucket = new LearningBucket({ ...EXPLORER, ratePerMinute: 240, burst: 2, burstKnown: false, learnedAt: 0, exploredFrom: 200 }, 0);
    bucket.answered(0);
    const [first, second] = [sendAt(bucket, 0), sendAt(bucket, 0)];
    bucket.succeeded(first!, 40);
    // The first answer places the refill: a probe may go beyond the two believed.
    const probe = bucket.reserve(40);
    expect(probe.probe).toBe(true);
    bucket.succeeded(second!, 41);
    bucket.rateLimited(probe, 80);
    // The burst is found; the pace is where it was, and still free to climb (it went back to 200 for good).
    expect(bucket.snapshot(80)).toMatchObject({ burst: 2, burstKnown: true, ratePerMinute: 240 });
    expect(bucket.learned().exploredFrom).toBe(200);
    expect(pace(bucket, 6, { from: 80 }).rates.at(-1)).toBeGreaterThan(240);
  });
});

describe('LearningBucket with a burst of one, climbing back after a cut', () => {
  it('stays a margin under the pace that met the 429, not the share accepted since the last one', () => {
    // Known burst of one, no exploring (ceiling = start). Requests go one after another, each as its
    // token refills, answered 40 ms later.
    const bucket = new LearningBucket({ ...START, ratePerMinute: 200, ceilingPerMinute: 200, burst: 1, burstKnown: true }, 0);
    bucket.answered(0);
    let t = 0;
    const send = (accept: boolean) => {
      const grant = bucket.reserve(t);
      for (let w = bucket.waitMs(grant, t); w > 0; w = bucket.waitMs(grant, t)) t += w;
      t += 40;
      if (accept) bucket.succeeded(grant, t);
      else bucket.rateLimited(grant, t);
      return bucket.snapshot(t).ratePerMinute;
    };
    // Duo at about half the pace: refused, accepted, refused. The second 429 cuts on two requests,
    // unsettled, so the rate climbs back 1% a success.
    send(false);
    send(true);
    const cut = send(false);
    expect(cut).toBeLessThan(150);
    let pace = cut;
    for (let i = 0; i < 10; i++) pace = send(true);
    expect(pace).toBeGreaterThan(cut * 1.09);
    // The climb meets Duo's interval: 10 accepted, 1 refused since the cut. Counting that share would
    // cut near 10/11 of the pace and below; Duo's interval lies just under where the climb stopped.
    expect(send(false)).toBeCloseTo(pace * 0.96, 6);
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

  it('settles under a server limit it was not told, and stops drawing 429s', async () => {
    // Duo allows 100/min (burst 5); the pacer starts from 200/min. One caller, reporting each answer.
    const clock = fakeClock();
    const pacer = new Pacer({ rates: { admin_get_page: 200 }, now: clock.now, sleep: clock.sleep });
    const server = new SimulatedDuoBucket(100, 5);
    const limitedAt: number[] = [];
    const servedAt: number[] = [];
    while (servedAt.length < 300) {
      const permit = await pacer.acquire(key);
      clock.advance(50);
      const allowed = server.take(clock.now()).allowed;
      clock.advance(50);
      if (allowed) {
        servedAt.push(clock.now());
        pacer.onSuccess(key, permit);
      } else {
        limitedAt.push(servedAt.length);
        pacer.onRateLimited(key, undefined, permit);
      }
    }
    const minutes = (servedAt.at(-1)! - servedAt[0]!) / 60_000;
    expect(servedAt.length / minutes).toBeLessThanOrEqual(101);
    expect(servedAt.length / minutes).toBeGreaterThan(85);
    expect(limitedAt.length).toBeLessThanOrEqual(4);
    expect(limitedAt.filter((served) => served > 50)).toEqual([]);
  });

  it('wakes the head of the queue to go as the probe once an answer lets one go, instead of waiting for a token', async () => {
    const clock = virtualClock();
    const started = clock.now();
    // 60/min and a burst not yet known: one token a second, and probes beyond it once Duo has answered.
    const pacer = new Pacer({ rates: { admin_get_page: 60 }, now: clock.now, sleep: clock.sleep });
    const first = await clock.run(pacer.acquire(key));
    expect(first?.probe).toBe(false);
    // No answer yet, so no probe: it queues for the next token, a second away.
    const queued = pacer.acquire(key);
    const answer = (async () => {
      await clock.sleep(50);
      pacer.onSuccess(key, first);
      return queued;
    })();
    const second = await clock.run(answer);
    expect(second?.probe).toBe(true);
    expect(clock.now() - started).toBe(50);
  });

  it('wakes the queue when a refused probe gives its token back: the next caller goes a token after the 429, not when it last reckoned', async () => {
    const clock = virtualClock();
    const started = clock.now();
    // 60/min, a burst not yet known: one token a second.
    const pacer = new Pacer({ rates: { admin_get_page: 60 }, now: clock.now, sleep: clock.sleep });
    const first = await clock.run(pacer.acquire(key));
    const grants: Array<{ at: number; permit: PacePermit | undefined }> = [];
    const queued = [pacer.acquire(key), pacer.acquire(key)].map((p) => p.then((permit) => grants.push({ at: clock.now() - started, permit })));
    const duo = (async () => {
      await clock.sleep(50);
      // The first answer lets the head go as a probe; the caller behind it reckons it two tokens away.
      pacer.onSuccess(key, first);
      await clock.sleep(50);
      // Duo refuses the probe (its burst is one): the probe's token comes back.
      expect(grants.map((g) => [g.at, g.permit?.probe])).toEqual([[50, true]]);
      pacer.onRateLimited(key, undefined, grants[0]!.permit);
      await Promise.all(queued);
    })();
    await clock.run(duo);
    // One token after the 429 (1.1 s), not the two the caller reckoned at 50 ms (2.05 s).
    expect(grants.map((g) => [g.at, g.permit?.probe])).toEqual([
      [50, true],
      [1100, false],
    ]);
  });

  it('refills from when an answer began to arrive, not from when its body had been read', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ rates: { admin_get_one: 60 }, burst: { admin_get_one: 1 }, now: clock.now, sleep: clock.sleep });
    // Headers at once; the body takes 600 ms more to come in and be read (a busy process, a big page).
    const slowBody = () =>
      new Response(
        new ReadableStream(
          {
            pull(controller) {
              clock.advance(600);
              controller.enqueue(new TextEncoder().encode(JSON.stringify({ stat: 'OK', response: {} })));
              controller.close();
            },
          },
          { highWaterMark: 0 },
        ),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    const duo = fakeDuo(() => slowBody());
    const admin = new DuoAdminClient({ ...CREDS, fetch: duo.fetch, pacing: pacer });
    await admin.settings.get();
    await admin.settings.get();
    // One token a second from the first answer's headers: 400 ms after its body was read, not a full second.
    expect(clock.waits).toEqual([400]);
  });

  it('tells the caller once each attempt holds its token (onPaced), before it is sent', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ rates: { admin_get_one: 60 }, burst: { admin_get_one: 1 }, now: clock.now, sleep: clock.sleep });
    const events: string[] = [];
    const duo = fakeDuo((_s, i) => {
      events.push(`sent ${i}`);
      return i === 0 ? fail(429, 42901, 'Too Many Requests') : ok({});
    });
    const admin = new DuoAdminClient({ ...CREDS, fetch: duo.fetch, pacing: pacer, retry: { sleep: clock.sleep, random: () => 0 } });
    await admin.call({ method: 'GET', path: '/admin/v1/settings', idempotent: true, endpointClass: 'admin_get_one', onPaced: () => events.push(`paced at ${clock.now()}`) });
    const t0 = Date.UTC(2026, 0, 1);
    // The retry after the 429 waits for its token (a second) and is paced again.
    expect(events).toEqual([`paced at ${t0}`, 'sent 0', `paced at ${t0 + 1000}`, 'sent 1']);
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

  it('retries a paced 429 through the pacer, not on the 1-32 s schedule', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ rates: { admin_get_one: 60 }, burst: { admin_get_one: 1 }, now: clock.now, sleep: clock.sleep });
    const duo = fakeDuo((_s, i) => (i === 0 ? fail(429, 42901, 'Too Many Requests') : ok({})));
    const retries: RetryInfo[] = [];
    const admin = new DuoAdminClient({ ...CREDS, fetch: duo.fetch, pacing: pacer, retry: { sleep: clock.sleep, random: () => 0 }, onRetry: (i) => retries.push(i) });
    await admin.settings.get();
    expect(duo.seen).toHaveLength(2);
    // One token interval at 60/min, not Duo's 1 s + jitter backoff on top of it.
    expect(clock.waits).toEqual([1000]);
    expect(retries).toMatchObject([{ reason: 'rate_limited', delayMs: 0, paced: true }]);
  });

  it('keeps the backoff schedule for unpaced classes', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ rates: { admin_get_one: Infinity }, now: clock.now, sleep: clock.sleep });
    const duo = fakeDuo((_s, i) => (i === 0 ? fail(429, 42901, 'Too Many Requests') : ok({})));
    const admin = new DuoAdminClient({ ...CREDS, fetch: duo.fetch, pacing: pacer, retry: { sleep: clock.sleep, random: () => 0 } });
    await admin.settings.get();
    expect(clock.waits).toEqual([1000]);
    expect(duo.seen).toHaveLength(2);
  });
});
