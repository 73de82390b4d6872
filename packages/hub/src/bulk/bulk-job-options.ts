import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { RetryOptions } from '@duohub/sdk';
import { envInteger, envReplicaId } from '../config/env-values.js';

/** How this process executes bulk runs. */
export interface BulkJobOptions {
  /** Names this hub process in task rows; unique per replica. */
  replicaId: string;
  /**
   * Organizations worked on at once by this process (each one task, its items one after another, so
   * one call in flight per Duo account): the fleet-wide cap on sockets and store writes.
   */
  concurrency: number;
  /** How long a claim on a task stands without renewal; holders renew at a third of it. */
  leaseMs: number;
  /** How often an idle runner looks for work it was not told about (other processes, lapsed leases). */
  pollMs: number;
  /**
   * Items of one organization under way at once (never two on one target). The account's pacer still
   * spaces the calls; more than one lets Duo's latency overlap the pacing wait.
   */
  itemsInFlight: number;
  /** Calls of one item before a 429 or an unsent request that keeps coming back fails it. */
  maxItemAttempts: number;
  /** Retries of Duo calls inside an item; undefined: the hub's own (`hub.duo.retry`). */
  retry?: RetryOptions | false | undefined;
}

/** Defaults: 64 organizations at once per process, 4 items in flight per organization, a 30 s lease, a 1 s idle poll, 6 calls per item. */
export function defaultBulkJobOptions(overrides: Partial<BulkJobOptions> = {}): BulkJobOptions {
  return {
    replicaId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    concurrency: 64,
    itemsInFlight: 4,
    leaseMs: 30_000,
    pollMs: 1000,
    maxItemAttempts: 6,
    ...overrides,
  };
}

/**
 * Reads DUOHUB_BULK_CONCURRENCY, DUOHUB_BULK_ITEMS_IN_FLIGHT, DUOHUB_BULK_LEASE_MS, DUOHUB_BULK_MAX_ITEM_ATTEMPTS and
 * DUOHUB_REPLICA_ID; throws HubConfigError naming the variable when one is invalid.
 */
export function bulkJobOptionsFromEnv(env: Record<string, string | undefined>): BulkJobOptions {
  const overrides: Partial<BulkJobOptions> = {};
  const concurrency = envInteger(env, 'DUOHUB_BULK_CONCURRENCY', 1, 10_000);
  if (concurrency !== undefined) overrides.concurrency = concurrency;
  const window = envInteger(env, 'DUOHUB_BULK_ITEMS_IN_FLIGHT', 1, 64);
  if (window !== undefined) overrides.itemsInFlight = window;
  const lease = envInteger(env, 'DUOHUB_BULK_LEASE_MS', 1000, 3_600_000);
  if (lease !== undefined) overrides.leaseMs = lease;
  const attempts = envInteger(env, 'DUOHUB_BULK_MAX_ITEM_ATTEMPTS', 1, 100);
  if (attempts !== undefined) overrides.maxItemAttempts = attempts;
  const replica = envReplicaId(env);
  if (replica) overrides.replicaId = replica;
  return defaultBulkJobOptions(overrides);
}
