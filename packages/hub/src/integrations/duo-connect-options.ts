import type { Pacer, PacingOptions, RetryOptions } from '@duohub/sdk';
import { DuoClientPool } from './duo-client-pool.js';
import { createSeededPacer, exportPacerState } from './pacer-state-adapter.js';

/** How the hub reaches Duo: transport overrides for tests, timeouts, and shared pacing. */
export interface DuoConnectOptions {
  /** In-process transport (the emulator's `fetch`); when absent the SDK uses real HTTP. */
  fetch?: ((req: Request) => Promise<Response>) | undefined;
  /** Per-request timeout for credential checks, ms. */
  checkTimeoutMs: number;
  /** Per-request timeout for other calls (listing accounts, actions), ms. */
  timeoutMs: number;
  /** A 40103 is blamed on the clock when the measured skew exceeds this many seconds. */
  clockSkewWindowSec: number;
  /** One pacer per Duo account, shared by every client the hub builds for it. */
  pacers: PacerRegistry;
  /**
   * Clients and keep-alive connection pools per credential set, reused across calls; absent means a
   * fresh client (and connections) per call.
   */
  pools?: DuoClientPool | undefined;
  /**
   * Retries of calls other than checks. The default suits a person waiting on an HTTP answer
   * (up to 4 attempts within 10 s); long-running jobs should pass Duo's full schedule (`{}`).
   */
  retry: RetryOptions | false;
  /**
   * Whether base URL overrides and API hosts outside Duo's domains are accepted
   * (DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS). Off by default: otherwise any admin could aim the hub at
   * internal addresses (SSRF).
   */
  allowCustomOrigins: boolean;
  /**
   * Connect-address for an API host when no base URL is set (like curl's --connect-to): the demo
   * routes its emulator's account hostnames here. Undefined means "connect to the host itself".
   */
  connectTo?: ((host: string) => string | undefined) | undefined;
}

/**
 * Hands out one SDK Pacer per key (integration + Duo account), created on first use, seeded with
 * what an earlier process learned about that account when the store had it (`seed`).
 */
export class PacerRegistry {
  readonly #pacers = new Map<string, { pacer: Pacer; bornAt: number }>();
  readonly #seeds = new Map<string, unknown>();
  /** What the store holds for an account as far as this process knows (see `storedAs`). */
  readonly #stored = new Map<string, string>();
  readonly #options: PacingOptions | undefined;
  readonly #now: () => number;

  constructor(options?: PacingOptions) {
    this.#options = options;
    this.#now = options?.now ?? Date.now;
  }

  /** The pacer for `integrationId` and a Duo account (`parent` for the integration's own). */
  get(integrationId: string, accountId: string): Pacer {
    const key = `${integrationId}|${accountId}`;
    let live = this.#pacers.get(key);
    if (!live) {
      live = { pacer: createSeededPacer(this.#options, this.#seeds.get(key)), bornAt: this.#now() };
      this.#seeds.delete(key);
      this.#pacers.set(key, live);
    }
    return live.pacer;
  }

  /** Whether a pacer for this account is live in this process (its state then beats any stored one). */
  has(integrationId: string, accountId: string): boolean {
    return this.#pacers.has(`${integrationId}|${accountId}`);
  }

  /**
   * When the account's live pacer was created (epoch ms), or undefined: what it knows was learned
   * since then, or seeded from a state stored before.
   */
  bornAt(integrationId: string, accountId: string): number | undefined {
    return this.#pacers.get(`${integrationId}|${accountId}`)?.bornAt;
  }

  /** Remembers a stored state for the account's pacer when it is created; ignored once the pacer is live. */
  seed(integrationId: string, accountId: string, state: unknown): void {
    const key = `${integrationId}|${accountId}`;
    if (state !== undefined && !this.#pacers.has(key)) this.#seeds.set(key, state);
  }

  /** The live pacer's learned state, for the store; undefined when there is none or the SDK cannot export it. */
  exportState(integrationId: string, accountId: string): unknown {
    const live = this.#pacers.get(`${integrationId}|${accountId}`);
    return live ? exportPacerState(live.pacer) : undefined;
  }

  /**
   * The learned limits the store holds for the account as far as this process last read or wrote
   * them (a serialized form of the state's buckets), so that an unchanged state is not written again
   * after every task: a thousand accounts' runs wrote a thousand identical rows. Undefined: unknown.
   */
  storedAs(integrationId: string, accountId: string): string | undefined {
    return this.#stored.get(`${integrationId}|${accountId}`);
  }

  /** Notes what the store now holds for the account (see `storedAs`). */
  noteStored(integrationId: string, accountId: string, serialized: string): void {
    this.#stored.set(`${integrationId}|${accountId}`, serialized);
  }

  /**
   * Forgets an integration's pacers (after it is deleted or its hosts change, or its learned limits
   * are reset), or one account's. Clients built earlier keep the pacer they hold; the pool builds new
   * ones for the pacer that replaces it.
   */
  forget(integrationId: string, accountId?: string): void {
    const matches = (key: string) => (accountId === undefined ? key.startsWith(`${integrationId}|`) : key === `${integrationId}|${accountId}`);
    for (const key of this.#pacers.keys()) if (matches(key)) this.#pacers.delete(key);
    for (const key of this.#seeds.keys()) if (matches(key)) this.#seeds.delete(key);
    for (const key of this.#stored.keys()) if (matches(key)) this.#stored.delete(key);
  }
}

/** Defaults: 10 s per check call, 30 s per other call, Duo's believed ±300 s signature window, short retries, pooled clients, Duo hosts only. */
export function defaultDuoConnectOptions(overrides: Partial<DuoConnectOptions> = {}): DuoConnectOptions {
  return {
    checkTimeoutMs: 10_000,
    timeoutMs: 30_000,
    clockSkewWindowSec: 300,
    pacers: new PacerRegistry(),
    pools: new DuoClientPool(),
    retry: { maxAttempts: 4, maxTotalWaitMs: 10_000 },
    allowCustomOrigins: false,
    ...overrides,
  };
}
