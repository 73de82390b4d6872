import type { LogEventsTable, LogType } from '../log-tables.js';

/** One stored Duo log entry as the API, the export and the CLI show it. */
export interface LogItem {
  id: string;
  /** ISO-8601, UTC. */
  occurred_at: string;
  log_type: LogType;
  organization_id: string | null;
  duo_account_id: string;
  integration_id: string;
  event_key: string;
  username: string | null;
  application: string | null;
  factor: string | null;
  result: string | null;
  reason: string | null;
  event_type: string | null;
  ip: string | null;
  ingested_at: string;
  /** Duo's row, parsed; null if the stored text is not JSON. */
  event: unknown;
}

/** A stored row as a `LogItem` (the raw JSON parsed into `event`). */
export function toLogItem(row: LogEventsTable): LogItem {
  let event: unknown = null;
  try {
    event = JSON.parse(row.raw);
  } catch {
    event = null;
  }
  return {
    id: row.id,
    occurred_at: new Date(Number(row.occurred_at)).toISOString(),
    log_type: row.log_type,
    organization_id: row.organization_id,
    duo_account_id: row.duo_account_id,
    integration_id: row.integration_id,
    event_key: row.event_key,
    username: row.username,
    application: row.application,
    factor: row.factor,
    result: row.result,
    reason: row.reason,
    event_type: row.event_type,
    ip: row.ip,
    ingested_at: row.ingested_at,
    event,
  };
}
