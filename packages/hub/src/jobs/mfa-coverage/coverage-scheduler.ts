import { systemActor } from '../../access/actor.js';
import type { HubContext } from '../../hub-context.js';

/** The timers a scheduler uses; tests pass a fake clock. */
export interface SchedulerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the scheduler does at each slot. */
export interface SchedulerDeps {
  /** Integrations that can run the report (they hold Accounts API keys). */
  listIntegrations(): Promise<string[]>;
  /** Starts a run for the slot; resolves undefined when the slot was already taken. */
  startRun(integrationId: string, slot: string): Promise<{ id: string } | undefined>;
  onError?(error: unknown, integrationId: string | undefined): void;
}

/** The slot a time falls in: `<interval>:<number of whole intervals since the epoch>`. */
export function scheduleSlot(nowMs: number, intervalMs: number): string {
  return `${intervalMs}:${Math.floor(nowMs / intervalMs)}`;
}

/** Milliseconds from `nowMs` to the start of the next slot (never 0). */
export function msUntilNextSlot(nowMs: number, intervalMs: number): number {
  return intervalMs - (nowMs % intervalMs);
}

/**
 * Periodic runs: one per integration in every interval slot, slots aligned to the epoch (a `24h`
 * schedule runs at 00:00 UTC). At start it fires for the current slot, then at each slot start.
 * The slot is stored with the run under a unique key, so several replicas ticking together, or a
 * restart inside a slot, still start one run per slot.
 */
export class CoverageScheduler {
  readonly #intervalMs: number;
  readonly #clock: SchedulerClock;
  readonly #deps: SchedulerDeps;
  #handle: unknown;
  #stopped = false;
  #ticking: Promise<void> | undefined;

  constructor(intervalMs: number, deps: SchedulerDeps, clock: SchedulerClock = realClock) {
    this.#intervalMs = intervalMs;
    this.#deps = deps;
    this.#clock = clock;
  }

  /** Fires for the current slot, then schedules the next. */
  start(): Promise<void> {
    return this.#tick();
  }

  /** Runs one slot now (the timer calls this). */
  #tick(): Promise<void> {
    this.#ticking = this.#fire().finally(() => {
      this.#ticking = undefined;
      if (!this.#stopped) this.#handle = this.#clock.setTimeout(() => void this.#tick(), msUntilNextSlot(this.#clock.now(), this.#intervalMs));
    });
    return this.#ticking;
  }

  async #fire(): Promise<void> {
    const slot = scheduleSlot(this.#clock.now(), this.#intervalMs);
    let integrations: string[];
    try {
      integrations = await this.#deps.listIntegrations();
    } catch (error) {
      this.#deps.onError?.(error, undefined);
      return;
    }
    for (const id of integrations) {
      if (this.#stopped) return;
      try {
        await this.#deps.startRun(id, slot);
      } catch (error) {
        this.#deps.onError?.(error, id);
      }
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#clock.clearTimeout(this.#handle);
    await this.#ticking;
  }
}

/** The process's clock, with timers that never keep it alive. */
export const realClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Integrations holding Accounts API keys, the ones a fleet run can scan. */
export async function integrationsWithAccountsKeys(hub: HubContext): Promise<string[]> {
  const rows = await hub.store.db.selectFrom('integration_credentials').select('integration_id').where('kind', '=', 'accounts').orderBy('integration_id').execute();
  return rows.map((r) => r.integration_id);
}

/** The actor recorded for scheduled runs. */
export const schedulerActor = systemActor;
