import { acquireLease, releaseLease } from './forwarding-lease.js';
import type { ForwardingDb } from './forwarding-tables.js';

/** What a renewal found. */
export type LeaseState = 'fresh' | 'held' | 'lost';

/**
 * One lease of this replica (`destination:<id>`, `alerts`): renewed once a third of it has passed,
 * and trusted only up to a tenth before it lapses, so work stops before another replica may start.
 */
export class LeaseKeeper {
  readonly #db: () => ForwardingDb;
  readonly #name: string;
  readonly #holder: string;
  readonly #leaseMs: number;
  readonly #now: () => number;
  #until = 0;

  constructor(db: () => ForwardingDb, name: string, holder: string, leaseMs: number, now: () => number) {
    this.#db = db;
    this.#name = name;
    this.#holder = holder;
    this.#leaseMs = leaseMs;
    this.#now = now;
  }

  /** Whether the lease certainly still stands. */
  get held(): boolean {
    return this.#now() < this.#until - this.#leaseMs / 10;
  }

  /** Takes or renews the lease when due: `fresh` when newly taken, `held` when kept, `lost` when another replica holds it. */
  async renew(): Promise<LeaseState> {
    const now = this.#now();
    if (this.#until - now > (this.#leaseMs * 2) / 3) return 'held';
    const fresh = this.#until <= now;
    const until = await acquireLease(this.#db(), this.#name, this.#holder, now, this.#leaseMs);
    if (until === undefined) {
      this.#until = 0;
      return 'lost';
    }
    this.#until = until;
    return fresh ? 'fresh' : 'held';
  }

  /** Hands the lease back so another replica can take it at once. */
  async release(): Promise<void> {
    if (this.#until === 0) return;
    this.#until = 0;
    await releaseLease(this.#db(), this.#name, this.#holder, this.#now());
  }

  /** Stops trusting the lease without giving it back (a replica that died leaves it to lapse). */
  forget(): void {
    this.#until = 0;
  }
}
