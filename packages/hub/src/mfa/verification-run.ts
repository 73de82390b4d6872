/** The progress steps a verification reports, in this order (waiting may repeat; preauth may end it). */
export type VerifyEventType = 'preauth' | 'sent' | 'waiting' | 'result';

/** One progress event; `seq` is the SSE id, so a reconnecting client can resume after it. */
export interface VerifyEvent {
  seq: number;
  type: VerifyEventType;
  at: string;
  data: Record<string, unknown>;
}

type Listener = (event: VerifyEvent) => void;

/** A verification in flight: its events so far, followers, and a promise of its last event. */
export class VerificationRun {
  readonly id: string;
  readonly events: VerifyEvent[] = [];
  readonly #listeners = new Set<Listener>();
  readonly #now: () => Date;
  #finish!: (event: VerifyEvent) => void;
  /** Resolves with the `result` event. */
  readonly finished: Promise<VerifyEvent>;

  constructor(id: string, now: () => Date) {
    this.id = id;
    this.#now = now;
    this.finished = new Promise((resolve) => (this.#finish = resolve));
  }

  /** Whether the result event was emitted. */
  get done(): boolean {
    return this.events.at(-1)?.type === 'result';
  }

  /** Appends an event and tells every follower; nothing is emitted after the result. */
  emit(type: VerifyEventType, data: Record<string, unknown>): void {
    this.publish(this.prepare(type, data));
  }

  /** The next event, not yet published (so the result can be stored before anyone sees it). */
  prepare(type: VerifyEventType, data: Record<string, unknown>): VerifyEvent {
    return { seq: this.events.length + 1, type, at: this.#now().toISOString(), data };
  }

  /** Publishes a prepared event to every follower. */
  publish(event: VerifyEvent): void {
    if (this.done) return;
    this.events.push(event);
    for (const listener of this.#listeners) listener(event);
    if (event.type === 'result') {
      this.#listeners.clear();
      this.#finish(event);
    }
  }

  /** Replays events after `afterSeq`, then follows live ones; returns the unsubscribe function. */
  follow(afterSeq: number, listener: Listener): () => void {
    for (const event of this.events) if (event.seq > afterSeq) listener(event);
    if (this.done) return () => {};
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** Runs kept in memory per store, so followers can attach while a verification is running. */
export class VerificationRuns {
  readonly #runs = new Map<string, VerificationRun>();

  /** Registers a run; it is forgotten `keepMs` after it ends (its record stays in the store). */
  add(run: VerificationRun, keepMs = 10 * 60_000): void {
    this.#runs.set(run.id, run);
    void run.finished.then(() => {
      setTimeout(() => this.#runs.delete(run.id), keepMs).unref();
    });
  }

  /** The run with this id, if it is in memory. */
  get(id: string): VerificationRun | undefined {
    return this.#runs.get(id);
  }
}
