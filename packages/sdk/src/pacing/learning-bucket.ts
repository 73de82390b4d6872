import { burstFromFullRun, decideRate, rateLowerBound, RATE_MARGIN } from './estimate-rate.js';

/** One request's place in a bucket, from `reserve` to its answer. */
export interface BucketGrant {
  /** Place in the first-come first-served queue; -1 for a probe, which skips it. */
  readonly ticket: number;
  /** Sent beyond the believed burst, to find out whether Duo's is larger (a waiter may become one). */
  probe: boolean;
  /** Tokens the bucket believed it held when this was granted (2 or more: drawn from a saved burst). */
  readonly tokensBefore: number;
  /** The token interval (ms) at the pace it was granted under. */
  readonly intervalMs: number;
  /** Epoch ms the request left (when its wait ended); until then, when it was reserved. */
  sentAt: number;
  released: boolean;
  /** Sent on a token the mirror refilled, not one of the burst it held when last full (set on release). */
  refilled: boolean;
  /** The caller had to wait for its token, queued or outside (see `HELD_BACK_TOKENS`): pacing held it back. */
  heldBack: boolean;
  /** Sent on refill the mirror counted from before its anchoring answer came (see `answered`). */
  earlyAnchored?: boolean;
}

/** How a bucket starts. */
export interface BucketStart {
  /** The rate to start at (Duo's published one, or one learned earlier), per minute. */
  ratePerMinute: number;
  /** Never pace faster than this, per minute: a fresh bucket climbs toward it while Duo accepts. */
  ceilingPerMinute: number;
  /**
   * Duo's published rate, per minute, when the ceiling is above it: probing counts refill at the
   * faster of this and the pace (see `succeeded`). Default: the ceiling.
   */
  publishedPerMinute?: number;
  /** The burst to start from. */
  burst: number;
  /** Whether the burst is known (configured or learned): known bursts are not probed. */
  burstKnown: boolean;
  /** Probing never grows the burst past this. */
  maxBurst: number;
  /** The rate never falls below this, per minute. */
  floorPerMinute: number;
  /** When the starting model was learned (epoch ms), for state seeded from an earlier run. */
  learnedAt?: number;
  /**
   * For seeded state saved while the bucket was still exploring above where it began (no 429 had
   * bounded its rate): the rate exploring began at, Duo's accepted one. It climbs on, and a 429
   * takes it back there. Absent: the learned rate is where to stay.
   */
  exploredFrom?: number;
}

/** A bucket's state, for tests, metrics, persistence and debugging. */
export interface BucketSnapshot {
  /** The ceiling: the fastest this bucket may pace (twice Duo's published rate unless configured otherwise). */
  configuredPerMinute: number;
  /** The learned pacing rate. */
  ratePerMinute: number;
  /** Tokens now; negative means callers are queued. */
  tokens: number;
  /** The learned burst. */
  burst: number;
  /** Whether a 429 (or the configuration) has bounded the burst. */
  burstKnown: boolean;
  /** Epoch ms before which no token is granted (Retry-After), or 0. */
  pausedUntil: number;
  /** 429s this bucket has met. */
  rateLimited: number;
  /**
   * Whether a request may go beyond the burst to probe it (see `LearningBucket`): `ready`, `reserve`
   * would grant one now; `pending`, the burst is still being probed but the next probe waits for an
   * answer (the bucket's first, or the probe in flight); `off`, the burst is known or at its most.
   * A caller that waits for tokens before reserving must also look here, or the burst is never probed.
   */
  probe: BucketProbe;
}

/** Whether a bucket would let a request probe its burst: see `BucketSnapshot.probe`. */
export type BucketProbe = 'ready' | 'pending' | 'off';

/** What the bucket saw since Duo's bucket was last seen empty (a 429). */
interface Epoch {
  /** The reference 429's send and answer times. */
  sentAt: number;
  answeredAt: number;
  /** Acceptances that surely reached Duo after it (sent after its answer). */
  accepted: number;
  /** Later 429s that said "too fast" (sent after it was answered). */
  limited: number;
  /** When the latest 429 counted here was answered: requests sent before it met the same empty bucket. */
  lastAnsweredAt: number;
  /** The proven lower bound on Duo's rate, per minute. */
  lower: number;
  /** The token intervals of the counted requests summed: the time they took at our pace, ms. */
  pacedMs: number;
}

