/** Connections one process keeps to Postgres by default: its store's pool and its job runners' together. */
export const DEFAULT_DATABASE_CONNECTIONS = 20;

/**
 * The fewest a process may be given: graphile-worker's runners (coverage, bulk, log sync) hold a
 * LISTEN connection each from the job pool, which needs one more to fetch and complete jobs, and the
 * store's pool as many again for its transactions beside reads.
 */
export const MIN_DATABASE_CONNECTIONS = 8;

/** How `DUOHUB_DATABASE_CONNECTIONS` is shared: half to the store, the rest to the job runners. Pure. */
export function splitDatabaseConnections(total: number): { store: number; jobs: number } {
  const store = Math.floor(total / 2);
  return { store, jobs: total - store };
}
