/**
 * A fleet-wide bound on Duo page reads in flight, served first come, first served. A slot is held
 * from the moment a page may be sent (its account's budget allows it) until its answer is parsed:
 * that covers the sockets the reads occupy and the answers held in memory, whatever the number of
 * accounts scanned at once.
 */
export class PageSlots {
  #active = 0;
  readonly #waiting: Array<{ grant: () => void; signal: AbortSignal | undefined; onAbort: () => void }> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('PageSlots needs a limit of at least 1');
  }

  /** Slots held now. */
  get active(): number {
    return this.#active;
  }

  /** Reads waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Resolves with a release function once a slot is free; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const grant = () => {
        this.#active += 1;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.#active -= 1;
          this.#next();
        });
      };
      if (this.#active < this.limit) return grant();
      const entry = {
        grant,
        signal,
        onAbort: () => {
          const at = this.#waiting.indexOf(entry);
          if (at >= 0) this.#waiting.splice(at, 1);
          reject(signal!.reason);
        },
      };
      signal?.addEventListener('abort', entry.onAbort, { once: true });
      this.#waiting.push(entry);
    });
  }

  #next(): void {
    const entry = this.#waiting.shift();
    if (!entry) return;
    entry.signal?.removeEventListener('abort', entry.onAbort);
    entry.grant();
  }
}
