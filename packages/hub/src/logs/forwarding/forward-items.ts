import type { LogEventsTable } from '../log-tables.js';
import type { AlertsTable } from './forwarding-tables.js';
import { SYSLOG_SEVERITY, type SyslogMessage } from './syslog-format.js';

/** Something a destination forwards: one stored Duo log event, one alert, or a test. */
export type ForwardItem =
  | { kind: 'event'; event: LogEventsTable }
  | { kind: 'alert'; alert: AlertsTable }
  | { kind: 'test'; id: string; at: number };

/** The item's id (the idempotency and dedupe key's second half). */
export function itemId(item: ForwardItem): string {
  return item.kind === 'event' ? item.event.id : item.kind === 'alert' ? item.alert.id : item.id;
}

/** The key a receiver dedupes on: stable across retries and replicas. */
export function idempotencyKey(destinationId: string, item: ForwardItem): string {
  return `${destinationId}:${itemId(item)}`;
}

function parseRaw(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** The JSON body of one webhook request (pure). */
export function webhookPayload(item: ForwardItem): Record<string, unknown> {
  switch (item.kind) {
    case 'event': {
      const e = item.event;
      return {
        type: 'duo.log_event',
        id: e.id,
        log_type: e.log_type,
        integration_id: e.integration_id,
        duo_account_id: e.duo_account_id,
        organization_id: e.organization_id,
        event_key: e.event_key,
        occurred_at: new Date(Number(e.occurred_at)).toISOString(),
        ingested_at: e.ingested_at,
        username: e.username,
        application: e.application,
        factor: e.factor,
        result: e.result,
        reason: e.reason,
        event_type: e.event_type,
        ip: e.ip,
        raw: parseRaw(e.raw),
      };
    }
    case 'alert': {
      const a = item.alert;
      return {
        type: 'duohub.alert',
        id: a.id,
        rule: a.rule_id,
        severity: a.severity,
        title: a.title,
        organization_id: a.organization_id,
        integration_id: a.integration_id,
        duo_account_id: a.duo_account_id,
        log_type: a.log_type,
        event_id: a.event_id,
        username: a.username,
        occurred_at: new Date(Number(a.occurred_at)).toISOString(),
        created_at: a.created_at,
        details: parseRaw(a.details),
      };
    }
    case 'test':
      return { type: 'duohub.test', id: item.id, sent_at: new Date(item.at).toISOString(), message: 'A test from duohub: this destination is reachable.' };
  }
}

/** The syslog severity of an item: fraud critical, denials warnings, alerts by their severity. */
function severityOf(item: ForwardItem): number {
  if (item.kind === 'test') return SYSLOG_SEVERITY.notice;
  if (item.kind === 'alert') return item.alert.severity === 'high' ? SYSLOG_SEVERITY.critical : item.alert.severity === 'medium' ? SYSLOG_SEVERITY.warning : SYSLOG_SEVERITY.notice;
  const result = item.event.result?.toLowerCase();
  if (result === 'fraud') return SYSLOG_SEVERITY.critical;
  if (result === 'error') return SYSLOG_SEVERITY.error;
  if (result === 'denied' || result === 'failure' || item.event.log_type === 'trust_monitor') return SYSLOG_SEVERITY.warning;
  return SYSLOG_SEVERITY.info;
}

/**
 * One RFC 5424 message for an item (pure): MSGID is the log type (`alert`, `test`), the structured
 * data carries the event's fields (the hub's ids and Duo's), and MSG is the webhook body as JSON.
 */
export function syslogMessageFor(item: ForwardItem, options: { facility: number; hostname: string }): SyslogMessage {
  const base = { facility: options.facility, severity: severityOf(item), hostname: options.hostname, appName: 'duohub' };
  const message = JSON.stringify(webhookPayload(item));
  switch (item.kind) {
    case 'event': {
      const e = item.event;
      return {
        ...base,
        timestamp: Number(e.occurred_at),
        msgId: e.log_type,
        params: [
          ['id', e.id],
          ['log_type', e.log_type],
          ['integration_id', e.integration_id],
          ['duo_account_id', e.duo_account_id],
          ['organization_id', e.organization_id],
          ['event_key', e.event_key],
          ['username', e.username],
          ['application', e.application],
          ['factor', e.factor],
          ['result', e.result],
          ['reason', e.reason],
          ['event_type', e.event_type],
          ['ip', e.ip],
        ],
        message,
      };
    }
    case 'alert': {
      const a = item.alert;
      return {
        ...base,
        timestamp: Number(a.occurred_at),
        msgId: 'alert',
        params: [
          ['id', a.id],
          ['rule', a.rule_id],
          ['severity', a.severity],
          ['organization_id', a.organization_id],
          ['integration_id', a.integration_id],
          ['duo_account_id', a.duo_account_id],
          ['event_id', a.event_id],
          ['username', a.username],
        ],
        message,
      };
    }
    case 'test':
      return { ...base, timestamp: item.at, msgId: 'test', params: [['id', item.id]], message };
  }
}
