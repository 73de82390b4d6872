import { createRandom } from '@duohub/emulator';
import { DuoAdminClient, Pacer, type PacingOptions } from '../../src/index.js';
import { CREDS, fail, ok } from './fake-duo.js';
import { SimulatedDuoBucket } from './simulated-duo-bucket.js';
import { virtualClock } from './virtual-clock.js';

/** What one account's simulated Duo bucket saw. */
export interface AccountRun {
  pages: number;
  /** For each 429, how many pages Duo had served before it. */
  limited: number[];
  served: number;
  /** From the scan's start to the account's last answer, ms of virtual time. */
  elapsedMs: number;
}

/** One trip's delay, ms: `min` plus up to `spread` more, uniformly. */
export interface TripMs {
  min: number;
  spread: number;
}

/** A fleet scan on simulated Duo buckets whose rate and burst the client is not told. */
export interface SimulatedScan {
  perMinute: number;
  burst: number;
  /** Pages per account; accounts run side by side through one Pacer. */
  pages: readonly number[];
  /** Requests in flight per account. */
  callers: number;
  /** Read the first page alone, then the rest (as the hub's scan does: the first page gives the total). */
  firstAlone?: boolean;
  /** Duo sends Retry-After (whole seconds) with its 429s. */
  retryAfter?: boolean;
  pacing?: PacingOptions;
  pacer?: Pacer;
  seed: number;
  /** The request's trip to Duo and the answer's trip back. Default 20-60 ms each. */
  outward?: TripMs;
  back?: TripMs;
}

const DEFAULT_TRIP: TripMs = { min: 20, spread: 40 };

/**
 * Runs `s` on a virtual clock: every account behind its own `SimulatedDuoBucket`, the SDK's client
 * and Pacer as shipped, real time replaced by simulated trips. Deterministic for a seed, and a
 * minute of scanning takes well under a second. Returns what each account's bucket saw, and the
 * pacer (to export what it learned).
 */
export async function simulateScan(s: SimulatedScan): Promise<{ runs: AccountRun[]; pacer: Pacer }> {
  const clock = virtualClock();
  const random = createRandom(s.seed);
  const outward = s.outward ?? DEFAULT_TRIP;
  const back = s.back ?? DEFAULT_TRIP;
  const buckets = new Map<string, SimulatedDuoBucket>();
  const runs = new Map<string, AccountRun>();
  const pacer = s.pacer ?? new Pacer({ ...s.pacing, now: clock.now, sleep: clock.sleep });
  const fetch = async (req: Request): Promise<Response> => {
    const host = new URL(req.url).hostname;
    await clock.sleep(outward.min + random() * outward.spread);
    const decision = buckets.get(host)!.take(clock.now());
    const run = runs.get(host)!;
    await clock.sleep(back.min + random() * back.spread);
    if (decision.allowed) {
      run.served += 1;
      return ok([]);
    }
    run.limited.push(run.served);
    return fail(429, 42901, 'Too Many Requests', undefined, s.retryAfter ? { 'retry-after': String(decision.retryAfterSec) } : {});
  };
  const start = clock.now();
  const accounts = s.pages.map(async (pages, i) => {
    const host = `api-${String(i).padStart(8, '0')}.duosecurity.com`;
    buckets.set(host, new SimulatedDuoBucket(s.perMinute, s.burst));
    const run: AccountRun = { pages, limited: [], served: 0, elapsedMs: 0 };
    runs.set(host, run);
    const admin = new DuoAdminClient({ ...CREDS, host, fetch, now: clock.now, pacing: pacer, retry: { sleep: clock.sleep, random: () => 0.5 } });
    const read = (page: number) => admin.request('GET', '/admin/v1/users', { limit: '300', offset: String(page * 300) });
    let next = 0;
    if (s.firstAlone && pages > 0) await read(next++);
    const caller = async () => {
      while (next < pages) await read(next++);
    };
    await Promise.all(Array.from({ length: s.callers }, caller));
    run.elapsedMs = clock.now() - start;
  });
  await clock.run(Promise.all(accounts));
  return { runs: [...runs.values()], pacer };
}