// The most probes out at once (see `LearningBucket.probeWindow`): for a burst an earlier run left
// unbounded, and for a bucket that starts knowing nothing.
const MAX_PROBE_WINDOW = 4;
const MAX_FRESH_PROBE_WINDOW = 2;
// Share of the rate regained per success while climbing back after a blind cut.
const CLIMB_PER_SUCCESS = 0.01;
// Share of the rate gained per success while exploring above where the bucket started, with callers
// waiting: Duo's published rates are old quotes, and an account allowed twice as many is found within
// a run of 11 pages (4 to begin, then 1.1^7 ~ 2). Overshooting costs a 429 and ends exploring.
const EXPLORE_PER_SUCCESS = 0.1;
// Refilled tokens Duo must accept in a row before exploring begins: one or two can be luck (a
// partial token, jitter), and the rate exploring begins at is where a 429 takes it back to.
const EXPLORE_AFTER = 4;
// A request that took its token within this share of a token after it refilled (counting refill a
// full bucket threw away) was waiting for it, though outside the queue: callers that wait on
// `snapshot()` (as the hub's fleet scan does, so as not to hold a page slot in the queue) reserve the
// moment the mirror holds a token, late only by their timer. Pacing holds them back as much as a
// queued caller, so exploring is worth as much; a caller that came later set the pace itself.
const HELD_BACK_TOKENS = 0.25;
// When an answer anchors the refill (see `answered`), the share of the bucket's quickest round trip
// by which the anchor is placed before the answer: Duo counted the request on its way, before
// answering. Safe while this answer's return trip plus the next request's outward trip take at
// least this much, which half the quickest whole round trip leaves room for; a 429 on a request
// that relied on it turns it off for the bucket (see `rateLimited`).
const ANCHOR_EARLY_SHARE = 0.5;

/**
 * A token bucket that mirrors Duo's bucket for one (host, account, class) and learns its rate and
 * burst from how Duo answers. Callers take tickets and are served first come first served; a
 * waiter recomputes its time whenever it wakes, so a 429 that lowers the rate re-times the whole
 * queue instead of letting requests timed at the old rate run into Duo's empty bucket.
 *
 * Learning, and why:
 * - Burst: starts small (a too-small guess costs a few hundred ms once; a too-large one a 429), and
 *   while no 429 has bounded it, one request at a time may go beyond it (a probe: a new caller, or
 *   the head of the queue); each probe Duo accepts beyond what its refill explains adds one. The
 *   probes out at once start at one and grow with each acceptance (see `probeWindow`), so finding
 *   the burst costs a few 429s at once, not one per concurrent caller.
 *   A probe spends a token like any request, so the mirror never counts one Duo has not got.
 * - Timing: the mirror refills as Duo does, from when Duo's bucket last left full, which only an
 *   answer places, less part of a round trip (see `answered`); and it never holds more than the
 *   burst, however many callers wait, since Duo's bucket does not.
 * - Rate: a 429 means Duo's bucket is empty. From then on Duo accepts only what its rate refills,
 *   so the share of our paced requests it accepts measures that rate (`decideRate`); acceptances
 *   also prove a lower bound. The first 429 after a full bucket says nothing about the rate (the
 *   burst ran out), so it only starts the measurement; 429s of requests already in flight when one
 *   was answered met the same empty bucket and count once.
 * - Above the start: Duo's published rates are old quotes, so until a 429 bounds the rate, a bucket
 *   Duo keeps up with explores toward its ceiling (see `keptUpWith`); the first 429 takes it back to
 *   where exploring began, for good.
 * - After a 429 the next request waits one token interval at the learned rate (or exactly
 *   Retry-After when Duo sends one), never an exponential schedule: under pacing a 429 means
 *   "slightly too fast", which the estimate already corrects.
 * Pure over the clock values passed in, so it is tested with plain numbers.
 */
