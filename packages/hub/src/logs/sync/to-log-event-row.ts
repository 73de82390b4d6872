import { newId } from '../../store/new-id.js';
import type { LogEventsTable } from '../log-tables.js';
import { eventKey } from './event-key.js';
import type { LogSource } from './log-sources.js';

/** The account a row belongs to, and the organization mapped to it now (null when none). */
export interface LogRowOwner {
  integrationId: string;
  accountId: string;
  organizationId: string | null;
}

/**
 * A Duo row as a `log_events` row: its key, search fields and raw JSON. `fallbackTime` stands in for
 * a row without a readable time (its page's start), so the row is still stored and found.
 */
export function toLogEventRow(source: LogSource, owner: LogRowOwner, row: unknown, ingestedAt: Date, fallbackTime: number): LogEventsTable {
  const fields = source.extract(row);
  const occurredAt = fields.occurredAt ?? fallbackTime;
  return {
    id: newId('lev', ingestedAt.getTime()),
    integration_id: owner.integrationId,
    duo_account_id: owner.accountId,
    organization_id: owner.organizationId,
    log_type: source.type,
    event_key: eventKey(source.idOf(row), row),
    occurred_at: occurredAt,
    username: fields.username,
    application: fields.application,
    factor: fields.factor,
    result: fields.result,
    reason: fields.reason,
    event_type: fields.eventType,
    ip: fields.ip,
    raw: JSON.stringify(row),
    ingested_at: ingestedAt.toISOString(),
  };
}
