import type { LogDestinationsTable } from './forwarding-tables.js';

/** Which events and alerts a destination takes: null lists mean "all". */
export interface DestinationFilter {
  organizationIds: string[] | null;
  logTypes: string[] | null;
  events: boolean;
  alerts: boolean;
}

function list(json: string | null): string[] | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
  } catch {
    return null;
  }
}

/** A destination row's filter (pure). */
export function destinationFilter(row: Pick<LogDestinationsTable, 'organization_ids' | 'log_types' | 'include_events' | 'include_alerts'>): DestinationFilter {
  return { organizationIds: list(row.organization_ids), logTypes: list(row.log_types), events: row.include_events === 1, alerts: row.include_alerts === 1 };
}

/** Whether an event passes the filter (pure). An organization list never matches unmapped accounts. */
export function filterTakesEvent(filter: DestinationFilter, event: { organization_id: string | null; log_type: string }): boolean {
  if (!filter.events) return false;
  if (filter.logTypes && !filter.logTypes.includes(event.log_type)) return false;
  if (filter.organizationIds && (event.organization_id === null || !filter.organizationIds.includes(event.organization_id))) return false;
  return true;
}

/** Whether an alert passes the filter (pure): log types do not apply to alerts; organizations do. */
export function filterTakesAlert(filter: DestinationFilter, alert: { organization_id: string | null }): boolean {
  if (!filter.alerts) return false;
  if (filter.organizationIds && (alert.organization_id === null || !filter.organizationIds.includes(alert.organization_id))) return false;
  return true;
}