export class LearningBucket {
  private rate: number;
  private burst: number;
  private burstKnown: boolean;
  /** Tokens ever credited; tokens = credit - issued. */
  private credit: number;
  private issued = 0;
  private waiting = 0;
  /** Refill the cap threw away since a request last left (tokens): how long the bucket sat full unused. */
  private overflow = 0;
  private last: number;
  /**
   * Whether the mirror refills. Duo's bucket starts refilling (at first, and again whenever it was
   * full) when a request reaches it, which we do not see: until an answer places that moment, the
   * mirror waits (see `answered`).
   */
  private anchored = false;
  /** When the mirror last left a full bucket (epoch ms): only an answer to a request sent since anchors it. */
  private drainedAt = Number.NEGATIVE_INFINITY;
  /** Requests sent since the mirror was last full (probes aside): past the burst, each spends a refilled token. */
  private leftSinceFull = 0;
  /** Whether any answer has come, for callers that never report one (see `waitMs`). */
  private heard = false;
  /** The quickest round trip (send to answer) seen, ms. */
  private quickestRtt = Number.POSITIVE_INFINITY;
  /** Whether answers may anchor the refill early (see `ANCHOR_EARLY_SHARE`): not once a request sent so met a 429. */
  private anchorEarly = true;
  /** Whether the refill was last anchored before its answer. */
  private anchoredEarly = false;
  /** A token to take from the mirror once the next request leaves (see `rateLimited`). */
  private tokenOwed = false;
  private pausedUntil = 0;
  /** Probes out now: at most `probeWindow`. */
  private probesOut = 0;
  /**
   * Probes that may be out at once. One at first; each accepted probe lets one more go at once, up
   * to `MAX_PROBE_WINDOW` for a bucket seeded with a burst no 429 had bounded (Duo accepted that
   * many at once in an earlier run, and maybe more), so the probes double every round trip, as a
   * TCP connection's slow start; up to `MAX_FRESH_PROBE_WINDOW` for a bucket that knows nothing yet.
   * One at a time, a burst of 20 took a round trip a token to find, and a short scan ended first
   * (bench:pacer, 10 seeds: a fresh bucket's first run 4.3-4.8x the pacer told the limits; 2.7-2.9x
   * with two at once, 2.1-2.3x with four). The cost is the window's overshoot where the burst ends:
   * a 429 more at once per account, once (at burst 5 and 100/min a first run met 114 429s over 40
   * accounts instead of 81, and none after); with four at once, 184, and the convergence tests' four
   * 429s an account were passed. The overshoot's 429s met the same empty bucket and count once, and
   * the window's probes Duo accepted but answered after the first refusal still count toward the
   * burst (see `rateLimited`).
   */
  private probeWindow = 1;
  private epoch: Epoch | undefined;
  /** Requests accepted since the bucket was last full, to bound the burst on a 429 within it. */
  private sinceFull = 0;
  /** When the earliest of those was sent (epoch ms); undefined while there are none. */
  private sinceFullFrom: number | undefined;
  /** When it reached Duo, as far as we know: the middle of its send and answer. */
  private sinceFullArrival = 0;
  private limited = 0;
  /** When the latest 429 was answered (epoch ms): requests sent before it met the same empty bucket. */
  private lastLimitedAt = Number.NEGATIVE_INFINITY;
  /** When Duo last answered an acceptance (epoch ms): that request had reached Duo and taken its token. */
  private lastAcceptedAt = Number.NEGATIVE_INFINITY;
  /**
   * The last run from a full bucket to a 429: what Duo accepted in it, from the first send to the
   * 429's arrival (its send and answer's midpoint). Its burst is what that run leaves once the rate
   * is known (see `learnRate`): probing alone, one request at a time and refilled at the ceiling
   * rate, stops short of it whenever Duo's rate is below the ceiling. Requests sent before the 429
   * was answered and accepted after (round trips overlap) belong to the run too, even those sent
   * after the refused one: Duo may have taken them first, or on refill, which the span reaching their
   * arrival discounts once the rate is known. Counting only those sent before the refused one kept
   * one account in 400 at a burst of 4 against Duo's 5 for good, and every later run of its fleet
   * 1.19x the pacer told the limits instead of 1.03x (bench:pacer --seeds 10, 100/min, burst 5).
   */
  private fullRun: { accepted: number; from: number; until: number; answeredAt: number } | undefined;
  /**
   * After a request drawn from the believed burst met a 429, the burst is cut to the acceptances
   * answered by then (`accepted`); a request sent no later than the refused one, or so little later
   * that it may have overtaken it on the way (`overtakeMs`, see `overtakeMs()`), and accepted after
   * its answer found a token of the same opening and counts too, up to one less than was believed
   * (`cap`). The answers of an opening sent at once come back in any order: counting only those
   * ahead of the 429 cut a burst of 5 to 2 (a simulated Duo at 400/min, 11 pages an account), and
   * a known burst is never probed again. Likewise after a probe's 429 ends probing (`probes`: there
   * the late acceptances are probes of the same window, and nothing caps them but the most burst, so
   * the count, which runs from the first acceptance's arrival `from`, has that run's refill taken off).
   */
  private openingCut: { sentBy: number; overtakeMs: number; cap: number; accepted: number; probes?: boolean; from?: number } | undefined;
  /** The rate to climb back to while Duo accepts: the ceiling until a 429 says otherwise. */
  private climbTo: number;
  /** Climbing back after a cut made on few requests (not toward the ceiling): a 429 ends it. */
  private recovering = false;
  /** The rate exploring upward began at (see `succeeded`), once it has. */
  private exploredFrom: number | undefined;
  /** Requests on refilled tokens Duo accepted since its last 429. */
  private keptUp = 0;
  private changedAt: number;

  constructor(
    private readonly start: BucketStart,
    now: number,
  ) {
    this.rate = Math.min(start.ratePerMinute, start.ceilingPerMinute);
    this.burst = Math.max(1, start.burst);
    this.burstKnown = start.burstKnown;
    this.credit = this.burst;
    this.last = now;
    this.changedAt = start.learnedAt ?? now;
    // A rate learned in an earlier run is where to stay, unless it was still exploring upward then;
    // a fresh bucket may climb to its ceiling.
    const stays = start.learnedAt !== undefined && start.exploredFrom === undefined;
    this.climbTo = stays ? this.rate : start.ceilingPerMinute;
    this.exploredFrom = start.exploredFrom;
  }

