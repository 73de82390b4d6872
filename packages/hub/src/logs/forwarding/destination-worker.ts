import type { HubContext } from '../../hub-context.js';
import { deliveryBackoffMs } from './delivery-backoff.js';
import { groupByPartition, loadDueDeliveries, loadItems, markDelivered, markFailed, markRetry, recordDestinationError } from './delivery-queue.js';
import { openSyslogTarget, openWebhookTarget, syslogHostnameOf } from './destination-records.js';
import { fillOutbox, pruneDeliveries } from './fill-outbox.js';
import { destinationLeaseName } from './forwarding-lease.js';
import { LeasedLoop } from './leased-loop.js';
import type { LoopTurn } from './polling-loop.js';
import type { ForwardingOptions } from './forwarding-options.js';
import { forwardingDb, type LogDeliveriesTable, type LogDestinationsTable } from './forwarding-tables.js';
import { sendWebhook, webhookAgents } from './send-webhook.js';
import { SyslogClient } from './syslog-client.js';
import { frameOctetCounted, formatSyslogMessage } from './syslog-format.js';
import { syslogMessageFor, type ForwardItem } from './forward-items.js';

const MISSING = 'the item is no longer stored (deleted since it was queued)';
const SYSLOG_BATCH = 100;

/**
 * Delivers one destination while this replica holds its lease (`destination:<id>`). Its loop:
 * renew the lease (every third of it), fill the outbox (fill-outbox.ts), then send what is due and
 * record each outcome, until nothing is due; then sleep until the next poll or a wake-up.
 *
 * Ordering: deliveries are read oldest first (occurred_at, id); a webhook sends each partition (a
 * Duo account) one item at a time, partitions side by side, and a failed head blocks its partition
 * until its retry; syslog writes everything over one connection in that order. Retries: network
 * errors, 408/425/429 and 5xx wait an exponential backoff with jitter (Retry-After honoured) and
 * pause the whole destination for that long; other answers give the item up (counted as failed).
 * Nothing is sent once the lease might have lapsed, so two replicas never deliver a destination at
 * once; a replica that dies simply stops renewing, and another takes over when the lease lapses.
 */
export class DestinationWorker {
  readonly id: string;
  readonly #hub: HubContext;
  readonly #options: ForwardingOptions;
  readonly #loop: LeasedLoop;
  #lastSweep = 0;
  #pausedUntil = 0;
  #failures = 0;
  #agents: ReturnType<typeof webhookAgents> | undefined;
  #syslog: { client: SyslogClient; signature: string } | undefined;

