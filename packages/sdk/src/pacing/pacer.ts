import { sleep as realSleep } from '../retry/sleep.js';
import type { EndpointClass } from './endpoint-class.js';
import { LearningBucket, type BucketGrant, type BucketSnapshot } from './learning-bucket.js';
import { readPacerState, type LearnedBucket, type PacerState } from './pacer-state.js';
import { readyInMs } from './ready-in-ms.js';
import { DEFAULT_LEARNING, DEFAULT_RATES, initialBurst, maxProbedBurst, type PacingOptions } from './pacing-options.js';

/** Which budget a request draws from: Duo counts per account (host + account_id) and class. */
export interface PaceKey {
  host: string;
  accountId?: string | undefined;
  endpointClass: EndpointClass;
}

/** A request's permission to go, handed back with its outcome so the bucket can learn from it. */
export type PacePermit = BucketGrant;

/** One bucket in use: its key, its model, and who sleeps on it. */
interface BucketEntry {
  key: PaceKey;
  bucket: LearningBucket;
  /** Queued `acquire` sleeps, woken when the queue's head may go as a probe. */
  wakers: Set<() => void>;
  /** `whenReady` sleeps, woken by every answer (any answer may move the bucket's next grant). */
  watchers: Set<() => void>;
}

// What a woken sleep is aborted with: never thrown to a caller (see `sleepUnlessWoken`).
const WOKEN = Symbol('woken');

// A `whenReady` wait looks again at least this often, whatever its estimate: a safety net, since
// every answer for the bucket wakes it anyway.
const MAX_READY_STEP_MS = 1000;

/**
 * Client-side pacing under Duo's rate limits: one learning token bucket per (host, account,
 * class), starting from Duo's published rates and learning each bucket's real rate and burst from
 * its 429s (see `LearningBucket`). Pass one Pacer to several clients so they share an account's
 * budget; `exportState` / `initialState` carry what it learned into the next run.
 */