  /** Takes a place: a grant that may go now (`waitMs` 0) or after waiting its turn. */
  reserve(now: number): BucketGrant {
    this.refill(now);
    const ticket = this.issued;
    const tokensBefore = this.credit - ticket;
    if (tokensBefore >= 1) {
      const heldBack = tokensBefore + this.overflow < 1 + HELD_BACK_TOKENS;
      const earlyAnchored = this.anchoredEarly;
      const refilled = this.leave(tokensBefore, now);
      this.issued += 1;
      return { ticket, probe: false, tokensBefore, intervalMs: this.intervalMs(), sentAt: now, released: true, refilled, heldBack, earlyAnchored };
    }
    if (this.probeState() === 'ready') {
      // A probe spends a token like any request, outside the queue (it takes no ticket): if Duo
      // accepts it because it holds more than we believed, `succeeded` gives the token found back;
      // if Duo's refill paid for it, the mirror is one token poorer, as Duo is.
      this.probesOut += 1;
      this.credit -= 1;
      return { ticket: -1, probe: true, tokensBefore, intervalMs: this.intervalMs(), sentAt: now, released: true, refilled: false, heldBack: true };
    }
    this.issued += 1;
    this.waiting += 1;
    return { ticket, probe: false, tokensBefore, intervalMs: this.intervalMs(), sentAt: now, released: false, refilled: false, heldBack: true };
  }

  /** Milliseconds the grant must still wait; 0 releases it (it is being sent now). */
  waitMs(grant: BucketGrant, now: number): number {
    if (grant.released) return 0;
    // Woken before any answer ever came (a caller that never reports one): refill from its own request.
    if (!this.heard && !this.anchored && now > grant.sentAt) {
      this.anchored = true;
      this.last = Math.max(this.last, grant.sentAt);
    }
    this.refill(now);
    const need = grant.ticket + 1 - this.credit;
    if (need <= 1e-9) return this.release(grant, now);
    // The head of the queue goes as a probe when one may go: waiting for a token instead would keep
    // the burst at its first guess for as long as callers queue (a caller that sleeps until its
    // token must be woken for this when `snapshot().probe` turns ready, as `Pacer` does). Its ticket
    // is already counted, as a probe's token is (see `reserve`).
    if (grant.ticket === this.sent() && this.probeState() === 'ready') {
      this.probesOut += 1;
      grant.probe = true;
      return this.release(grant, now);
    }
    return Math.max(1, Math.ceil((need * 60_000) / this.rate));
  }

  /** A waiting grant goes now (its wait is 0). */
  private release(grant: BucketGrant, now: number): 0 {
    grant.earlyAnchored = this.anchoredEarly;
    grant.refilled = this.leave(this.credit - grant.ticket, now);
    grant.released = true;
    grant.sentAt = now;
    this.waiting -= 1;
    return 0;
  }

  /** Tickets already sent: the queue's head holds this one (waiters hold the tickets after it). */
  private sent(): number {
    return this.issued - this.waiting;
  }

  /** Gives back the place of a caller that gave up before sending. */
  cancel(grant: BucketGrant, now: number): void {
    if (grant.released) return;
    this.refill(now);
    grant.released = true;
    this.waiting -= 1;
    // Everyone behind moves up one place.
    this.credit += 1;
  }

  /**
   * Duo answered (any status, or the attempt failed). The answer to the first request since the
   * bucket left full anchors the refill: that request reached Duo, and Duo's refill began, somewhere
   * between its send and its answer. The next request sent on that refill reaches Duo after its own
   * outward trip, so the anchor may lie before the answer by as much as this answer's return trip
   * plus that outward trip, which we cannot see apart; half the quickest round trip seen is taken
   * (`ANCHOR_EARLY_SHARE`). Anchoring at the answer less the whole quickest round trip was tried: a
   * quickest measured under load is no floor, and later requests that travelled faster met an empty
   * bucket. What is left costs part of a round trip of refill each time the bucket leaves full: once
   * a run, and before every request with a burst of one.
   */
  answered(now: number, sentAt?: number): void {
    this.heard = true;
    const rtt = sentAt === undefined ? undefined : now - sentAt;
    if (rtt !== undefined && rtt >= 0) this.quickestRtt = Math.min(this.quickestRtt, rtt);
    if (!this.anchored && (sentAt === undefined || sentAt >= this.drainedAt)) {
      this.anchored = true;
      // Only with a burst of one, where every request leaves a full bucket and waits on this: with a
      // larger burst it happens once a run, and a 429 in a drain could not tell it from the rate.
      const early = !this.anchorEarly || rtt === undefined || rtt < 0 || this.burst !== 1 ? 0 : Math.min(rtt, this.quickestRtt) * ANCHOR_EARLY_SHARE;
      this.anchoredEarly = early > 0;
      this.last = Math.max(this.last, now - early);
    }
  }

  /** The request was not answered at all (connection failure): a probe slot is freed. */
  abandoned(grant: BucketGrant, now: number): void {
    this.answered(now);
    if (grant.probe) this.probeBack();
  }

