import type { HubContext } from '../../hub-context.js';
import type { ForwardingOptions } from './forwarding-options.js';
import { forwardingDb } from './forwarding-tables.js';
import { LeaseKeeper, type LeaseState } from './lease-keeper.js';
import { PollingLoop, type LoopTurn } from './polling-loop.js';

/** What a leased loop runs and how it reports. */
export interface LeasedLoopSpec {
  /** The lease's name, e.g. `alerts` or `destination:<id>`. */
  lease: string;
  /** One pass while the lease is held; `fresh` when this replica has just taken it (over). */
  turn: (lease: Exclude<LeaseState, 'lost'>) => Promise<LoopTurn>;
  /** A turn that threw; the loop retries at the next poll. */
  onError: (error: unknown) => void;
  /** Lets go of open resources: when the lease is lost and when the loop stops. */
  close?: () => void;
}

/**
 * A polling loop that works only while this replica holds a named lease: each turn renews the lease
 * (every third of it) first and skips the work when it is lost. Stopping hands the lease back, or
 * with `release` false forgets it so it lapses (a replica that died).
 */
export class LeasedLoop {
  readonly #lease: LeaseKeeper;
  readonly #loop: PollingLoop;
  readonly #close: () => void;
  #crashed = false;

  constructor(hub: HubContext, options: ForwardingOptions, spec: LeasedLoopSpec) {
    this.#close = spec.close ?? (() => {});
    this.#lease = new LeaseKeeper(() => forwardingDb(hub.store.db), spec.lease, options.replicaId, options.leaseMs, () => hub.now().getTime());
    this.#loop = new PollingLoop(
      async () => {
        const state = await this.#lease.renew();
        if (state !== 'lost') return spec.turn(state);
        this.#close();
        return { busy: false };
      },
      options.pollMs,
      spec.onError,
    );
  }

  /** Starts the loop. */
  start(): void {
    this.#loop.start();
  }

  /** Cuts the current sleep short. */
  wake(): void {
    this.#loop.wake();
  }

  /** Whether the loop was stopped as a replica that died. */
  get crashed(): boolean {
    return this.#crashed;
  }

  /** Whether this replica holds the lease now (and was not stopped as dead). */
  get holding(): boolean {
    return !this.#crashed && this.#lease.held;
  }

  /** Whether work may go on: the lease certainly stands and the loop was not stopped. */
  get working(): boolean {
    return !this.#crashed && !this.#loop.stopped && this.#lease.held;
  }

  /** Stops and waits for the loop to end, then releases the lease; `release` false leaves it to lapse (a replica that died). */
  async stop(release = true): Promise<void> {
    if (!release) {
      this.#crashed = true;
      this.#lease.forget();
      void this.#loop.stop();
      this.#close();
      return;
    }
    await this.#loop.stop();
    this.#close();
    await this.#lease.release().catch(() => {});
  }
}
