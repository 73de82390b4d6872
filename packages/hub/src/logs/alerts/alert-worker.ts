import type { HubContext } from '../../hub-context.js';
import { forwardingDb } from '../forwarding/forwarding-tables.js';
import type { ForwardingOptions } from '../forwarding/forwarding-options.js';
import { LeaseKeeper } from '../forwarding/lease-keeper.js';
import { PollingLoop, type LoopTurn } from '../forwarding/polling-loop.js';
import { ALERTS_STATE, evaluateAlerts } from './evaluate-alerts.js';

/**
 * Evaluates alert rules while this replica holds the `alerts` lease, one pass per poll (or wake-up),
 * sweeping the safety window on take-over and every `sweepMs`. New alerts wake the destinations.
 */
export class AlertWorker {
  readonly #hub: HubContext;
  readonly #options: ForwardingOptions;
  readonly #lease: LeaseKeeper;
  readonly #loop: PollingLoop;
  readonly #onAlerts: () => void;
  #lastSweep = 0;
  #crashed = false;

  constructor(hub: HubContext, options: ForwardingOptions, onAlerts: () => void) {
    this.#hub = hub;
    this.#options = options;
    this.#onAlerts = onAlerts;
    this.#lease = new LeaseKeeper(() => forwardingDb(hub.store.db), ALERTS_STATE, options.replicaId, options.leaseMs, () => hub.now().getTime());
    this.#loop = new PollingLoop(
      () => this.#turn(),
      options.pollMs,
      (error) => hub.logger.warn({ err: error }, 'alert evaluation failed; retrying at the next poll'),
    );
  }

  start(): void {
    this.#loop.start();
  }

  wake(): void {
    this.#loop.wake();
  }

  /** Whether this replica evaluates alerts now. */
  get holding(): boolean {
    return !this.#crashed && this.#lease.held;
  }

  /** Stops; `release` false leaves the lease to lapse (a replica that died). */
  async stop(release = true): Promise<void> {
    if (!release) {
      this.#crashed = true;
      this.#lease.forget();
      void this.#loop.stop();
      return;
    }
    await this.#loop.stop();
    await this.#lease.release().catch(() => {});
  }

  async #turn(): Promise<LoopTurn> {
    const state = await this.#lease.renew();
    if (state === 'lost' || this.#crashed) return { busy: false };
    if (state === 'fresh') this.#lastSweep = 0;
    const now = this.#hub.now().getTime();
    const sweep = now - this.#lastSweep >= this.#options.sweepMs;
    const result = await evaluateAlerts(forwardingDb(this.#hub.store.db), {
      nowMs: now,
      safetyWindowMs: this.#options.safetyWindowMs,
      pageSize: this.#options.pageSize,
      sweep,
    });
    if (sweep) this.#lastSweep = now;
    if (result.created.length > 0) {
      this.#hub.logger.info({ alerts: result.created.map((a) => ({ id: a.id, rule: a.rule_id })) }, 'alerts fired');
      this.#onAlerts();
    }
    return { busy: false };
  }
}
