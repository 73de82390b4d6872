import type { HttpRequest, HttpResponse, Transport } from '@duohub/sdk';

/**
 * A connection pool shared by every client of one credential set. Retiring it (its credential set
 * was evicted) never cuts a call short: the sockets close once the calls in flight have finished,
 * and again after any late call from a client that still held it.
 */
export class PooledTransport implements Transport {
  readonly #inner: Transport;
  #inFlight = 0;
  #retired = false;

  constructor(inner: Transport) {
    this.#inner = inner;
  }

  /** Calls being sent or read right now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Whether the pool was retired; it still serves late calls, then closes again. */
  get retired(): boolean {
    return this.#retired;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    this.#inFlight++;
    try {
      return await this.#inner.send(req);
    } finally {
      this.#inFlight--;
      if (this.#retired && this.#inFlight === 0) this.#inner.close();
    }
  }

  /** Same as `retire`: clients sharing the pool must not be able to cut each other's calls. */
  close(): void {
    this.retire();
  }

  /** Closes the sockets now if idle, else when the last call in flight settles. */
  retire(): void {
    this.#retired = true;
    if (this.#inFlight === 0) this.#inner.close();
  }
}
