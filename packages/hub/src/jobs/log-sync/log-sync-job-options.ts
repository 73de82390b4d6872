import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { RetryOptions } from '@duohub/sdk';
import { envInteger, envReplicaId } from '../../config/env-values.js';
import { HubConfigError } from '../../config/load-config.js';
import { parseInterval } from '../mfa-coverage/parse-interval.js';

const DAY_MS = 86_400_000;

/** How this process syncs Duo's logs. */
export interface LogSyncJobOptions {
  /** Names this hub process in unit rows (`held_by`, `processed_by`); unique per replica. */
  replicaId: string;
  /** Duo accounts synced at once by this process (each account's units run one after another: they share its log budget). */
  concurrency: number;
  /** Log pages being read or stored at once by this process: its bound on memory (a page is up to 1000 rows). */
  pagesInFlight: number;
  /** How long a claim on a unit stands without renewal; holders renew at a third of it and with every page. */
  leaseMs: number;
  /** How often an idle runner looks for work it was not told about (other processes, lapsed leases). */
  pollMs: number;
  /** Interval between scheduled syncs per integration; undefined: on demand only. */
  scheduleMs: number | undefined;
  /** Duo's log delay: nothing newer than now - lag is taken as synced, so entries Duo logs late are not skipped. */
  lagMs: number;
  /** How far back a unit's first sync reads (Duo keeps 180 days). */
  backfillMs: number;
  /** Entries older than this many days are pruned; null keeps everything. */
  retentionDays: number | null;
  /** How often retention is applied. */
  pruneEveryMs: number;
  /** Tries of a unit within one run when Duo keeps failing (429s and 5xx beyond the SDK's own retries, resets). */
  maxAttempts: number;
  /** First wait between those tries (doubling, at most 30 s). */
  attemptBackoffMs: number;
  /** Retries of each Duo call; undefined: the hub's own (`hub.duo.retry`). */
  retry?: RetryOptions | false | undefined;
}

/** Retention when DUOHUB_LOG_RETENTION_DAYS is unset: Duo's own 180 days. */
export const DEFAULT_LOG_RETENTION_DAYS = 180;
/** Duo documents up to about two minutes before an entry appears in its logs. */
export const DEFAULT_LOG_LAG_MS = 120_000;

/** Defaults: 64 accounts and 16 pages at once, a 30 s lease, a 1 s idle poll, on demand only, 2 min lag, 180 days kept and backfilled. */
export function defaultLogSyncJobOptions(overrides: Partial<LogSyncJobOptions> = {}): LogSyncJobOptions {
  const retentionDays = overrides.retentionDays === undefined ? DEFAULT_LOG_RETENTION_DAYS : overrides.retentionDays;
  return {
    replicaId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    concurrency: 64,
    pagesInFlight: 16,
    leaseMs: 30_000,
    pollMs: 1000,
    scheduleMs: undefined,
    lagMs: DEFAULT_LOG_LAG_MS,
    pruneEveryMs: 3_600_000,
    maxAttempts: 4,
    attemptBackoffMs: 1000,
    ...overrides,
    retentionDays,
    // Reading further back than kept would only store rows for the pruner.
    backfillMs: overrides.backfillMs ?? Math.min(retentionDays ?? 180, 180) * DAY_MS,
  };
}

/**
 * Reads DUOHUB_LOG_SYNC_SCHEDULE (`15m`, `1h`, `off`), DUOHUB_LOG_SYNC_LAG (`2m`, `0s`),
 * DUOHUB_LOG_SYNC_BACKFILL_DAYS, DUOHUB_LOG_RETENTION_DAYS (`off` keeps everything),
 * DUOHUB_LOG_SYNC_CONCURRENCY, DUOHUB_LOG_SYNC_PAGES_IN_FLIGHT, DUOHUB_LOG_SYNC_LEASE_MS and
 * DUOHUB_REPLICA_ID; throws HubConfigError naming the variable when one is invalid.
 */
export function logSyncJobOptionsFromEnv(env: Record<string, string | undefined>): LogSyncJobOptions {
  const overrides: Partial<LogSyncJobOptions> = {};
  const schedule = env.DUOHUB_LOG_SYNC_SCHEDULE?.trim();
  if (schedule && schedule !== 'off') {
    const ms = parseInterval(schedule);
    if (ms === undefined || ms < 60_000) throw new HubConfigError('DUOHUB_LOG_SYNC_SCHEDULE', 'must be an interval of at least 1m, such as 15m or 1h, or off');
    overrides.scheduleMs = ms;
  }
  const lag = env.DUOHUB_LOG_SYNC_LAG?.trim();
  if (lag) {
    const ms = /^0+(ms|s|m|h)?$/.test(lag) ? 0 : parseInterval(lag);
    if (ms === undefined || ms > DAY_MS) throw new HubConfigError('DUOHUB_LOG_SYNC_LAG', 'must be an interval of at most 1d, such as 2m, 5m or 0s');
    overrides.lagMs = ms;
  }
  const int = (name: string, min: number, max: number) => envInteger(env, name, min, max);
  const retention = env.DUOHUB_LOG_RETENTION_DAYS?.trim();
  if (retention === 'off') overrides.retentionDays = null;
  else {
    const days = int('DUOHUB_LOG_RETENTION_DAYS', 1, 36_500);
    if (days !== undefined) overrides.retentionDays = days;
  }
  const backfill = int('DUOHUB_LOG_SYNC_BACKFILL_DAYS', 0, 180);
  if (backfill !== undefined) overrides.backfillMs = backfill * DAY_MS;
  else if (overrides.retentionDays !== undefined) overrides.backfillMs = Math.min(overrides.retentionDays ?? 180, 180) * DAY_MS;
  const concurrency = int('DUOHUB_LOG_SYNC_CONCURRENCY', 1, 10_000);
  if (concurrency !== undefined) overrides.concurrency = concurrency;
  const pages = int('DUOHUB_LOG_SYNC_PAGES_IN_FLIGHT', 1, 1024);
  if (pages !== undefined) overrides.pagesInFlight = pages;
  const lease = int('DUOHUB_LOG_SYNC_LEASE_MS', 1000, 3_600_000);
  if (lease !== undefined) overrides.leaseMs = lease;
  const replica = envReplicaId(env);
  if (replica) overrides.replicaId = replica;
  return defaultLogSyncJobOptions(overrides);
}

/**
 * The `admin_logs` pacing rate per Duo account from DUOHUB_DUO_LOG_RATE_PER_MINUTE: Duo's published
 * figure (2 a minute) unless Duo raised an account's limit (or the target is an emulator). Undefined
 * when unset; throws HubConfigError naming the variable when invalid.
 */
export function duoLogRateFromEnv(env: Record<string, string | undefined>): number | undefined {
  const raw = env.DUOHUB_DUO_LOG_RATE_PER_MINUTE?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(n > 0) || n > 1_000_000) throw new HubConfigError('DUOHUB_DUO_LOG_RATE_PER_MINUTE', 'must be a number of requests per minute above 0, such as 2');
  return n;
}
