import type { Kysely, Migration } from 'kysely';

/**
 * Forwarding Duo's logs (issue 17): destinations (webhook, syslog), an outbox of deliveries per
 * destination, leases and watermarks shared by replicas, and alerts with their rule settings.
 * Design notes live in `src/logs/forwarding/fill-outbox.ts` and `src/logs/forwarding/log-forwarder.ts`.
 */
export const logForwardingMigration: Migration = {
  async up(db: Kysely<unknown>) {
    // The forwarder scans events by the time they were stored, not by id (see fill-outbox.ts).
    await db.schema.createIndex('log_events_ingested_idx').on('log_events').columns(['ingested_at', 'id']).execute();

    await db.schema
      .createTable('log_destinations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      // webhook | syslog
      .addColumn('kind', 'text', (c) => c.notNull())
      // 0 or 1 (portable across SQLite and Postgres).
      .addColumn('enabled', 'integer', (c) => c.notNull())
      // Webhook: the URL events are POSTed to.
      .addColumn('url', 'text')
      // Webhook: the HMAC-SHA256 signing secret, sealed (log_destinations / secret / id).
      .addColumn('secret', 'text')
      // Syslog: host, port, tcp | tls, facility (0-23), the HOSTNAME field, and TLS material.
      .addColumn('syslog_host', 'text')
      .addColumn('syslog_port', 'integer')
      .addColumn('syslog_transport', 'text')
      .addColumn('syslog_facility', 'integer')
      .addColumn('syslog_hostname', 'text')
      .addColumn('tls_ca', 'text')
      .addColumn('tls_server_name', 'text')
      .addColumn('tls_client_cert', 'text')
      // Sealed (log_destinations / tls_client_key / id).
      .addColumn('tls_client_key', 'text')
      // JSON arrays, or null for every organization (unmapped accounts included) / every log type.
      .addColumn('organization_ids', 'text')
      .addColumn('log_types', 'text')
      .addColumn('include_events', 'integer', (c) => c.notNull())
      .addColumn('include_alerts', 'integer', (c) => c.notNull())
      // Events stored before this (ISO) are never forwarded; '' forwards every stored event (backfill).
      .addColumn('deliver_from', 'text', (c) => c.notNull())
      // Every matching event stored before this (ISO ingested_at), minus the safety window, is in the outbox.
      .addColumn('watermark', 'text', (c) => c.notNull())
      .addColumn('delivered_count', 'integer', (c) => c.notNull())
      .addColumn('failed_count', 'integer', (c) => c.notNull())
      .addColumn('consecutive_failures', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('last_error_at', 'text')
      .addColumn('last_delivered_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    // The outbox: one row per destination and item (a log event or an alert). The primary key is the
    // dedupe: a rescan of the safety window, or two scanners, never queue an item twice.
    await db.schema
      .createTable('log_deliveries')
      .addColumn('destination_id', 'text', (c) => c.notNull().references('log_destinations.id').onDelete('cascade'))
      .addColumn('item_id', 'text', (c) => c.notNull())
      // event | alert
      .addColumn('item_kind', 'text', (c) => c.notNull())
      // Items of one partition are delivered in order: `<integration>|<duo account>` for events, `alerts`.
      .addColumn('partition_key', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'double precision', (c) => c.notNull())
      // The item's ingested_at (events) or created_at (alerts): pruning follows the watermark with it.
      .addColumn('ingested_at', 'text', (c) => c.notNull())
      // pending | delivered | failed
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('delivered_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('log_deliveries_pk', ['destination_id', 'item_id'])
      .execute();
    await db.schema
      .createIndex('log_deliveries_queue_idx')
      .on('log_deliveries')
      .columns(['destination_id', 'status', 'occurred_at', 'item_id'])
      .execute();
    await db.schema.createIndex('log_deliveries_ingested_idx').on('log_deliveries').columns(['destination_id', 'ingested_at']).execute();

    // Leases (`destination:<id>`, `alerts`) and the alert scanner's watermark.
    await db.schema
      .createTable('log_forwarding_state')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text')
      .addColumn('lease_expires_at', 'text')
      .addColumn('watermark', 'text')
      // Events stored before this (ISO) are never scanned: the alert scanner's start, so history raises nothing.
      .addColumn('scan_from', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      // The rule's identity of what it saw: the event id, or `<account>|<user>|<window>` for the denial rate rule.
      .addColumn('dedupe_key', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('organization_id', 'text')
      .addColumn('integration_id', 'text', (c) => c.notNull())
      .addColumn('duo_account_id', 'text', (c) => c.notNull())
      .addColumn('log_type', 'text', (c) => c.notNull())
      // The event that triggered it (no foreign key: alerts outlive the events' retention).
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('username', 'text')
      .addColumn('occurred_at', 'double precision', (c) => c.notNull())
      // JSON of a few fields of the event chosen by the rule (never Duo's whole row).
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('acknowledged_at', 'text')
      .addColumn('acknowledged_by', 'text')
      .addUniqueConstraint('alerts_rule_dedupe_uq', ['rule_id', 'dedupe_key'])
      .execute();
    await db.schema.createIndex('alerts_created_idx').on('alerts').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('alerts_org_idx').on('alerts').columns(['organization_id', 'created_at']).execute();

    // Events the alert scanner has evaluated (so a rescan of the safety window skips them).
    await db.schema
      .createTable('alert_evaluated_events')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      .addColumn('ingested_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('alert_evaluated_ingested_idx').on('alert_evaluated_events').columns(['ingested_at']).execute();

    // Settings over the rules' defaults: fleet-wide (`scope` = '*') or for one organization (its id).
    await db.schema
      .createTable('alert_rule_settings')
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      // 0, 1, or null for "as the wider scope says".
      .addColumn('enabled', 'integer')
      // JSON of the rule's parameters set at this scope (e.g. {"threshold":5,"window_minutes":10}), or null.
      .addColumn('params', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('alert_rule_settings_pk', ['rule_id', 'scope'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['alert_rule_settings', 'alert_evaluated_events', 'alerts', 'log_forwarding_state', 'log_deliveries', 'log_destinations']) {
      await db.schema.dropTable(table).execute();
    }
    await db.schema.dropIndex('log_events_ingested_idx').execute();
  },
};
