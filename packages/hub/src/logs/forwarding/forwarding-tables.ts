import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/database.js';
import type { LogTables } from '../log-tables.js';

/** What a destination speaks. */
export type DestinationKind = 'webhook' | 'syslog';

/** How a syslog destination is reached (both with RFC 6587 octet-counting framing). */
export type SyslogTransport = 'tcp' | 'tls';

/** One place Duo's logs (and alerts) are forwarded to (migration 0009). */
export interface LogDestinationsTable {
  /** newId('ldst'). */
  id: string;
  name: string;
  kind: DestinationKind;
  /** 0 or 1. */
  enabled: number;
  url: string | null;
  /** Sealed at `logDestinationSecretColumn`. */
  secret: string | null;
  syslog_host: string | null;
  syslog_port: number | null;
  syslog_transport: SyslogTransport | null;
  syslog_facility: number | null;
  syslog_hostname: string | null;
  /** PEM. */
  tls_ca: string | null;
  tls_server_name: string | null;
  /** PEM. */
  tls_client_cert: string | null;
  /** PEM, sealed at `logDestinationTlsKeyColumn`. */
  tls_client_key: string | null;
  /** JSON array of organization ids; null: every event (unmapped accounts included). */
  organization_ids: string | null;
  /** JSON array of log types; null: every type. */
  log_types: string | null;
  include_events: number;
  include_alerts: number;
  /** ISO; '' for every stored event. */
  deliver_from: string;
  /** ISO ingested_at up to which matching events are queued (less the safety window). */
  watermark: string;
  delivered_count: number;
  failed_count: number;
  consecutive_failures: number;
  last_error: string | null;
  last_error_at: string | null;
  last_delivered_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Where one item stands for one destination. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One item (a log event or an alert) queued for one destination: the outbox. */
export interface LogDeliveriesTable {
  destination_id: string;
  item_id: string;
  item_kind: 'event' | 'alert';
  /** `<integration>|<duo account>` for events, `alerts` for alerts: the unit of ordering. */
  partition_key: string;
  /** Epoch ms. */
  occurred_at: number;
  /** The event's ingested_at or the alert's created_at (ISO). */
  ingested_at: string;
  status: DeliveryStatus;
  attempts: number;
  /** ISO; null: due now. */
  next_attempt_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
}

/** A lease (`destination:<id>`, `alerts`) and, for the alert scanner, its watermark. */
export interface LogForwardingStateTable {
  name: string;
  holder: string | null;
  lease_expires_at: string | null;
  watermark: string | null;
  /** Events stored before this (ISO) are never scanned (the alert scanner's first run). */
  scan_from: string | null;
  updated_at: string;
}

/** How much an alert matters. */
export type AlertSeverity = 'low' | 'medium' | 'high';

/** One alert: a rule that fired on an event (once per rule and dedupe key). */
export interface AlertsTable {
  /** newId('alr'). */
  id: string;
  rule_id: string;
  dedupe_key: string;
  severity: AlertSeverity;
  title: string;
  organization_id: string | null;
  integration_id: string;
  duo_account_id: string;
  log_type: string;
  event_id: string;
  username: string | null;
  /** Epoch ms of the triggering event. */
  occurred_at: number;
  /** JSON. */
  details: string;
  created_at: string;
  acknowledged_at: string | null;
  /** The acknowledging token's id, or `cli`. */
  acknowledged_by: string | null;
}

/** An event the alert scanner has evaluated. */
export interface AlertEvaluatedEventsTable {
  event_id: string;
  ingested_at: string;
}

/** A rule's settings at one scope (`*` or an organization id). */
export interface AlertRuleSettingsTable {
  rule_id: string;
  scope: string;
  enabled: number | null;
  /** JSON object or null. */
  params: string | null;
  updated_at: string;
}

/** The tables of migration 0009. */
// A type alias, not an interface: Kysely's withTables needs the implicit index signature.
export type ForwardingTables = {
  log_destinations: LogDestinationsTable;
  log_deliveries: LogDeliveriesTable;
  log_forwarding_state: LogForwardingStateTable;
  alerts: AlertsTable;
  alert_evaluated_events: AlertEvaluatedEventsTable;
  alert_rule_settings: AlertRuleSettingsTable;
};

/** The hub schema with the log and forwarding tables. */
export type ForwardingDatabase = Database & LogTables & ForwardingTables;

/** A connection or transaction that knows the forwarding tables. */
export type ForwardingDb = Kysely<ForwardingDatabase> | Transaction<ForwardingDatabase>;

/** The store's handle typed with the log and forwarding tables (they live outside the core `Database`). */
export function forwardingDb(db: Kysely<Database>): Kysely<ForwardingDatabase> {
  return db.withTables<LogTables & ForwardingTables>();
}

/** A transaction (e.g. `auditedWrite`'s) typed with the log and forwarding tables. */
export function forwardingTrx(trx: Transaction<Database>): Transaction<ForwardingDatabase> {
  return trx.withTables<LogTables & ForwardingTables>();
}
