import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { RetryOptions } from '@duohub/sdk';
import { HubConfigError } from '../../config/load-config.js';
import { parseInterval } from './parse-interval.js';

/** How this process runs coverage tasks. */
export interface CoverageJobOptions {
  /** Names this hub process in task rows (`processed_by`); unique per replica. */
  replicaId: string;
  /** Accounts scanned at once by this process (each under its own Duo pacing budget). */
  concurrency: number;
  /** How long a claim on a task stands without renewal; holders renew at a third of it. */
  leaseMs: number;
  /** How often an idle runner looks for work it was not told about (other processes, expired leases). */
  pollMs: number;
  /** Interval between scheduled runs per integration; undefined: no schedule. */
  scheduleMs: number | undefined;
  /** Retries of Duo calls inside tasks; undefined: the hub's own (`hub.duo.retry`). */
  retry?: RetryOptions | false | undefined;
}

/** Defaults: 16 accounts at once, a 30 s lease, a 1 s idle poll, no schedule. */
export function defaultCoverageJobOptions(overrides: Partial<CoverageJobOptions> = {}): CoverageJobOptions {
  return {
    replicaId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    concurrency: 16,
    leaseMs: 30_000,
    pollMs: 1000,
    scheduleMs: undefined,
    ...overrides,
  };
}

/**
 * Reads DUOHUB_COVERAGE_SCHEDULE (`24h`, `90m`...), DUOHUB_COVERAGE_CONCURRENCY, DUOHUB_COVERAGE_LEASE_MS
 * and DUOHUB_REPLICA_ID; throws HubConfigError naming the variable when one is invalid.
 */
export function coverageJobOptionsFromEnv(env: Record<string, string | undefined>): CoverageJobOptions {
  const overrides: Partial<CoverageJobOptions> = {};
  const schedule = env.DUOHUB_COVERAGE_SCHEDULE?.trim();
  if (schedule && schedule !== 'off') {
    const ms = parseInterval(schedule);
    if (ms === undefined || ms < 60_000) throw new HubConfigError('DUOHUB_COVERAGE_SCHEDULE', 'must be an interval of at least 1m, such as 24h, 12h or 90m');
    overrides.scheduleMs = ms;
  }
  const int = (name: string, min: number, max: number): number | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) throw new HubConfigError(name, `must be an integer between ${min} and ${max}`);
    return n;
  };
  const concurrency = int('DUOHUB_COVERAGE_CONCURRENCY', 1, 256);
  if (concurrency !== undefined) overrides.concurrency = concurrency;
  const lease = int('DUOHUB_COVERAGE_LEASE_MS', 1000, 3_600_000);
  if (lease !== undefined) overrides.leaseMs = lease;
  const replica = env.DUOHUB_REPLICA_ID?.trim();
  if (replica) {
    if (!/^[\w.:-]{1,100}$/.test(replica)) throw new HubConfigError('DUOHUB_REPLICA_ID', 'must be 1-100 letters, digits, or . : _ -');
    overrides.replicaId = replica;
  }
  return defaultCoverageJobOptions(overrides);
}
