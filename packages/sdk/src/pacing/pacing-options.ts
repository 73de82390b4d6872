import type { EndpointClass } from './endpoint-class.js';

/** How the client paces itself below Duo's request-rate limits. */
export interface PacingOptions {
  /** Requests per minute per (host, account, class); `Infinity` leaves a class unpaced. */
  rates?: Partial<Record<EndpointClass, number>>;
  /** Requests allowed back to back after idle time, per class. Default: a tenth of a minute's rate, at least 1. */
  burst?: Partial<Record<EndpointClass, number>>;
  /** Rate multiplier on each 429. Default 0.5. */
  decreaseFactor?: number;
  /** Share of the configured rate regained per success. Default 0.01 (about 50 successes from half speed). */
  recoveryPerSuccess?: number;
  /** The rate never falls below this share of the configured rate. Default 0.05. */
  minRateFraction?: number;
  /** Injectable for tests: epoch ms. */
  now?: () => number;
  /** Injectable for tests: waits `ms`, rejecting when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Requests per minute per class: Duo's quoted figures (admin_*), 40/min for the Accounts API
 * (unpublished; the emulator's figure) and 600/min for the Auth API (ours; Duo publishes none).
 */
export const DEFAULT_RATES: Readonly<Record<EndpointClass, number>> = {
  admin_modify: 300,
  admin_get_one: 300,
  admin_get_page: 200,
  admin_get_all: 40,
  admin_logs: 2,
  accounts: 40,
  auth: 600,
};

/** AIMD parameters used wherever an option is left out. */
export const DEFAULT_ADAPTATION = { decreaseFactor: 0.5, recoveryPerSuccess: 0.01, minRateFraction: 0.05 } as const;

/** The default burst for a rate: a tenth of a minute's worth, at least one request. */
export function defaultBurst(perMinute: number): number {
  return Math.max(1, Math.round(perMinute / 10));
}
