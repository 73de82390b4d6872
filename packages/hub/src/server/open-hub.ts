import type { DestinationStream, Logger } from 'pino';
import type { LoadedMasterKey } from '../config/load-master-key.js';
import type { HubConfig } from '../config/load-config.js';
import type { HubContext } from '../hub-context.js';
import { defaultDuoConnectOptions, type DuoConnectOptions } from '../integrations/duo-connect-options.js';
import { createLogger } from '../log/create-logger.js';
import { SecretScrubber } from '../log/secret-scrubber.js';
import { configuredKeyLoader } from '../keys/configured-key-loader.js';
import { followCurrentKey } from '../keys/follow-current-key.js';
import { openStore, type StoreKeyStatus } from '../store/open-store.js';
import { setJobPoolSize } from '../jobs/graphile/job-pool.js';
import { splitDatabaseConnections } from '../config/database-connections.js';

/** An opened hub: services ready, store migrated. */
export interface OpenedHub {
  hub: HubContext;
  /** Where the key came from and what the start-up check found (never the key). */
  masterKey: Omit<LoadedMasterKey, 'key'> & StoreKeyStatus;
  close(): Promise<void>;
}

/** Options of `openHub`. */
export interface OpenHubOptions {
  config: HubConfig;
  logger?: Logger;
  /** Where JSON logs go when no logger is given (default stdout). */
  logDestination?: DestinationStream;
  duo?: Partial<DuoConnectOptions>;
  now?: () => Date;
  /** How often the hub checks whether `duohub keys rotate` recorded a new key (ms). */
  keyPollMs?: number;
}

/** Loads the master key, opens and migrates the store, and wires logging and Duo options. */
export async function openHub(options: OpenHubOptions): Promise<OpenedHub> {
  const { config } = options;
  const scrubber = new SecretScrubber();
  const logger =
    options.logger ??
    createLogger({ level: config.logLevel, scrubber, ...(options.logDestination ? { destination: options.logDestination } : {}) });
  const keys = configuredKeyLoader(config);
  // The process's connections to Postgres, shared between the store and the job runners started later.
  const connections = splitDatabaseConnections(config.databaseConnections);
  setJobPoolSize(connections.jobs);
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, poolSize: connections.store, loadKeys: (empty) => keys.loadKeys(empty), scrubber });
  const masterKey = { ...keys.loaded!, ...store.masterKey };
  const following = followCurrentKey(store, logger, options.keyPollMs);
  const hub: HubContext = {
    store,
    logger,
    scrubber,
    duo: defaultDuoConnectOptions({ allowCustomOrigins: config.allowCustomDuoOrigins, ...options.duo }),
    now: options.now ?? (() => new Date()),
  };
  return {
    hub,
    masterKey,
    close: () => {
      following.stop();
      // Idle keep-alive sockets to Duo would otherwise hold the process open for a few seconds.
      hub.duo.pools?.close();
      return store.close();
    },
  };
}
