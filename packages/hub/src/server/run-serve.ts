import type { DestinationStream } from 'pino';
import { ensureBootstrapToken } from '../access/token-service.js';
import type { ApiRouteModule } from '../api/define-api-route.js';
import { loadConfig } from '../config/load-config.js';
import type { CliIo } from '../cli/define-command.js';
import { startBulkJobsFromEnv } from '../bulk/start-bulk-jobs-from-env.js';
import { startCoverageJobsFromEnv } from '../jobs/mfa-coverage/start-coverage-jobs-from-env.js';
import { duoLogPacingFromEnv } from '../jobs/log-sync/duo-log-pacing-from-env.js';
import { startLogSyncJobsFromEnv } from '../jobs/log-sync/start-log-sync-jobs-from-env.js';
import { startLogForwardingFromEnv } from '../logs/forwarding/start-log-forwarding-from-env.js';
import { startBaselineChecksFromEnv } from '../baselines/baseline-scheduler.js';
import { heapFloorFromEnv, startHeapGovernor } from './heap-governor.js';
import { openHub } from './open-hub.js';
import { startServer, type RunningServer } from './start-server.js';

/** Options of `runServe` (the `duohub serve` command). */
export interface RunServeOptions {
  env: Record<string, string | undefined>;
  io: CliIo;
  port?: number;
  host?: string;
  routeModules?: readonly ApiRouteModule[];
  /** Resolves when the server should stop; default: SIGINT or SIGTERM. */
  until?: Promise<unknown>;
  logDestination?: DestinationStream;
  onListening?(server: RunningServer): void;
}

/**
 * Opens the store (migrating it), makes sure an admin token exists (printing a generated one once,
 * to stderr, never to the JSON log), serves until told to stop, then shuts down gracefully.
 */
export async function runServe(options: RunServeOptions): Promise<number> {
  const config = loadConfig(options.env);
  const heapFloor = heapFloorFromEnv(options.env);
  const opened = await openHub({ config, duo: duoLogPacingFromEnv(options.env), ...(options.logDestination ? { logDestination: options.logDestination } : {}) });
  const { hub } = opened;
  try {
    if (opened.masterKey.warning) hub.logger.warn(opened.masterKey.warning);
    const { masterKey } = opened;
    if (masterKey.source === 'generated') {
      hub.logger.warn({ file: masterKey.file }, 'generated a new master key; back it up: without it stored secrets cannot be read');
    }
    if (masterKey.outcome === 'adopted') hub.logger.warn({ keyId: masterKey.keyId }, 'adopted a new master key: the store is re-sealed under it');
    if (masterKey.upgraded > 0) hub.logger.info({ keyId: masterKey.keyId, values: masterKey.upgraded }, 're-sealed stored secrets under the current master key');
    if (masterKey.unreadable > 0) {
      hub.logger.warn(
        { values: masterKey.unreadable },
        'some sealed values are under a master key this hub does not hold; keep the master.key.retired-* files or set DUOHUB_MASTER_KEY_PREVIOUS',
      );
    }
    const bootstrap = await ensureBootstrapToken(hub, config.adminToken);
    if (bootstrap.token) {
      options.io.err(`\nBootstrap admin token (shown once; store it now):\n\n  ${bootstrap.token}\n\n`);
    }
    // Resumes unfinished MFA coverage runs (and starts the schedule) before requests arrive.
    const coverage = await startCoverageJobsFromEnv(hub, options.env, config.databaseUrl);
    // Bulk runs likewise: items a crashed process left `calling` are settled without calling twice.
    const bulk = await startBulkJobsFromEnv(hub, options.env, config.databaseUrl);
    // Likewise log sync: units left held by a crashed process are resumed from their checkpoints.
    const logSync = await startLogSyncJobsFromEnv(hub, options.env, config.databaseUrl);
    // Forwards stored logs to destinations and evaluates alert rules (each under a lease shared by replicas).
    const forwarding = await startLogForwardingFromEnv(hub, options.env);
    // Scheduled baseline drift checks (each slot claimed in the store, so replicas check once).
    const baselines = await startBaselineChecksFromEnv(hub, options.env);
    const server = await startServer({
      hub,
      port: options.port ?? config.port,
      host: options.host ?? config.host,
      ...(options.routeModules ? { routeModules: options.routeModules } : {}),
    });
    // A soft heap limit (DUOHUB_HEAP_TARGET_MB, default 64, `off` to leave V8 to itself): see heap-governor.ts.
    const governor = heapFloor === undefined ? undefined : startHeapGovernor({ floorBytes: heapFloor });
    hub.logger.info({ url: server.url, store: hub.store.dialect, location: hub.store.location }, 'duohub listening');
    options.onListening?.(server);
    await (options.until ?? untilSignal());
    hub.logger.info('shutting down');
    governor?.stop();
    await server.close();
    await coverage.stop();
    await bulk.stop();
    await logSync.stop();
    await forwarding.stop();
    await baselines.stop();
    return 0;
  } finally {
    await opened.close();
    hub.logger.flush?.();
  }
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
