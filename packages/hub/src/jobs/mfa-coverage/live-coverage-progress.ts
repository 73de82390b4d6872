/**
 * Users counted so far by the tasks this process is scanning, kept as pages arrive. A run's view adds
 * them to the store's counters, so progress moves with every page instead of with every lease renewal
 * (which is when a task's count reaches the store, for other replicas to see).
 */
export class LiveCoverageProgress {
  readonly #runs = new Map<string, Map<string, number>>();

  /** Counts `users` more for a task in progress. */
  add(runId: string, accountId: string, users: number): void {
    let tasks = this.#runs.get(runId);
    if (!tasks) this.#runs.set(runId, (tasks = new Map()));
    tasks.set(accountId, (tasks.get(accountId) ?? 0) + users);
  }

  /** The task ended here (outcome written, released or lost): its users now come from the store. */
  end(runId: string, accountId: string): void {
    const tasks = this.#runs.get(runId);
    tasks?.delete(accountId);
    if (tasks?.size === 0) this.#runs.delete(runId);
  }

  /** Users counted so far per account of a run's tasks in progress here. */
  usersOf(runId: string): ReadonlyMap<string, number> {
    return this.#runs.get(runId) ?? new Map();
  }
}
