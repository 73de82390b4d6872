/**
 * Users counted so far by a run's tasks in progress: per task, the larger of what its holder last
 * wrote to the store (at each lease renewal) and what this process counted live, when it holds it.
 */
export function inFlightUsers(running: ReadonlyArray<{ account_id: string; users_seen: number }>, live: ReadonlyMap<string, number> | undefined): number {
  let total = 0;
  for (const task of running) total += Math.max(Number(task.users_seen), live?.get(task.account_id) ?? 0);
  return total;
}
