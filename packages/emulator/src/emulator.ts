import type { RateDecisionRecord } from './rate-decision-log.js';
import type { EmulatorOptions, FaultRule, RateLimitOptions, ResolvedEmulatorOptions, Route } from './route.js';
import type { EmulatorState } from './state/types.js';

/** Options that `configure` may change while the emulator runs. */
export type RuntimeConfig = Partial<
  Pick<EmulatorOptions, 'clockSkewSec' | 'rejectSha1' | 'overMaxLimit' | 'otp' | 'unknownHosts' | 'authLongPollMs' | 'newUserPolicy' | 'logDelayMs'
  >
> & { faults?: FaultRule[]; rateLimits?: RateLimitOptions };

/** One integration's credentials as `credentials()` and `--print-credentials` list them. */
export interface IntegrationCredentials {
  type: 'admin' | 'auth' | 'accounts';
  name: string;
  integration_key: string;
  secret_key: string;
  api_hostname: string;
  grants?: Record<string, boolean>;
}

/** Every account's host and integrations, so any client can be pointed at the emulator. */
export interface EmulatorCredentials {
  accounts: Array<{
    account_id: string;
    name: string;
    api_hostname: string;
    parent_id: string | null;
    integrations: IntegrationCredentials[];
  }>;
}

/** One recorded run of a non-idempotent operation. */
export interface ExecutionRecord {
  operation: string;
  account_id: string;
  /** Epoch ms on the emulator's clock. */
  at: number;
  detail?: Record<string, unknown>;
}

/** What the emulator has seen since the last reset. */
export interface EmulatorStats {
  /** `METHOD pattern` (or `unmatched`) -> HTTP status -> count. */
  requests: Record<string, Record<string, number>>;
  /**
   * Account id -> `METHOD pattern` -> count: every request that got as far as naming its Duo account
   * (signature and host checked), whatever its answer. Shows which account a client really reached.
   */
  accountRequests: Record<string, Record<string, number>>;
  /** Operation name -> times it ran; more than one for one logical call means a duplicate. */
  executions: Record<string, number>;
  /** Each execution in order, with its detail (the last 10,000). */
  executionLog: ExecutionRecord[];
  /** Handler exceptions turned into 500/50001. */
  internalErrors: number;
}

/** A running emulator on a real port. */
export interface ListeningServer {
  url: string;
  port: number;
  /** TCP connections this server accepted since it started, and how many are open now (how a client pools shows here). */
  connections(): { accepted: number; open: number };
  close(): Promise<void>;
}

/** A local Duo: in-process `fetch`, a real port, live state and test controls. */
export interface Emulator {
  /** Answers one request in process. A connection-reset fault rejects with a TypeError, as fetch does. */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** Serves over node:http; port 0 picks a free port. */
  listen(opts?: { port?: number; host?: string }): Promise<ListeningServer>;
  /** The live state; handlers mutate it, tests may read and change it. */
  readonly state: EmulatorState;
  /** Options in force, including runtime changes. */
  readonly options: ResolvedEmulatorOptions;
  /** Changes faults, rate limits, skew, SHA-1 policy, over-max behaviour or the OTP at runtime. */
  configure(patch: RuntimeConfig): void;
  credentials(): EmulatorCredentials;
  /** Adds per-test routes, matched before the built-in ones. */
  use(...routes: Route[]): void;
  /** Drops every route added with `use`. */
  resetHandlers(): void;
  /** Back to the initial seed: state, RNG, counters and rate-limit buckets. */
  reset(): void;
  /** A deep copy of the state as JSON-ready data. */
  exportState(): EmulatorState;
  /** Replaces the live state with a deep copy of `state`. */
  importState(state: EmulatorState): void;
  stats(): EmulatorStats;
  /** The rate-limit decisions kept (see `recordRateDecisions`), oldest first; `clear` empties the log. */
  rateDecisions(options?: { clear?: boolean }): RateDecisionRecord[];
  /**
   * Adds a Trust Monitor event to an account (default: the parent), surfaced now unless the input
   * says when; missing fields get Duo-like defaults. Answers the stored event (its `sekey` included).
   */
  addTrustMonitorEvent(
    event?: import('./logs/trust-monitor.js').TrustMonitorEventInput,
    accountId?: string,
  ): import('./logs/log-records.js').TrustMonitorEventRecord;
  /** Adds a row to one of an account's logs (default: the parent), timed now unless given; answers the stored row. */
  addLogEntry<K extends import('./logs/add-log-entry.js').ScriptableLog>(
    kind: K,
    entry?: Record<string, unknown>,
    accountId?: string,
  ): import('./logs/add-log-entry.js').ScriptedRow[K];
  /** Closes every server `listen` opened. */
  close(): Promise<void>;
}
