/**
 * Starts a graphile runner with `open`; when that fails, `stop` closes what it had opened by then (a
 * share of the process's job pool, graphile's utilities, its runner) before the error goes on: the
 * caller gives up on the runner, and nothing else would end them.
 */
export async function startOrStop(open: () => Promise<void>, stop: () => Promise<void>): Promise<void> {
  try {
    await open();
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
