/** One token a rate-limit bucket was asked for, and its answer. */
export interface RateDecisionRecord {
  accountId: string;
  /** The bucket: an endpoint class (`admin_get_page`) or `endpoint:<id>` for a per-endpoint one. */
  bucket: string;
  /** The emulator's clock (ms) when the request reached the bucket. */
  at: number;
  allowed: boolean;
}

/**
 * The last `capacity` rate-limit decisions, oldest first: when each request met its bucket and
 * whether it got a token. A client's pacing shows here as Duo would see it (when the first request
 * of each account arrived, how far the paced ones sat from the bucket's refill); counters alone
 * cannot tell a late start from a slow pace. Capacity 0 keeps nothing.
 */
export class RateDecisionLog {
  private records: RateDecisionRecord[] = [];
  private start = 0;

  constructor(readonly capacity: number) {}

  push(record: RateDecisionRecord): void {
    if (this.capacity <= 0) return;
    if (this.records.length < this.capacity) this.records.push(record);
    else {
      // Full: overwrite the oldest (a ring, so a long run costs no copying).
      this.records[this.start] = record;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** The decisions kept, oldest first; `clear` empties the log after reading. */
  list(clear = false): RateDecisionRecord[] {
    const out = [...this.records.slice(this.start), ...this.records.slice(0, this.start)];
    if (clear) {
      this.records = [];
      this.start = 0;
    }
    return out;
  }
}
