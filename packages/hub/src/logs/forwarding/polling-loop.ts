/** What one turn of a loop says about the next. */
export interface LoopTurn {
  /** Go again at once (work remains). */
  busy: boolean;
  /** Otherwise sleep this long (default: the poll interval); `wake()` cuts it short. */
  sleepMs?: number;
}

/**
 * A background loop: run a turn, sleep until the next poll (or a `wake()`), repeat until stopped.
 * A turn that throws is reported and retried at the next poll.
 */
export class PollingLoop {
  readonly #turn: () => Promise<LoopTurn>;
  readonly #pollMs: number;
  readonly #onError: (error: unknown) => void;
  #stopped = false;
  #wake: (() => void) | undefined;
  #woken = false;
  #running: Promise<void> | undefined;

  constructor(turn: () => Promise<LoopTurn>, pollMs: number, onError: (error: unknown) => void) {
    this.#turn = turn;
    this.#pollMs = pollMs;
    this.#onError = onError;
  }

  /** Whether `stop()` was called. */
  get stopped(): boolean {
    return this.#stopped;
  }

  start(): void {
    this.#running ??= this.#run();
  }

  /** Runs the next turn now (or right after the current one). */
  wake(): void {
    this.#woken = true;
    this.#wake?.();
  }

  /** Ends the loop after the current turn; resolves when it has ended. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#running;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      this.#woken = false;
      let turn: LoopTurn = { busy: false };
      try {
        turn = await this.#turn();
      } catch (error) {
        this.#onError(error);
      }
      if (this.#stopped) break;
      if (turn.busy || this.#woken) continue;
      const wait = Math.max(5, turn.sleepMs ?? this.#pollMs);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }
}
