import { csvField } from '../../audit/query-audit.js';
import type { LogEventsTable } from '../log-tables.js';

/** The export's CSV columns, fixed: the search fields, then Duo's row as JSON. */
export const LOG_CSV_COLUMNS = [
  'id',
  'occurred_at',
  'log_type',
  'organization_id',
  'duo_account_id',
  'integration_id',
  'username',
  'application',
  'factor',
  'result',
  'reason',
  'event_type',
  'ip',
  'raw',
] as const;

/**
 * One CSV cell: the hub's one CSV quoting (RFC 4180, and a leading `'` before = + - @ so a
 * spreadsheet shows the text rather than running it as a formula; Duo usernames and application
 * names are text an attacker can choose). Null is an empty cell.
 */
export function csvCell(value: string | null): string {
  return value === null ? '' : csvField(value);
}

/** A CSV line of cells, ended with CRLF. */
export function csvLine(values: ReadonlyArray<string | null>): string {
  return values.map(csvCell).join(',') + '\r\n';
}

/** The header line. */
export function logCsvHeader(): string {
  return csvLine(LOG_CSV_COLUMNS);
}

/** One stored row as a CSV line in `LOG_CSV_COLUMNS` order (the time as ISO-8601 UTC, raw as stored). */
export function logCsvRow(row: LogEventsTable): string {
  return csvLine(
    LOG_CSV_COLUMNS.map((column) => {
      if (column === 'occurred_at') return new Date(Number(row.occurred_at)).toISOString();
      return row[column];
    }),
  );
}
