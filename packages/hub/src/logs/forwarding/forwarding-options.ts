import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { envInteger, envReplicaId } from '../../config/env-values.js';
import { HubConfigError } from '../../config/load-config.js';
import { DEFAULT_DELIVERY_BACKOFF, type DeliveryBackoffOptions } from './delivery-backoff.js';

/** How this process forwards logs and evaluates alerts. */
export interface ForwardingOptions {
  /** Names this process in leases; unique per replica. */
  replicaId: string;
  /** Allow destinations on loopback, private and link-local addresses (tests, lab networks). */
  allowPrivate: boolean;
  /** How long a lease stands without renewal; holders renew every third of it. */
  leaseMs: number;
  /** How often an idle forwarder looks for work (new events, due retries, lapsed leases). */
  pollMs: number;
  /**
   * How far behind its watermark a scan looks again for events stored late (a replica's transaction
   * committing after rows stored later by another, or clock skew between replicas). See fill-outbox.ts.
   */
  safetyWindowMs: number;
  /** How often the whole safety window is rescanned (the fast path only reads from the watermark on). */
  sweepMs: number;
  backoff: DeliveryBackoffOptions;
  /** Per webhook request. */
  requestTimeoutMs: number;
  /** Webhook partitions (Duo accounts) sent at once per destination. */
  concurrency: number;
  /** Syslog: see SyslogClientOptions.settleMs. */
  syslogSettleMs: number;
  /** Alert and forwarding pages read at once. */
  pageSize: number;
  random: () => number;
}

/** Defaults: 30 s leases, a 1 s poll, a 5 minute safety window swept every 30 s, 10 s requests. */
export function defaultForwardingOptions(overrides: Partial<ForwardingOptions> = {}): ForwardingOptions {
  return {
    replicaId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    allowPrivate: false,
    leaseMs: 30_000,
    pollMs: 1000,
    safetyWindowMs: 5 * 60_000,
    sweepMs: 30_000,
    backoff: DEFAULT_DELIVERY_BACKOFF,
    requestTimeoutMs: 10_000,
    concurrency: 8,
    syslogSettleMs: 250,
    pageSize: 500,
    random: Math.random,
    ...overrides,
  };
}

/** Reads DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE, DUOHUB_LOG_FORWARD_LEASE_MS and DUOHUB_REPLICA_ID; throws HubConfigError naming a bad one. */
export function forwardingOptionsFromEnv(env: Record<string, string | undefined>): ForwardingOptions {
  const overrides: Partial<ForwardingOptions> = {};
  const allow = env.DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE?.trim().toLowerCase();
  if (allow) {
    if (!['1', 'true', 'yes', '0', 'false', 'no'].includes(allow)) throw new HubConfigError('DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE', 'must be true or false');
    overrides.allowPrivate = ['1', 'true', 'yes'].includes(allow);
  }
  const lease = envInteger(env, 'DUOHUB_LOG_FORWARD_LEASE_MS', 1000, 3_600_000);
  if (lease !== undefined) overrides.leaseMs = lease;
  const replica = envReplicaId(env);
  if (replica) overrides.replicaId = replica;
  return defaultForwardingOptions(overrides);
}
