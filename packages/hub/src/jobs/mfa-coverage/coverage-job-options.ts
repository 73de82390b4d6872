import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { RetryOptions } from '@duohub/sdk';
import { envInteger, envReplicaId } from '../../config/env-values.js';
import { HubConfigError } from '../../config/load-config.js';
import { parseInterval } from './parse-interval.js';

/** How this process runs coverage tasks. */
export interface CoverageJobOptions {
  /** Names this hub process in task rows (`processed_by`); unique per replica. */
  replicaId: string;
  /**
   * An optional cap on accounts scanned at once by this process. Undefined: none on SQLite, where every
   * account of a run is scanned at once (each is its own Duo rate-limit domain, and `pagesInFlight`
   * bounds sockets and memory); on Postgres, graphile-worker's jobs per replica (DEFAULT_GRAPHILE_JOBS).
   */
  concurrency: number | undefined;
  /** Page reads in flight at once across every account this process scans: its bound on sockets and memory. */
  pagesInFlight: number;
  /** How long a claim on a task stands without renewal; holders renew at a third of it. */
  leaseMs: number;
  /** How often an idle runner looks for work it was not told about (other processes, expired leases). */
  pollMs: number;
  /** Interval between scheduled runs per integration; undefined: no schedule. */
  scheduleMs: number | undefined;
  /** Retries of Duo calls inside tasks; undefined: the hub's own (`hub.duo.retry`). */
  retry?: RetryOptions | false | undefined;
}

/**
 * Page reads in flight per process by default. Sockets: a read holds one while on the wire, far below
 * the file limit. Memory: a user page (300 users) is about 0.37 MB as JSON and a few times that parsed
 * for the moment it is counted; answers are read at most 32 at once (the Duo client pool's read gate),
 * and every account with a read in flight holds its tally. Latency: 64 reads per round trip of 50 ms
 * is 1,280 pages a second, several times what one core parses. Measured (bench:coverage, every
 * account with its own connections as against Duo): at 100 accounts x 2,500 users, 128 peaked at
 * 282 MB and 64 at 253 MB; at the 40 x 2,500, 238 and 207 MB, in the same wall time.
 */
export const DEFAULT_PAGES_IN_FLIGHT = 64;

/** Defaults: every account at once within 64 page reads in flight, a 30 s lease, a 1 s idle poll, no schedule. */
export function defaultCoverageJobOptions(overrides: Partial<CoverageJobOptions> = {}): CoverageJobOptions {
  return {
    replicaId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    concurrency: undefined,
    pagesInFlight: DEFAULT_PAGES_IN_FLIGHT,
    leaseMs: 30_000,
    pollMs: 1000,
    scheduleMs: undefined,
    ...overrides,
  };
}

/**
 * Reads DUOHUB_COVERAGE_SCHEDULE (`24h`, `90m`...), DUOHUB_COVERAGE_CONCURRENCY, DUOHUB_COVERAGE_PAGES_IN_FLIGHT,
 * DUOHUB_COVERAGE_LEASE_MS and DUOHUB_REPLICA_ID; throws HubConfigError naming the variable when one is invalid.
 */
export function coverageJobOptionsFromEnv(env: Record<string, string | undefined>): CoverageJobOptions {
  const overrides: Partial<CoverageJobOptions> = {};
  const schedule = env.DUOHUB_COVERAGE_SCHEDULE?.trim();
  if (schedule && schedule !== 'off') {
    const ms = parseInterval(schedule);
    if (ms === undefined || ms < 60_000) throw new HubConfigError('DUOHUB_COVERAGE_SCHEDULE', 'must be an interval of at least 1m, such as 24h, 12h or 90m');
    overrides.scheduleMs = ms;
  }
  const int = (name: string, min: number, max: number) => envInteger(env, name, min, max);
  const concurrency = int('DUOHUB_COVERAGE_CONCURRENCY', 1, 100_000);
  if (concurrency !== undefined) overrides.concurrency = concurrency;
  const pages = int('DUOHUB_COVERAGE_PAGES_IN_FLIGHT', 1, 4096);
  if (pages !== undefined) overrides.pagesInFlight = pages;
  const lease = int('DUOHUB_COVERAGE_LEASE_MS', 1000, 3_600_000);
  if (lease !== undefined) overrides.leaseMs = lease;
  const replica = envReplicaId(env);
  if (replica) overrides.replicaId = replica;
  return defaultCoverageJobOptions(overrides);
}
