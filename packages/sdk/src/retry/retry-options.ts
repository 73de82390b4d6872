import type { DuoError, DuoErrorRequest } from '../errors/duo-error.js';
import type { RetryReason } from './decide-retry.js';

/** How failed attempts are retried. Defaults follow Duo's official clients (1, 2, 4 ... 32 s + 0-1 s). */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 7 (Duo's clients: six retries). */
  maxAttempts?: number;
  /** Give up rather than wait longer than this in total across retries. Default 120000 ms. */
  maxTotalWaitMs?: number;
  /** First backoff. Default 1000 ms. */
  initialDelayMs?: number;
  /** Backoff growth per retry. Default 2. */
  factor?: number;
  /** Largest backoff before jitter. Default 32000 ms. */
  maxDelayMs?: number;
  /** Uniform jitter added to each wait, 0..jitterMs. Default 1000 ms. */
  jitterMs?: number;
  /** Honour Retry-After / X-Retry-After on 429 when present. Default true. */
  honorRetryAfter?: boolean;
  /** Stop instead of waiting when Retry-After asks for more than this. Default 60000 ms. */
  maxRetryAfterMs?: number;
  /** Called before each wait. The client-level `onRetry` option is called as well. */
  onRetry?: (info: RetryInfo) => void;
  /** Injectable for tests: waits `ms` (rejecting when the signal aborts). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injectable for tests: uniform in [0, 1). */
  random?: () => number;
}

/** What `onRetry` hears about each retry. */
export interface RetryInfo {
  /** The attempt that failed, from 1. */
  attempt: number;
  /** Milliseconds the client is about to wait. */
  delayMs: number;
  reason: RetryReason;
  /** The failure (secret-free like every DuoError). */
  error: DuoError;
  request: DuoErrorRequest;
  /** Set when Duo's Retry-After chose the wait. */
  retryAfterMs?: number;
  /** Set for a 429 on a paced call: `delayMs` is 0 and the pacer holds the retry until Duo has a token. */
  paced?: true;
}

/** Retry options with every default filled in. */
export type ResolvedRetryOptions = Required<Omit<RetryOptions, 'onRetry'>> & Pick<RetryOptions, 'onRetry'>;

/** Duo's schedule and limits, used wherever an option is left out. */
export const DEFAULT_RETRY: Omit<ResolvedRetryOptions, 'sleep' | 'random' | 'onRetry'> = {
  maxAttempts: 7,
  maxTotalWaitMs: 120_000,
  initialDelayMs: 1_000,
  factor: 2,
  maxDelayMs: 32_000,
  jitterMs: 1_000,
  honorRetryAfter: true,
  maxRetryAfterMs: 60_000,
};