  /** Duo accepted the request (any answer but 429). */
  succeeded(grant: BucketGrant, now: number): void {
    this.answered(now, grant.sentAt);
    this.refill(now);
    this.lastAcceptedAt = Math.max(this.lastAcceptedAt, now);
    this.sinceFull += 1;
    // When it reached Duo, as far as we know.
    const arrival = (grant.sentAt + now) / 2;
    if (this.sinceFullFrom === undefined || grant.sentAt <= this.sinceFullFrom) {
      this.sinceFullFrom = grant.sentAt;
      this.sinceFullArrival = arrival;
    }
    const cut = this.openingCut;
    if (cut && (!grant.probe || cut.probes === true) && grant.sentAt <= cut.sentBy + cut.overtakeMs) {
      cut.accepted += 1;
      // Duo refilled since the refused request reached it, and a later arrival may have taken such a
      // token: whole tokens that could have refilled by this answer do not count as burst (measured:
      // an emulator at 600/min, burst 5, answers spread over 150 ms by a busy machine, counted 6).
      // After probing, the acceptances counted reach back to the run's start, so the refill since
      // then is taken off, as for a probe (see below): a hub reading answers late probed for a second
      // or more, and counting that run's refill as burst stored 8 and 9 against Duo's 5.
      // (No acceptance answered before the 429: the run starts at the earliest arrival counted here.)
      if (cut.probes === true) cut.from = Math.min(cut.from ?? arrival, arrival);
      const shown =
        cut.from === undefined
          ? cut.accepted - Math.floor(((now - cut.sentBy) * this.mostRefill()) / 60_000)
          : burstFromFullRun(cut.accepted, arrival - cut.from, this.mostRefill());
      this.burst = Math.max(this.burst, Math.min(cut.cap, shown));
    }
    const run = this.fullRun;
    if (run && grant.sentAt < run.answeredAt) {
      // Sent before the 429 was answered, so before the mirror could act on it: part of the run, its
      // arrival (taken at the middle) perhaps after the refused one's, so the span reaches it too and
      // the rate's refill over it is discounted (see `burstFromFullRun`).
      run.accepted += 1;
      run.from = Math.min(run.from, arrival);
      run.until = Math.max(run.until, arrival);
    }
    if (grant.probe) {
      this.probeBack();
      if (!this.start.burstKnown) this.probeWindow = Math.min(this.start.learnedAt === undefined ? MAX_FRESH_PROBE_WINDOW : MAX_PROBE_WINDOW, this.probeWindow + 1);
      // Duo refilled while the probes went out, so an accepted probe proves a larger burst only when
      // the acceptances outnumber the burst plus that refill (at the ceiling, the most it can be):
      // counting refill as burst would make every later run open with more requests than Duo holds,
      // each extra one a 429. The refill runs from the first send to the probe's arrival, which lies
      // between its send and this answer: the midpoint, since a burst one too small costs a token
      // interval per run for good while one too large costs a 429 once (see `rateLimited`).
      const refilled = ((arrival - this.sinceFullFrom) * this.mostRefill()) / 60_000;
      if (this.sinceFull - refilled > this.burst && this.burst < this.start.maxBurst) {
        this.burst += 1;
        // The probe spent the token just found, not one the mirror had counted.
        this.credit += 1;
        this.changedAt = now;
      }
    }
    // After a blind cut (the true rate lies somewhere below the one that met the 429): climb back
    // while Duo keeps accepting; overshooting costs one 429, which is then measured over a long
    // stretch. Below the ceiling with no 429 on the rate yet (Duo's published rates are 2019 quotes,
    // and an account may be allowed more): explore upward while Duo keeps up (see `keptUpWith`).
    if (this.climbing()) this.rate = Math.min(this.climbTo, this.rate * (1 + CLIMB_PER_SUCCESS));
    else if (this.keptUpWith(grant)) {
      this.exploredFrom ??= this.rate;
      this.rate = Math.min(this.climbTo, this.rate * (1 + EXPLORE_PER_SUCCESS));
    }
    const epoch = this.epoch;
    if (!epoch) return;
    if (grant.sentAt >= epoch.answeredAt) {
      epoch.accepted += 1;
      epoch.pacedMs += grant.intervalMs;
      epoch.lower = Math.max(epoch.lower, rateLowerBound(epoch.accepted, now - epoch.sentAt));
    }
  }

