import type { HubContext } from '../../hub-context.js';
import { AlertWorker } from '../alerts/alert-worker.js';
import { DestinationWorker } from './destination-worker.js';
import { releaseAllLeases } from './forwarding-lease.js';
import { defaultForwardingOptions, type ForwardingOptions } from './forwarding-options.js';
import { useForwardingSettings } from './forwarding-settings.js';
import { forwardingDb } from './forwarding-tables.js';
import { PollingLoop } from './polling-loop.js';

/** Options of `startLogForwarding`. */
export interface StartForwardingOptions extends Partial<ForwardingOptions> {
  /**
   * Free every lease at start: right for SQLite, where one hub process owns the file, so whatever held
   * a lease is gone. Default: true on SQLite, false on Postgres (leases there lapse on their own).
   */
  takeOverOnStart?: boolean;
}

const attached = new WeakMap<HubContext, LogForwarder>();

/** The forwarder running for this hub, if any (routes and the log sync use it to wake it). */
export function logForwarderOf(hub: HubContext): LogForwarder | undefined {
  return attached.get(hub);
}

/**
 * The hook for whatever stores log events (the log sync): wakes this process's forwarder so new
 * events go out without waiting for the next poll. Optional: the forwarder finds them anyway.
 */
export function notifyLogEventsStored(hub: HubContext): void {
  attached.get(hub)?.notify();
}

/**
 * Forwards Duo's logs and evaluates alerts in this process: one worker per enabled destination and
 * one alert worker, each running its own loop under a lease in `log_forwarding_state`, so on Postgres
 * every replica runs a forwarder and each destination (and the alert scan) is worked by exactly one
 * replica at a time; when a replica dies its leases lapse and another takes its work over. A
 * supervisor loop keeps the set of workers in step with the destinations table.
 *
 * Why leases and loops rather than graphile-worker jobs: a destination is a stream that must stay
 * in order and stay with one holder; jobs per event would lose the order and jobs per destination
 * would be long-running jobs that graphile-worker only unlocks hours after their worker dies.
 */
export class LogForwarder {
  readonly options: ForwardingOptions;
  readonly #hub: HubContext;
  readonly #workers = new Map<string, DestinationWorker>();
  readonly #alerts: AlertWorker;
  readonly #supervisor: PollingLoop;
  readonly #takeOver: boolean;
  #stopped = false;

  constructor(hub: HubContext, options: StartForwardingOptions = {}) {
    const { takeOverOnStart, ...rest } = options;
    this.options = defaultForwardingOptions(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<ForwardingOptions>);
    this.#hub = hub;
    this.#takeOver = takeOverOnStart ?? hub.store.dialect === 'sqlite';
    this.#alerts = new AlertWorker(hub, this.options, () => this.#wakeDestinations());
    this.#supervisor = new PollingLoop(
      async () => {
        await this.#syncWorkers();
        return { busy: false };
      },
      this.options.pollMs,
      (error) => hub.logger.warn({ err: error }, 'log forwarding could not list destinations; retrying at the next poll'),
    );
  }

  async start(): Promise<void> {
    if (this.#takeOver) await releaseAllLeases(forwardingDb(this.#hub.store.db), this.#hub.now().getTime());
    await this.#syncWorkers();
    this.#alerts.start();
    this.#supervisor.start();
  }

  /** New events (or a changed destination): every loop runs now rather than at its next poll. */
  notify(): void {
    this.#supervisor.wake();
    this.#alerts.wake();
    this.#wakeDestinations();
  }

  /** Destinations this replica delivers now (it holds their leases). */
  holding(): string[] {
    return [...this.#workers.values()].filter((w) => w.holding).map((w) => w.id);
  }

  /** Whether this replica evaluates alerts now. */
  get evaluatingAlerts(): boolean {
    return this.#alerts.holding;
  }

  /**
   * Stops every loop. `release` (default) hands the leases back so other replicas take over at once;
   * false leaves them to lapse, as a replica that was killed would.
   */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    const release = options.release ?? true;
    this.#stopped = true;
    if (attached.get(this.#hub) === this) attached.delete(this.#hub);
    if (!release) {
      void this.#supervisor.stop();
      void this.#alerts.stop(false);
      for (const worker of this.#workers.values()) void worker.stop(false);
      this.#workers.clear();
      return;
    }
    await this.#supervisor.stop();
    await Promise.all([this.#alerts.stop(true), ...[...this.#workers.values()].map((w) => w.stop(true))]);
    this.#workers.clear();
  }

  #wakeDestinations(): void {
    for (const worker of this.#workers.values()) worker.wake();
  }

  async #syncWorkers(): Promise<void> {
    if (this.#stopped) return;
    const rows = await forwardingDb(this.#hub.store.db).selectFrom('log_destinations').select('id').where('enabled', '=', 1).execute();
    // A stop while the list was being read must not start workers again.
    if (this.#stopped) return;
    const wanted = new Set(rows.map((r) => r.id));
    for (const [id, worker] of this.#workers) {
      if (!wanted.has(id)) {
        this.#workers.delete(id);
        await worker.stop(true);
      }
    }
    for (const id of wanted) {
      if (this.#stopped || this.#workers.has(id)) continue;
      const worker = new DestinationWorker(this.#hub, this.options, id);
      this.#workers.set(id, worker);
      worker.start();
    }
  }

  /** Registers this forwarder as the hub's (routes wake it after writes). */
  attach(): void {
    attached.set(this.#hub, this);
    useForwardingSettings(this.#hub, { allowPrivate: this.options.allowPrivate });
  }
}

/** Starts forwarding and alerting for this hub process (see LogForwarder). */
export async function startLogForwarding(hub: HubContext, options: StartForwardingOptions = {}): Promise<LogForwarder> {
  const forwarder = new LogForwarder(hub, options);
  forwarder.attach();
  await forwarder.start();
  return forwarder;
}
