import { HubConfigError } from '../config/load-config.js';
import type { HubContext } from '../hub-context.js';
import { parseInterval } from '../jobs/mfa-coverage/parse-interval.js';
import { realClock, type SchedulerClock } from '../jobs/mfa-coverage/coverage-scheduler.js';
import { parseBaselineRow } from './baseline-records.js';
import { baselineDb } from './baseline-tables.js';
import { runBaselineCheck } from './check-baseline.js';

/** Options of the baseline schedule. */
export interface BaselineScheduleOptions {
  /** How often due baselines are looked for. Default 60 s. */
  pollMs?: number;
  clock?: SchedulerClock;
}

/** When the slot holding `nowMs` began, for an interval: slots are aligned to the epoch (pure). */
export function slotStartMs(nowMs: number, intervalMs: number): number {
  return nowMs - (nowMs % intervalMs);
}

/**
 * Claims a baseline's check for the slot holding `nowMs`: one conditional update, so of several
 * replicas (or a restart inside the slot) exactly one wins. A check on demand inside the slot counts
 * as the slot's check. Answers whether this caller won.
 */
export async function claimBaselineSlot(hub: HubContext, baselineId: string, intervalMs: number, nowMs: number): Promise<boolean> {
  const start = new Date(slotStartMs(nowMs, intervalMs)).toISOString();
  const result = await baselineDb(hub.store.db)
    .updateTable('baselines')
    .set({ last_checked_at: new Date(nowMs).toISOString() })
    .where('id', '=', baselineId)
    .where((eb) => eb.or([eb('last_checked_at', 'is', null), eb('last_checked_at', '<', start)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Scheduled drift checks: every poll, each baseline with `check_every` whose current slot has no
 * check yet is claimed (claimBaselineSlot) and checked, one at a time. Errors are logged; the next
 * slot tries again.
 */
export class BaselineScheduler {
  readonly #hub: HubContext;
  readonly #pollMs: number;
  readonly #clock: SchedulerClock;
  #handle: unknown;
  #stopped = false;
  #ticking: Promise<void> | undefined;
  readonly #abort = new AbortController();

  constructor(hub: HubContext, options: BaselineScheduleOptions = {}) {
    this.#hub = hub;
    this.#pollMs = options.pollMs ?? 60_000;
    this.#clock = options.clock ?? realClock;
  }

  /** Looks for due baselines now, then every poll. */
  start(): Promise<void> {
    return this.#tick();
  }

  #tick(): Promise<void> {
    this.#ticking = this.#fire().finally(() => {
      this.#ticking = undefined;
      if (!this.#stopped) this.#handle = this.#clock.setTimeout(() => void this.#tick(), this.#pollMs);
    });
    return this.#ticking;
  }

  async #fire(): Promise<void> {
    let rows;
    try {
      rows = await baselineDb(this.#hub.store.db).selectFrom('baselines').selectAll().where('check_every', 'is not', null).orderBy('id').execute();
    } catch (error) {
      this.#hub.logger.warn({ err: error }, 'could not list baselines to check');
      return;
    }
    for (const row of rows) {
      if (this.#stopped) return;
      const intervalMs = parseInterval(row.check_every ?? '');
      if (intervalMs === undefined) continue;
      try {
        if (!(await claimBaselineSlot(this.#hub, row.id, intervalMs, this.#clock.now()))) continue;
        const report = await runBaselineCheck(this.#hub, parseBaselineRow(row), { signal: this.#abort.signal });
        this.#hub.logger.info({ baseline_id: row.id, ...report.summary }, 'scheduled baseline check');
      } catch (error) {
        this.#hub.logger.warn({ err: error, baseline_id: row.id }, 'scheduled baseline check failed');
      }
    }
  }

  /** Stops the schedule; a check in flight is aborted and awaited. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#clock.clearTimeout(this.#handle);
    this.#abort.abort();
    await this.#ticking;
  }
}

/** `duohub serve`'s baseline schedule: DUOHUB_BASELINE_POLL (an interval, default 1m); `off` disables it. */
export async function startBaselineChecksFromEnv(hub: HubContext, env: Record<string, string | undefined>): Promise<{ stop(): Promise<void> }> {
  const setting = env.DUOHUB_BASELINE_POLL?.trim();
  if (setting === 'off') return { stop: async () => {} };
  const pollMs = setting ? parseInterval(setting) : 60_000;
  if (pollMs === undefined) throw new HubConfigError('DUOHUB_BASELINE_POLL', 'must be an interval such as 1m, or off');
  const scheduler = new BaselineScheduler(hub, { pollMs });
  // The first pass runs in the background: a slow Duo must not hold up the server's start.
  void scheduler.start();
  return scheduler;
}
