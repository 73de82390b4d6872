import { Logger as GraphileLogger } from 'graphile-worker';
import type { Logger } from 'pino';

/** graphile-worker's errors and warnings as the hub's log lines (its info and debug are noise). */
export function graphileLogger(logger: Logger): GraphileLogger {
  return new GraphileLogger((scope) => (level, message) => {
    if (level === 'error') logger.error({ scope: { label: scope.label } }, `graphile-worker: ${message}`);
    // The job pool is smaller than a runner's concurrency on purpose (see job-pool.ts): not a warning.
    else if (level === 'warning' && !message.includes('maxPoolSize')) logger.warn({ scope: { label: scope.label } }, `graphile-worker: ${message}`);
  });
}
