import { Pacer, type PacingOptions, type RetryOptions } from '@duohub/sdk';

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
   * Retries of calls other than checks. The default suits a person waiting on an HTTP answer
   * (up to 4 attempts within 10 s); long-running jobs should pass Duo's full schedule (`{}`).
   */
  retry: RetryOptions | false;
}

/** Hands out one SDK Pacer per key (integration + Duo account), created on first use. */
export class PacerRegistry {
  readonly #pacers = new Map<string, Pacer>();
  readonly #options: PacingOptions | undefined;

  constructor(options?: PacingOptions) {
    this.#options = options;
  }

  /** The pacer for `integrationId` and a Duo account (`parent` for the integration's own). */
  get(integrationId: string, accountId: string): Pacer {
    const key = `${integrationId}|${accountId}`;
    let pacer = this.#pacers.get(key);
    if (!pacer) {
      pacer = new Pacer(this.#options);
      this.#pacers.set(key, pacer);
    }
    return pacer;
  }

  /** Forgets an integration's pacers (after it is deleted or its hosts change). */
  forget(integrationId: string): void {
    for (const key of this.#pacers.keys()) if (key.startsWith(`${integrationId}|`)) this.#pacers.delete(key);
  }
}

/** Defaults: 10 s per check call, 30 s per other call, Duo's believed ±300 s signature window, short retries. */
export function defaultDuoConnectOptions(overrides: Partial<DuoConnectOptions> = {}): DuoConnectOptions {
  return {
    checkTimeoutMs: 10_000,
    timeoutMs: 30_000,
    clockSkewWindowSec: 300,
    pacers: new PacerRegistry(),
    retry: { maxAttempts: 4, maxTotalWaitMs: 10_000 },
    ...overrides,
  };
}
