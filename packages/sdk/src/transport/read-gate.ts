/**
 * A first-come, first-served limit on answers whose bodies are read at once. An answer that waits
 * stays paused, so its bytes stay in the kernel's socket buffers (and the sender's), not in this
 * process: when answers arrive faster than they can be parsed, memory stays flat.
 */
export class ReadGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  /** Resolves with a release function once a slot is free; calling it more than once is harmless. */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.active += 1;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.active -= 1;
          this.waiting.shift()?.();
        });
      };
      if (this.active < this.limit) grant();
      else this.waiting.push(grant);
    });
  }
}
