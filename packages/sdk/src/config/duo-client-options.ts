import type { Pacer } from '../pacing/pacer.js';
import type { PacingOptions } from '../pacing/pacing-options.js';
import type { RetryInfo, RetryOptions } from '../retry/retry-options.js';
import type { SigningOptions } from '../signing/signing-options.js';
import type { FetchLike } from '../transport/fetch-transport.js';
import type { Transport } from '../transport/transport.js';

/** Options of every Duo client (Admin, Accounts, Auth). */
export interface DuoClientOptions extends SigningOptions {
  /** Connect here instead of `https://host` (e.g. `http://127.0.0.1:PORT`); requests still sign and send `Host: host`. */
  baseUrl?: string;
  /** An in-process transport (e.g. the emulator's `emu.fetch`); the Request URL carries `host`. baseUrl, ca and proxy are then unused. */
  fetch?: FetchLike;
  /** Per-attempt timeout, connect to last byte. Default 30000 ms. */
  timeoutMs?: number;
  /** Timeout of calls Duo holds open: synchronous auth and auth_status. Default 90000 ms. */
  longPollTimeoutMs?: number;
  /** Retry policy, or false for a single attempt. */
  retry?: RetryOptions | false;
  /** Pacing below Duo's rate limits: options, a Pacer shared with other clients, or false. */
  pacing?: PacingOptions | Pacer | false;
  /** Extra trusted CA certificate(s), PEM. */
  ca?: string | Buffer;
  /** `http://[user:pass@]proxy:port` (or https://): tunnel every request with CONNECT. */
  proxy?: string;
  /**
   * A connection pool shared with other clients (e.g. a `NodeTransport` kept per credential set), so
   * clients built per call reuse warm connections. The client never closes it: its owner does.
   * `ca`, `proxy`, `keepAlive`, `maxSockets` and `maxBodiesReading` are then the transport's business.
   */
  transport?: Transport;
  /** Reuse connections (keep-alive). Default true. */
  keepAlive?: boolean;
  /** Pooled connections per origin. Default 32. */
  maxSockets?: number;
  /**
   * Answers read at once across this client and its children; the others wait paused in their sockets,
   * which keeps memory flat when answers arrive faster than they are parsed (a fleet scan). Default unlimited.
   */
  maxBodiesReading?: number;
  /** Called before each retry wait. */
  onRetry?: (info: RetryInfo) => void;
  /** User-Agent header. Default `duohub-sdk/<version> node/<version>`. */
  userAgent?: string;
  /** Clock used for the signed Date, epoch ms. Default Date.now. */
  now?: () => number;
}