  /** Duo answered 429 (with Retry-After in ms when it sent one). */
  rateLimited(grant: BucketGrant, now: number, retryAfterMs?: number): void {
    this.answered(now, grant.sentAt);
    this.refill(now);
    this.limited += 1;
    this.keptUp = 0;
    this.changedAt = now;
    if (grant.probe) {
      this.probeBack();
      // Refused, so it spent nothing at Duo: take back the token it was charged.
      this.credit += 1;
    }
    // A request the mirror sent on a refilled token (past the burst since it was last full) met an
    // empty bucket although the burst was already known: the refill was too fast. Slow down a little,
    // and stay there (the climb, if any, ends): with a known burst, nothing else would tell the rate,
    // since each such 429 follows a full bucket and the measurement below starts over after it.
    const pacedTooFast = this.burstKnown && grant.refilled && !this.epoch;
    // Climbing back after a cut made on few requests: a 429 ends the climb just under where it met
    // it, whatever the epoch says (with a burst of one every 429 follows a full bucket, so the
    // measurement below would never stop it, and each step up would cost a 429).
    const climbMetIts429 = this.climbing();
    // Drawn from the burst the mirror believed saved up (not a refilled token) with more than one
    // believed: Duo holds fewer, which says nothing about its rate. (With a burst of one the only
    // such request leaves a full mirror, and its 429 says Duo had not refilled: the rate.)
    const fromBurst = !grant.probe && (grant.tokensBefore >= 2 || (!grant.refilled && this.burst >= 2));
    // Sent before the last 429 was answered: it met the same empty bucket, which that 429 already
    // told of (the rest of an opening sent at once, answered after the first of its 429s).
    const sameEmptyBucket = grant.sentAt < this.lastLimitedAt;
    // Exploring above where it began met Duo's limit: Duo's banked tokens may have hidden the
    // crossing for several steps, so go back to where exploring began, which Duo had accepted. Not
    // for a burst believed too large: the next run of a bucket that explored would otherwise open
    // with its seeded burst, meet the 429 that corrects it, and lose all it had explored. Nor for
    // the rest of such an opening: once its first 429 has cut the burst, its last requests no longer
    // look drawn from one, and ended exploring at the published rate (a Duo at 400/min kept at 200).
    // Nor for a probe: it went past the believed burst on purpose, and its 429 tells where the burst
    // ends, not the rate (it kept three accounts of forty at 200 for good against a Duo at 400).
    const exploreEnded = this.exploredFrom !== undefined && this.exploring() && !grant.probe && !fromBurst && !sameEmptyBucket;
    // Sent on refill counted from before an answer: its trip may have been quicker than the anchor
    // allowed for, so anchor at answers from now on. Not when this 429 moves the pace (exploring or
    // a climb ends, or a refilled token was paced too fast): with a burst of one an early anchor only
    // shortens every spacing alike, as a faster pace would, and a 429 cannot tell the two apart;
    // correcting both would leave the pace a round trip's worth too slow. Were the anchor at fault,
    // the next 429 would still say so.
    const paceMoves = exploreEnded || climbMetIts429 || pacedTooFast;
    if (grant.earlyAnchored && !grant.probe && !paceMoves && !sameEmptyBucket) this.anchorEarly = false;
    if (exploreEnded) this.stayAt(this.exploredFrom!);
    else if (pacedTooFast || climbMetIts429) this.stayAt(this.marginUnder());
    // A probe refused while probing: the burst ends here. Probes sent before it and accepted, but
    // answered after it (answers come back out of order), were drawn from the same opening: each
    // still counts toward the burst, less what Duo may have refilled meanwhile (see `succeeded`).
    if (grant.probe && !sameEmptyBucket && !this.burstKnown) this.openingCut = { sentBy: grant.sentAt, overtakeMs: this.overtakeMs(grant, now), cap: this.start.maxBurst, accepted: this.sinceFull, probes: true, ...(this.sinceFullFrom === undefined ? {} : { from: this.sinceFullArrival }) };
    // Duo is empty: whatever the burst is, it has been found (or exceeded), so stop probing.
    this.burstKnown = true;
    // A request drawn from saved-up tokens met an empty bucket: Duo keeps fewer than we believed.
    // Once per empty bucket: by the same bucket's later 429s the count of acceptances has started
    // over (each would cut to one).
    if (fromBurst && !sameEmptyBucket) {
      // To what Duo accepted of the opening so far; requests sent with it and answered later may
      // still show more (see `openingCut`).
      const cap = Math.max(1, this.burst - 1);
      this.burst = Math.max(1, Math.min(cap, this.sinceFull));
      this.openingCut = { sentBy: grant.sentAt, overtakeMs: this.overtakeMs(grant, now), cap, accepted: this.sinceFull };
    }
    if (exploreEnded) {
      // Nothing to measure here (the requests counted were paced faster than the rate now kept), and
      // measuring from this 429 would read the jitter of pacing at exactly Duo's rate as a slower Duo.
      this.epoch = undefined;
      this.fullRun = undefined;
    } else {
      if (!this.epoch && this.sinceFull > 0 && this.sinceFullFrom !== undefined) {
        this.fullRun = { accepted: this.sinceFull, from: this.sinceFullArrival, until: (grant.sentAt + now) / 2, answeredAt: now };
      }
      // With a burst of one Duo banks nothing: each request is accepted exactly when it arrives a
      // token interval or more after the last, so a climb that met its 429 found Duo's interval, and
      // the share accepted since the last 429 measures only the jitter around it (counting it cut a
      // Duo at 100/min to 82 here). The climb's stop, a margin under it, is the measure.
      this.learnRate(grant, now, climbMetIts429 && this.burst === 1);
    }
    this.lastLimitedAt = Math.max(this.lastLimitedAt, now);
    this.sinceFull = 0;
    this.sinceFullFrom = undefined;
    // Tickets not yet sent restart from an empty bucket: the next waits one interval, or Retry-After.
    const sent = this.sent();
    if (retryAfterMs !== undefined && retryAfterMs > 0) {
      // Duo refills while we pause, and the count will include those tokens: time them too.
      if (this.epoch) this.epoch.pacedMs += Math.max(0, retryAfterMs - this.intervalMs());
      this.credit = sent + 1 - (retryAfterMs * this.rate) / 60_000;
      this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
      // Refilling from this answer now, not from an earlier anchor.
      this.last = now;
    } else {
      this.credit = Math.min(this.credit, sent);
      // Likewise, except after exploring: from the last acceptance's answer (see `refillAfterExploring`).
      this.last = exploreEnded ? this.refillAfterExploring(now) : now;
      // After exploring, one token more: Duo banks it while we wait, and it absorbs the jitter of
      // pacing at a rate Duo holds exactly, as the bucket did before exploring emptied it. Owed
      // after the next request leaves rather than before: the retry is often an account's last
      // page, and a run's end need not wait for a buffer only later requests use. Not with a burst
      // of one: Duo's bucket holds no second token, so the wait would be an interval lost.
      if (exploreEnded && this.burst > 1) this.tokenOwed = true;
    }
    this.anchoredEarly = false;
  }