export class Pacer {
  private readonly buckets = new Map<string, BucketEntry>();
  private readonly seeds = new Map<string, LearnedBucket>();
  private readonly clock: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: PacingOptions = {}) {
    this.clock = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    if (options.initialState !== undefined) this.importState(options.initialState);
  }

  /**
   * Waits until a request for `key` may be sent and returns its permit (undefined for an unpaced
   * class). Rejects with the signal's reason on abort, giving the place back.
   */
  async acquire(key: PaceKey, signal?: AbortSignal): Promise<PacePermit | undefined> {
    const entry = this.entry(key);
    if (!entry) return undefined;
    const { bucket, wakers } = entry;
    const grant = bucket.reserve(this.now());
    // The wait is recomputed on every wake: a 429 meanwhile may have slowed the whole queue, and an
    // answer may have let the queue's head go as a probe (see `wakeAfterAnswer`).
    for (let wait = bucket.waitMs(grant, this.now()); wait > 0; wait = bucket.waitMs(grant, this.now())) {
      try {
        await this.sleepUnlessWoken(wakers, wait, signal);
      } catch (error) {
        bucket.cancel(grant, this.now());
        throw error;
      }
    }
    return grant;
  }

  /**
   * Resolves once a request for `key` would be sent at once (a token, or a probe of a burst still
   * being found), without taking anything: for a caller that must not queue inside the pacer while
   * it holds or waits for something else (a fleet-wide page slot, say), and then sends through a
   * client on this pacer. Looks again on every answer for the key (one may let a probe go, anchor the
   * refill, or change the rate) and at least every second. Rejects with the signal's reason on abort.
   */
  async whenReady(key: PaceKey, signal?: AbortSignal): Promise<void> {
    const entry = this.entry(key);
    if (!entry) return;
    for (let wait = this.readyIn(entry); wait > 0; wait = this.readyIn(entry)) {
      await this.sleepUnlessWoken(entry.watchers, Math.min(wait, MAX_READY_STEP_MS), signal);
    }
  }

  /** Milliseconds until `entry`'s bucket would grant a request at once, read at one moment. */
  private readyIn(entry: BucketEntry): number {
    const now = this.now();
    return readyInMs(entry.bucket.snapshot(now), now);
  }

  /**
   * Sleeps `ms`, or less when woken through `wakers`; rejects with the signal's reason on abort.
   * One signal for the sleep (the caller's abort, or a wake), its listeners removed after, so a
   * long-lived caller signal does not collect one per wait.
   */
  private async sleepUnlessWoken(wakers: Set<() => void>, ms: number, signal: AbortSignal | undefined): Promise<void> {
    const stop = new AbortController();
    // A reason of our own: abort() without one builds a DOMException, stack and all, on every wake
    // (the fleet scan wakes its watchers on every answer: 14 ms a run of 40 x 2,500 in the hub's profile).
    const wake = () => stop.abort(WOKEN);
    const onAbort = () => stop.abort(signal!.reason);
    wakers.add(wake);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (signal?.aborted) throw signal.reason;
      await this.sleep(ms, stop.signal);
    } catch (error) {
      if (signal?.aborted || !stop.signal.aborted) throw error;
    } finally {
      wakers.delete(wake);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Records that Duo accepted a request (any answer but 429). `answeredAt` is when its answer began
   * to arrive (this pacer's clock, see `now`), when known: the body may have been read and parsed
   * much later, and Duo's bucket moved on from the earlier moment.
   */
  onSuccess(key: PaceKey, permit?: PacePermit, answeredAt?: number): void {
    this.bucket(key)?.succeeded(permit ?? this.unknownGrant(), this.answerTime(answeredAt));
    this.wakeAfterAnswer(key, permit);
  }

  /** Records a 429, with Duo's Retry-After when it sent one (`answeredAt` as for `onSuccess`). */
  onRateLimited(key: PaceKey, retryAfterMs?: number, permit?: PacePermit, answeredAt?: number): void {
    this.bucket(key)?.rateLimited(permit ?? this.unknownGrant(), this.answerTime(answeredAt), retryAfterMs);
    this.wakeAfterAnswer(key, permit);
  }

  /** The clock this pacer runs on (epoch ms): what `answeredAt` is read from. */
  now(): number {
    return this.clock();
  }

  /** An answer's time: when it began to arrive if known, never later than now. */
  private answerTime(answeredAt: number | undefined): number {
    const now = this.clock();
    return answeredAt === undefined ? now : Math.min(answeredAt, now);
  }

  /** Records an attempt that got no answer from Duo (a connection failure or timeout). */
  onAnswered(key: PaceKey, permit?: PacePermit): void {
    this.bucket(key)?.abandoned(permit ?? this.unknownGrant(), this.now());
    this.wakeAfterAnswer(key, permit);
  }

  /**
   * An answer came for `key`. `whenReady` callers look again. Queued callers sleep until their
   * token as timed when they last looked, so wake them to look again (the head of the queue may go,
   * the rest sleep again) when the answer may have brought their turn closer: it lets another probe
   * go while the burst is being probed, or it answered a probe (`permit`: a refused probe gives its
   * token back, an accepted one may prove a larger burst). Woken only for the next probe, a queue behind four
   * refused probes slept through the tokens they gave back (a simulated Duo at 100/min, burst 5:
   * 1.2 s idle where one interval was due). Other 429s only move turns later, which a waiter finds
   * when it wakes: woken on every 429, accounts at burst 1 learned slower rates (83-89 against 100).
   */
  private wakeAfterAnswer(key: PaceKey, permit: PacePermit | undefined): void {
    const entry = this.buckets.get(bucketId(key));
    if (!entry) return;
    for (const wake of [...entry.watchers]) wake();
    if (entry.wakers.size === 0 || (permit?.probe !== true && entry.bucket.snapshot(this.now()).probe !== 'ready')) return;
    for (const wake of [...entry.wakers]) wake();
  }

  /** The bucket's current state, or undefined for an unpaced class. */
  snapshot(key: PaceKey): BucketSnapshot | undefined {
    return this.bucket(key)?.snapshot(this.now());
  }

  /** What every bucket learned so far, JSON-serializable, to pass as `initialState` next run. */
  exportState(): PacerState {
    const buckets: LearnedBucket[] = [];
    for (const { key, bucket } of this.buckets.values()) {
      buckets.push({
        host: key.host.toLowerCase(),
        ...(key.accountId === undefined ? {} : { accountId: key.accountId }),
        endpointClass: key.endpointClass,
        ...bucket.learned(),
      });
    }
    // Seeds not used in this run are kept, so a short run does not forget other accounts.
    for (const [id, seed] of this.seeds) if (!this.buckets.has(id)) buckets.push(seed);
    return { version: 1, savedAt: this.now(), buckets };
  }

  /**
   * Seeds buckets not yet in use from an earlier run's `exportState()`. Malformed entries and
   * entries older than `maxStateAgeMs` are ignored; rates above this pacer's ceiling are capped.
   */
  importState(state: PacerState): void {
    const maxAge = this.options.maxStateAgeMs ?? DEFAULT_LEARNING.maxStateAgeMs;
    for (const entry of readPacerState(state, this.now() - maxAge)) {
      const id = bucketId(entry);
      if (!this.buckets.has(id)) this.seeds.set(id, entry);
    }
  }

  private unknownGrant(): BucketGrant {
    // Callers that did not keep a permit: treat the request as sent just now, outside any probe.
    return { ticket: -1, probe: false, tokensBefore: 0, intervalMs: 0, sentAt: this.now(), released: true, refilled: false, heldBack: false };
  }

  private bucket(key: PaceKey): LearningBucket | undefined {
    return this.entry(key)?.bucket;
  }

  private entry(key: PaceKey): BucketEntry | undefined {
    const id = bucketId(key);
    const found = this.buckets.get(id);
    if (found) return found;
    const cls = key.endpointClass;
    const rate = this.options.rates?.[cls] ?? DEFAULT_RATES[cls];
    if (!Number.isFinite(rate) || rate <= 0) return undefined;
    const ceiling = Math.max(rate, this.options.maxRates?.[cls] ?? rate * DEFAULT_LEARNING.maxRateFactor);
    const configuredBurst = this.options.burst?.[cls];
    const seed = this.seeds.get(id);
    const bucket = new LearningBucket(
      {
        ratePerMinute: seed ? Math.min(seed.ratePerMinute, ceiling) : rate,
        ceilingPerMinute: ceiling,
        publishedPerMinute: rate,
        burst: seed?.burst ?? configuredBurst ?? initialBurst(rate),
        burstKnown: seed ? seed.burstKnown : configuredBurst !== undefined,
        maxBurst: Math.max(configuredBurst ?? 1, seed?.burst ?? 1, maxProbedBurst(ceiling)),
        floorPerMinute: rate * (this.options.minRateFraction ?? DEFAULT_LEARNING.minRateFraction),
        ...(seed ? { learnedAt: seed.learnedAt } : {}),
        ...(seed?.exploredFrom === undefined ? {} : { exploredFrom: Math.min(seed.exploredFrom, ceiling) }),
      },
      this.now(),
    );
    this.seeds.delete(id);
    const entry: BucketEntry = { key, bucket, wakers: new Set(), watchers: new Set() };
    this.buckets.set(id, entry);
    return entry;
  }
}

function bucketId(key: PaceKey): string {
  return `${key.host.toLowerCase()}|${key.accountId ?? ''}|${key.endpointClass}`;
}
