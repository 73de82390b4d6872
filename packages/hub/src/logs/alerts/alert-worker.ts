import type { HubContext } from '../../hub-context.js';
import { forwardingDb } from '../forwarding/forwarding-tables.js';
import type { ForwardingOptions } from '../forwarding/forwarding-options.js';
import { LeasedLoop } from '../forwarding/leased-loop.js';
import type { LoopTurn } from '../forwarding/polling-loop.js';
import { ALERTS_STATE, evaluateAlerts } from './evaluate-alerts.js';

/**
 * Evaluates alert rules while this replica holds the `alerts` lease, one pass per poll (or wake-up),
 * sweeping the safety window on take-over and every `sweepMs`. New alerts wake the destinations.
 */
export class AlertWorker {
  readonly #hub: HubContext;
  readonly #options: ForwardingOptions;
  readonly #loop: LeasedLoop;
  readonly #onAlerts: () => void;
  #lastSweep = 0;

  constructor(hub: HubContext, options: ForwardingOptions, onAlerts: () => void) {
    this.#hub = hub;
    this.#options = options;
    this.#onAlerts = onAlerts;
    this.#loop = new LeasedLoop(hub, options, {
      lease: ALERTS_STATE,
      turn: (lease) => this.#turn(lease),
      onError: (error) => hub.logger.warn({ err: error }, 'alert evaluation failed; retrying at the next poll'),
    });
  }

  start(): void {
    this.#loop.start();
  }

  wake(): void {
    this.#loop.wake();
  }

  /** Whether this replica evaluates alerts now. */
  get holding(): boolean {
    return this.#loop.holding;
  }

  /** Stops; `release` false leaves the lease to lapse (a replica that died). */
  stop(release = true): Promise<void> {
    return this.#loop.stop(release);
  }

  async #turn(lease: 'fresh' | 'held'): Promise<LoopTurn> {
    if (this.#loop.crashed) return { busy: false };
    if (lease === 'fresh') this.#lastSweep = 0;
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