  /**
   * Where the refill restarts after the 429 that ends exploring, the bucket now at the rate exploring
   * began at, which Duo had kept up with. Duo's bucket held no less than nothing when it took the last
   * accepted request's token, and that request had reached it before its answer came: the next token
   * is there at the latest one interval after that answer, however the trips varied. Counting from
   * the 429's answer instead waited out the explored interval and the 429's round trip again, at the
   * end of a run, where this 429 tends to fall. At most one token is counted as already refilled.
   */
  private refillAfterExploring(now: number): number {
    return Math.min(now, Math.max(this.lastAcceptedAt, now - this.intervalMs()));
  }

  /**
   * How much later than a refused request another may have been sent and still reached Duo first:
   * half the quickest round trip seen (no quicker outward trip is likely), at most half the refused
   * one's own. Requests of one opening leave within a few ms of each other, and their trips vary by
   * more. Without it, a probe sent 4 ms after the refused one and taken first kept a burst of 5 at
   * 4 (a simulated Duo at 100/min): a burst one short costs a token interval in every later run.
   */
  private overtakeMs(refused: BucketGrant, now: number): number {
    return Math.max(0, Math.min(this.quickestRtt, now - refused.sentAt)) / 2;
  }

  /** The learned model, for persistence. */
  learned(): { ratePerMinute: number; burst: number; burstKnown: boolean; exploredFrom?: number; learnedAt: number } {
    // No 429 has bounded the rate yet, so the live bucket may still explore above it, whether it has
    // begun or not (a short run ends before four refilled tokens): say so, or a process started from
    // this state would stay at a rate the live bucket leaves on its next run.
    const exploredFrom = this.exploring() ? (this.exploredFrom ?? this.rate) : undefined;
    return {
      // A climb still under way is kept where its 429 would have left it (see `onFull`).
      ratePerMinute: this.climbing() ? this.marginUnder() : this.rate,
      burst: this.burst,
      burstKnown: this.burstKnown,
      ...(exploredFrom === undefined ? {} : { exploredFrom }),
      learnedAt: this.changedAt,
    };
  }

  /** The bucket's state now. */
  snapshot(now: number): BucketSnapshot {
    this.refill(now);
    return {
      configuredPerMinute: this.start.ceilingPerMinute,
      ratePerMinute: this.rate,
      tokens: this.credit - this.issued,
      burst: this.burst,
      burstKnown: this.burstKnown,
      pausedUntil: this.pausedUntil,
      rateLimited: this.limited,
      probe: this.probeState(),
    };
  }

  private probeState(): BucketProbe {
    if (this.burstKnown || this.burst >= this.start.maxBurst) return 'off';
    return this.probesOut >= this.probeWindow || !this.anchored ? 'pending' : 'ready';
  }

  /** A probe was answered (or got no answer): its place in the window is free. */
  private probeBack(): void {
    this.probesOut = Math.max(0, this.probesOut - 1);
  }

  private learnRate(grant: BucketGrant, now: number, paceIsTheMeasure = false): void {
    const epoch = this.epoch;
    if (!epoch) {
      // The first 429 after a full bucket: the burst ran out, which says nothing about the rate.
      // Measuring starts here.
      this.epoch = { sentAt: grant.sentAt, answeredAt: now, accepted: 0, limited: 0, lastAnsweredAt: now, lower: 0, pacedMs: 0 };
      return;
    }
    // Sent before the last 429 was answered: the same empty bucket, nothing new about the rate.
    if (grant.sentAt < epoch.lastAnsweredAt) return;
    if (paceIsTheMeasure) {
      this.epoch = { ...epoch, accepted: 0, limited: 0, pacedMs: 0, sentAt: grant.sentAt, answeredAt: now, lastAnsweredAt: now };
      return;
    }
    epoch.limited += 1;
    epoch.pacedMs += grant.intervalMs;
    epoch.lastAnsweredAt = now;
    const before = this.rate;
    const decision = decideRate({
      current: before,
      accepted: epoch.accepted,
      limited: epoch.limited,
      pacedMs: epoch.pacedMs,
      elapsedMs: grant.sentAt - epoch.sentAt,
      burst: this.burst,
      lower: epoch.lower,
      floor: this.start.floorPerMinute,
    });
    this.rate = decision.rate;
    // With a rate to refill at, the run that emptied the bucket tells the burst (only ever raising it:
    // a 429 on a request drawn from the burst lowers it, in `rateLimited`). Once: a later, lower rate
    // (Duo slowing down) would otherwise turn the same old run into an ever larger burst.
    const run = this.fullRun;
    if (run) {
      const shown = Math.min(this.start.maxBurst, burstFromFullRun(run.accepted, run.until - run.from, this.rate));
      if (shown > this.burst) this.burst = shown;
      this.fullRun = undefined;
    }
    // A decision on few requests may have cut too deep (one jittered arrival looks like a slow
    // Duo): climb back toward just under the rate that met the 429 while Duo accepts; a settled one
    // stays. Either way counting restarts at the new rate, so the next estimate measures it alone.
    this.climbTo = decision.settled ? this.rate : Math.max(this.rate, Math.min(this.climbTo, before * (1 - RATE_MARGIN)));
    this.recovering = this.climbTo > this.rate;
    this.epoch = { ...epoch, accepted: 0, limited: 0, pacedMs: 0, sentAt: grant.sentAt, answeredAt: now };
  }

