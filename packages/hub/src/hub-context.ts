import type { Logger } from 'pino';
import type { SecretScrubber } from './log/secret-scrubber.js';
import type { Store } from './store/open-store.js';
import type { DuoConnectOptions } from './integrations/duo-connect-options.js';

/** What every service function needs: the store, logging, and how to reach Duo. */
export interface HubContext {
  store: Store;
  logger: Logger;
  scrubber: SecretScrubber;
  duo: DuoConnectOptions;
  /** The hub's clock (tests pin it). */
  now(): Date;
}