  constructor(hub: HubContext, options: ForwardingOptions, id: string) {
    this.#hub = hub;
    this.#options = options;
    this.id = id;
    this.#loop = new LeasedLoop(hub, options, {
      lease: destinationLeaseName(id),
      turn: (lease) => this.#turn(lease),
      onError: (error) => hub.logger.warn({ err: error, destination_id: id }, 'log forwarding round failed; retrying at the next poll'),
      close: () => this.#close(),
    });
  }

  /** Starts the loop. */
  start(): void {
    this.#loop.start();
  }

  /** Cuts the current sleep short (new events or alerts). */
  wake(): void {
    this.#loop.wake();
  }

  /** Whether this worker holds the destination's lease now. */
  get holding(): boolean {
    return this.#loop.holding;
  }

  /**
   * Stops sending at once and waits for the loop to end; `release` hands the lease back so another
   * replica can start without waiting for it to lapse (false simulates a replica that died).
   */
  stop(release = true): Promise<void> {
    return this.#loop.stop(release);
  }

  #close(): void {
    this.#agents?.http.destroy();
    this.#agents?.https.destroy();
    this.#agents = undefined;
    this.#syslog?.client.close();
    this.#syslog = undefined;
  }

  #now(): number {
    return this.#hub.now().getTime();
  }

  /** Whether sending may go on: the lease certainly stands and the worker was not stopped. */
  #holds(): boolean {
    return this.#loop.working;
  }

  async #turn(lease: 'fresh' | 'held'): Promise<LoopTurn> {
    if (lease === 'fresh') {
      // A replica that takes a destination over rescans the safety window and starts from the stored failure count.
      this.#lastSweep = 0;
      const row = await forwardingDb(this.#hub.store.db).selectFrom('log_destinations').select('consecutive_failures').where('id', '=', this.id).executeTakeFirst();
      this.#failures = Number(row?.consecutive_failures ?? 0);
    }
    const busy = await this.#tick();
    const now = this.#now();
    return { busy, sleepMs: this.#pausedUntil > now ? Math.min(this.#options.pollMs, this.#pausedUntil - now) : this.#options.pollMs };
  }

  /** One pass; true when it sent something and should go again at once. */
  async #tick(): Promise<boolean> {
    const db = forwardingDb(this.#hub.store.db);
    let row = await db.selectFrom('log_destinations').selectAll().where('id', '=', this.id).executeTakeFirst();
    if (!row || row.enabled !== 1) return false;
    const now = this.#now();
    const sweep = now - this.#lastSweep >= this.#options.sweepMs;
    const filled = await fillOutbox(db, row, { nowMs: now, safetyWindowMs: this.#options.safetyWindowMs, pageSize: this.#options.pageSize, sweep });
    if (sweep) {
      this.#lastSweep = now;
      await pruneDeliveries(db, { id: row.id, watermark: filled.watermark }, { nowMs: now, safetyWindowMs: this.#options.safetyWindowMs });
    }
    row = { ...row, watermark: filled.watermark };
    if (this.#now() < this.#pausedUntil || !this.#holds()) return false;
    const due = await loadDueDeliveries(db, this.id, this.#now(), this.#options.pageSize);
    if (due.length === 0) return false;
    const items = await loadItems(db, due);
    const sent = row.kind === 'webhook' ? await this.#sendWebhooks(row, due, items) : await this.#sendSyslog(row, due, items);
    return sent > 0 && this.#now() >= this.#pausedUntil;
  }

  #backoff(retryAfterMs?: number): number {
    this.#failures += 1;
    const wait = deliveryBackoffMs(this.#failures, this.#options.backoff, this.#options.random, retryAfterMs);
    this.#pausedUntil = this.#now() + wait;
    return this.#pausedUntil;
  }

  async #sendWebhooks(row: LogDestinationsTable, due: LogDeliveriesTable[], items: Map<string, ForwardItem>): Promise<number> {
    const db = forwardingDb(this.#hub.store.db);
    const target = openWebhookTarget(this.#hub.store, row);
    this.#agents ??= webhookAgents();
    const agents = this.#agents;
    let sent = 0;
    const groups = groupByPartition(due);
    const runGroup = async (group: LogDeliveriesTable[]) => {
      for (const delivery of group) {
        if (!this.#holds() || this.#now() < this.#pausedUntil) return;
        const item = items.get(delivery.item_id);
        if (!item) {
          await markFailed(db, this.id, delivery.item_id, this.#now(), MISSING);
          continue;
        }
        const result = await sendWebhook(target, item, { allowPrivate: this.#options.allowPrivate, timeoutMs: this.#options.requestTimeoutMs, agents, now: () => this.#now() });
        if (result.outcome === 'delivered') {
          this.#failures = 0;
          sent += await markDelivered(db, this.id, [delivery.item_id], this.#now());
        } else if (result.outcome === 'retry') {
          const next = this.#backoff(result.retryAfterMs);
          await markRetry(db, this.id, delivery.item_id, this.#now(), next, result.error ?? 'failed');
          return;
        } else {
          this.#failures = 0;
          await markFailed(db, this.id, delivery.item_id, this.#now(), result.error ?? 'refused');
          sent += 1;
        }
      }
    };
    let next = 0;
    const lanes = Array.from({ length: Math.min(this.#options.concurrency, groups.length) }, async () => {
      while (next < groups.length) await runGroup(groups[next++]!);
    });
    await Promise.all(lanes);
    return sent;
  }

  async #sendSyslog(row: LogDestinationsTable, due: LogDeliveriesTable[], items: Map<string, ForwardItem>): Promise<number> {
    const db = forwardingDb(this.#hub.store.db);
    const target = openSyslogTarget(this.#hub.store, row);
    const signature = JSON.stringify(target);
    if (this.#syslog?.signature !== signature) {
      this.#syslog?.client.close();
      this.#syslog = {
        signature,
        client: new SyslogClient(target, { allowPrivate: this.#options.allowPrivate, connectTimeoutMs: this.#options.requestTimeoutMs, settleMs: this.#options.syslogSettleMs }),
      };
    }
    const client = this.#syslog.client;
    const format = { facility: Number(row.syslog_facility ?? 13), hostname: syslogHostnameOf(row) };
    let sent = 0;
    for (let i = 0; i < due.length; i += SYSLOG_BATCH) {
      if (!this.#holds()) break;
      const batch: Array<{ id: string; frame: Buffer }> = [];
      for (const delivery of due.slice(i, i + SYSLOG_BATCH)) {
        const item = items.get(delivery.item_id);
        if (!item) await markFailed(db, this.id, delivery.item_id, this.#now(), MISSING);
        else batch.push({ id: delivery.item_id, frame: frameOctetCounted(formatSyslogMessage(syslogMessageFor(item, format))) });
      }
      if (batch.length === 0) continue;
      try {
        await client.send(batch.map((b) => b.frame));
      } catch (error) {
        this.#backoff();
        await recordDestinationError(db, this.id, this.#now(), `syslog: ${(error as Error).message}`);
        break;
      }
      this.#failures = 0;
      sent += await markDelivered(db, this.id, batch.map((b) => b.id), this.#now());
    }
    return sent;
  }
}