  /**
   * Counts an acceptance that shows Duo keeping up with the pace, and says whether the rate may
   * explore upward on it. Only acceptances past the known burst count, on refilled tokens (Duo's
   * banked burst would hide a crossing, and a climb through a burst of 20 overshoots a slow Duo
   * several times over; with a burst of one Duo banks nothing, so all count), four in a row since the
   * last 429, and only while callers wait (a pace nobody waits on proves nothing): queued, or this
   * request itself, sent as soon as its token refilled (see `HELD_BACK_TOKENS`).
   */
  private keptUpWith(grant: BucketGrant): boolean {
    if (!this.burstKnown || !(grant.refilled || this.burst === 1)) return false;
    this.keptUp += 1;
    return this.keptUp >= EXPLORE_AFTER && this.exploring() && (this.waiting > 0 || grant.heldBack);
  }

  /** Still below the ceiling with no 429 having bounded the rate: a success on a refilled token may raise it. */
  private exploring(): boolean {
    return !this.recovering && this.rate < this.climbTo;
  }

  /** Climbing back toward the rate that met a 429, after a cut made on few requests. */
  private climbing(): boolean {
    return this.recovering && this.rate < this.climbTo;
  }

  /** Paces at `rate` from now on: any climb ends there. */
  private stayAt(rate: number): void {
    this.rate = rate;
    this.climbTo = rate;
    this.recovering = false;
  }

  /** The fastest Duo can be refilling, as far as we know: its published rate, or our pace if faster (Duo accepted it). */
  private mostRefill(): number {
    return Math.max(this.start.publishedPerMinute ?? this.start.ceilingPerMinute, this.rate);
  }

  private intervalMs(): number {
    return 60_000 / this.rate;
  }

  /**
   * A request leaves with `tokens` in the mirror: from a full bucket, the refill waits for its answer
   * (see `answered`). Returns whether it spends a refilled token rather than one of the burst.
   */
  private leave(tokens: number, now: number): boolean {
    this.overflow = 0;
    if (tokens >= this.burst - 1e-9) {
      this.drainFromFull(now);
      this.leftSinceFull = 0;
    }
    this.leftSinceFull += 1;
    if (this.tokenOwed) {
      this.tokenOwed = false;
      this.credit -= 1;
    }
    return this.leftSinceFull > this.burst;
  }

  /** A request leaves a full bucket: the refill waits for its answer (see `answered`). */
  private drainFromFull(now: number): void {
    if (!this.anchored) return;
    this.anchored = false;
    this.drainedAt = now;
  }

  private refill(now: number): void {
    if (!this.anchored || now <= this.last) return;
    // Duo's bucket holds at most the burst whatever waits on our side: a place in the queue is not a
    // token, and a waiter sent late finds no more than a full bucket.
    const cap = this.sent() + this.burst;
    const gained = ((now - this.last) * this.rate) / 60_000;
    if (this.credit < cap) {
      this.overflow += Math.max(0, this.credit + gained - cap);
      this.credit = Math.min(cap, this.credit + gained);
      if (this.credit >= cap) this.onFull(gained);
    } else {
      this.overflow += gained;
      this.credit = cap;
    }
    this.last = now;
  }

  /** The mirror filled up. After real idle time Duo's bucket is full too: what follows is a burst again. */
  private onFull(gained: number): void {
    this.sinceFull = 0;
    this.sinceFullFrom = undefined;
    if (gained < 2) return;
    this.epoch = undefined;
    // A climb back after a cut ends with the demand that drove it: successes while Duo's bucket
    // fills say nothing about its rate, and a climb carried into the next run would only end at a
    // 429 there (each run paying one while a burst learned short hid the excess).
    // Kept a margin under where it got to, as its 429 would have left it: the climb may stand right
    // at Duo's limit (with a burst of one, a round trip's jitter decides each request there), and the
    // next run, staying at the learned rate, paid a 429 on its first unlucky arrival (measured: one
    // in every account's second run at 100/min, burst 1).
    if (this.recovering) this.stayAt(this.marginUnder());
  }

  /** A margin under the current pace: where a 429 on it leaves a climb or a refilled token. */
  private marginUnder(): number {
    return Math.max(this.start.floorPerMinute, this.rate * (1 - RATE_MARGIN));
  }
}
