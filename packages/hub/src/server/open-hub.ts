import type { DestinationStream, Logger } from 'pino';
import { loadMasterKey, type MasterKeySource } from '../config/load-master-key.js';
import type { HubConfig } from '../config/load-config.js';
import type { HubContext } from '../hub-context.js';
import { defaultDuoConnectOptions, type DuoConnectOptions } from '../integrations/duo-connect-options.js';
import { createLogger } from '../log/create-logger.js';
import { SecretScrubber } from '../log/secret-scrubber.js';
import { openStore } from '../store/open-store.js';

/** An opened hub: services ready, store migrated. */
export interface OpenedHub {
  hub: HubContext;
  masterKey: { source: MasterKeySource; file?: string; warning?: string };
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
}

/** Loads the master key, opens and migrates the store, and wires logging and Duo options. */
export async function openHub(options: OpenHubOptions): Promise<OpenedHub> {
  const { config } = options;
  const scrubber = new SecretScrubber();
  const logger =
    options.logger ??
    createLogger({ level: config.logLevel, scrubber, ...(options.logDestination ? { destination: options.logDestination } : {}) });
  const { key, ...masterKey } = await loadMasterKey(config.dataDir, config.masterKey);
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, masterKey: key, scrubber });
  key.fill(0);
  const hub: HubContext = {
    store,
    logger,
    scrubber,
    duo: defaultDuoConnectOptions(options.duo),
    now: options.now ?? (() => new Date()),
  };
  return { hub, masterKey, close: () => store.close() };
}
