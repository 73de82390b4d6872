import type { PacerState } from './pacer-state.js';
import type { EndpointClass } from './endpoint-class.js';

/** How the client paces itself below Duo's request-rate limits, learning each bucket as it goes. */
export interface PacingOptions {
  /**
   * Requests per minute per (host, account, class) to start from (the ceiling is `maxRates`);
   * `Infinity` leaves a class unpaced. Default: Duo's published figures (`DEFAULT_RATES`).
   */
  rates?: Partial<Record<EndpointClass, number>>;
  /**
   * The fastest each class is ever paced, per minute: a bucket starts at `rates` and, while callers
   * wait on it and Duo accepts, climbs toward this until a 429 says where Duo's limit is. Default:
   * twice `rates` (Duo's figures are quotes from 2019, and accounts may be allowed more); set it to
   * `rates` to never pace faster than published.
   */
  maxRates?: Partial<Record<EndpointClass, number>>;
  /** A known burst per class: used as given, not probed (still lowered if Duo proves it smaller). */
  burst?: Partial<Record<EndpointClass, number>>;
  /** The rate never falls below this share of the starting rate. Default 0.05. */
  minRateFraction?: number;
  /** Learned rates and bursts from `pacer.exportState()` of an earlier run, to start from. */
  initialState?: PacerState;
  /** Ignore `initialState` entries learned longer ago than this (ms). Default 7 days. */
  maxStateAgeMs?: number;
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

/** Defaults for the learning, used wherever an option is left out. */
export const DEFAULT_LEARNING = { minRateFraction: 0.05, maxStateAgeMs: 7 * 24 * 3_600_000, maxRateFactor: 2 } as const;

/**
 * The burst a bucket starts from when none is known: one, whatever the rate. Guessing too small
 * costs a few round trips once while probing finds the real burst; guessing too large costs a 429
 * on the first use of every account and leaves a burst believed from saved tokens to be talked down
 * one 429 at a time (measured: starting at one per 100/min drew 429s in learned runs the
 * convergence tests forbid).
 */
export function initialBurst(_perMinute: number): number {
  return 1;
}

/** The most a probed burst may grow to: a minute's worth, the most a "per minute" limit can mean. */
export function maxProbedBurst(perMinute: number): number {
  return Math.max(initialBurst(perMinute), Math.floor(perMinute));
}
