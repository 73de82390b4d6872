import type { HubContext } from '../../hub-context.js';
import { completeCoverageTasks, type Completion, type CompletionResult } from './complete-coverage-task.js';

// Outcomes written in one transaction at most: a batch's statements hold the store (SQLite's one
// writer, Postgres's run rows) only briefly.
export const MAX_COMPLETION_BATCH = 100;

/**
 * Writes the outcomes of this process's coverage tasks, those that end together in one transaction
 * (`completeCoverageTasks`). A completion waits only for the current turn of the event loop: the
 * tasks whose last answers were read in the same turn are written together, so a busy hub (a
 * thousand accounts ending within seconds) commits once per turn rather than once per account, and
 * an idle one writes at once. One batch at a time; a failed batch fails each of its completions
 * (their tasks are retried as any task whose outcome could not be written).
 */
export class CoverageCompletions {
  readonly #hub: Pick<HubContext, 'store' | 'now'>;
  readonly #write: typeof completeCoverageTasks;
  #pending: Array<{ completion: Completion; resolve: (r: CompletionResult) => void; reject: (e: unknown) => void }> = [];
  #flushing = false;

  /** `write`: injectable for tests. */
  constructor(hub: Pick<HubContext, 'store' | 'now'>, write: typeof completeCoverageTasks = completeCoverageTasks) {
    this.#hub = hub;
    this.#write = write;
  }

  /** Writes one task's outcome with whatever else ends in this turn. */
  complete(completion: Completion): Promise<CompletionResult> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ completion, resolve, reject });
      if (this.#pending.length === 1 && !this.#flushing) setImmediate(() => void this.#flush());
    });
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending.splice(0, MAX_COMPLETION_BATCH);
        try {
          const results = await this.#write(
            this.#hub,
            batch.map((b) => b.completion),
          );
          batch.forEach((b, i) => b.resolve(results[i]!));
        } catch (error) {
          for (const b of batch) b.reject(error);
        }
      }
    } finally {
      this.#flushing = false;
    }
  }
}
