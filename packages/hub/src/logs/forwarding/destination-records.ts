import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { maskSecret } from '../../crypto/mask-secret.js';
import { HubError } from '../../errors/hub-error.js';
import { logDestinationSecretColumn, logDestinationTlsKeyColumn } from '../../keys/sealed-columns.js';
import type { Store } from '../../store/open-store.js';
import type { DestinationStatus, DestinationView } from './destination-schemas.js';
import { destinationFilter } from './destination-filter.js';
import { destinationLeaseName, leaseHolder } from './forwarding-lease.js';
import type { ForwardingDb, LogDestinationsTable } from './forwarding-tables.js';
import type { SyslogTarget } from './syslog-client.js';
import type { WebhookTarget } from './send-webhook.js';

/** The destination with this id, or `not_found`. */
export async function loadDestination(db: ForwardingDb, id: string): Promise<LogDestinationsTable> {
  const row = await db.selectFrom('log_destinations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new HubError('not_found', { message: 'No log destination with this id.' });
  return row;
}

/** A new webhook signing secret: 32 random bytes, recognisable by its prefix. */
export function generateWebhookSecret(): string {
  return `dhsig_${randomBytes(32).toString('base64url')}`;
}

/** Where a webhook destination posts, with its secret opened. */
export function openWebhookTarget(store: Store, row: LogDestinationsTable): WebhookTarget {
  if (row.kind !== 'webhook' || !row.url || !row.secret) throw new Error(`destination ${row.id} is not a complete webhook`);
  return { destinationId: row.id, url: row.url, secret: store.secrets.open(row.secret, logDestinationSecretColumn.at(row.id)) };
}

/** Where a syslog destination listens, with its TLS client key opened. */
export function openSyslogTarget(store: Store, row: LogDestinationsTable): SyslogTarget {
  if (row.kind !== 'syslog' || !row.syslog_host || !row.syslog_port) throw new Error(`destination ${row.id} is not a complete syslog destination`);
  return {
    host: row.syslog_host,
    port: Number(row.syslog_port),
    transport: row.syslog_transport ?? 'tls',
    ca: row.tls_ca,
    serverName: row.tls_server_name,
    clientCert: row.tls_client_cert,
    clientKey: row.tls_client_key ? store.secrets.open(row.tls_client_key, logDestinationTlsKeyColumn.at(row.id)) : null,
  };
}

/** The HOSTNAME a syslog destination's messages carry. */
export function syslogHostnameOf(row: LogDestinationsTable): string {
  return row.syslog_hostname ?? hostname();
}

/**
 * Counts, lag and last error of a destination. Lag is the age of the oldest item that should have
 * reached it and has not: a pending delivery, or a matching event stored after its watermark and not
 * queued yet (the scanner is behind or stopped).
 */
export async function destinationStatus(db: ForwardingDb, row: LogDestinationsTable, nowMs: number): Promise<DestinationStatus> {
  const pending = await db
    .selectFrom('log_deliveries')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('ingested_at').as('oldest')])
    .where('destination_id', '=', row.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  let oldest = (pending?.oldest as string | null | undefined) ?? null;
  const filter = destinationFilter(row);
  if (row.enabled === 1 && filter.events && filter.organizationIds?.length !== 0) {
    let q = db
      .selectFrom('log_events as e')
      .select('e.ingested_at')
      .where('e.ingested_at', '>=', row.watermark > row.deliver_from ? row.watermark : row.deliver_from)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('log_deliveries as d').select('d.item_id').where('d.destination_id', '=', row.id).whereRef('d.item_id', '=', 'e.id'))));
    if (filter.organizationIds) q = q.where('e.organization_id', 'in', filter.organizationIds);
    if (filter.logTypes) q = q.where('e.log_type', 'in', filter.logTypes as never);
    const unqueued = await q.orderBy('e.ingested_at').limit(1).executeTakeFirst();
    if (unqueued && (oldest === null || unqueued.ingested_at < oldest)) oldest = unqueued.ingested_at;
  }
  const lagMs = oldest === null ? 0 : Math.max(0, nowMs - Date.parse(oldest));
  return {
    pending: Number(pending?.n ?? 0),
    delivered_count: Number(row.delivered_count),
    failed_count: Number(row.failed_count),
    lag_seconds: Math.round(lagMs / 100) / 10,
    oldest_undelivered_at: oldest,
    consecutive_failures: Number(row.consecutive_failures),
    last_error: row.last_error,
    last_error_at: row.last_error_at,
    last_delivered_at: row.last_delivered_at,
    lease_holder: await leaseHolder(db, destinationLeaseName(row.id), nowMs),
  };
}

function list(json: string | null): string[] | null {
  return json === null ? null : (JSON.parse(json) as string[]);
}

/** The API view: the signing secret and TLS key only as a hint or a flag. */
export function toDestinationView(store: Store, row: LogDestinationsTable, status: DestinationStatus): DestinationView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    enabled: row.enabled === 1,
    url: row.url,
    secret_hint: row.secret ? maskSecret(store.secrets.open(row.secret, logDestinationSecretColumn.at(row.id))) : null,
    syslog:
      row.kind === 'syslog' && row.syslog_host && row.syslog_port
        ? {
            host: row.syslog_host,
            port: Number(row.syslog_port),
            transport: row.syslog_transport ?? 'tls',
            facility: Number(row.syslog_facility ?? 13),
            hostname: row.syslog_hostname,
            tls: { ca: row.tls_ca, server_name: row.tls_server_name, client_cert: row.tls_client_cert, client_key_set: row.tls_client_key !== null },
          }
        : null,
    organization_ids: list(row.organization_ids),
    log_types: list(row.log_types),
    include_events: row.include_events === 1,
    include_alerts: row.include_alerts === 1,
    deliver_from: row.deliver_from === '' ? null : row.deliver_from,
    status,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
