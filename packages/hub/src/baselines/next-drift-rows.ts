import type { BaselineDriftTable } from './baseline-tables.js';
import type { FieldDrift } from './compare-baseline.js';
import { sameDuoValue } from './same-duo-value.js';

/** One organization's open drift after a check, and what changed. */
export interface DriftUpdate {
  /** The rows to hold for the organization now (every other row of it is closed). */
  rows: BaselineDriftTable[];
  /** Fields that had no open drift before this check: each raises one alert. */
  newlyDrifted: FieldDrift[];
}

function parse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/**
 * The drift rows after a check (pure). `since` is when a check first saw the current actual value:
 * kept while the same value persists (compared as Duo values, so "5" and 5 are one value), reset
 * when the account drifts to another wrong value; a field that matches again has no row.
 */
export function nextDriftRows(baselineId: string, organizationId: string, previous: readonly BaselineDriftTable[], drift: readonly FieldDrift[], nowIso: string): DriftUpdate {
  const before = new Map(previous.map((r) => [r.field, r]));
  const rows: BaselineDriftTable[] = [];
  const newlyDrifted: FieldDrift[] = [];
  for (const d of drift) {
    const old = before.get(d.field);
    if (!old) newlyDrifted.push(d);
    const oldActual = old ? parse(old.actual) : undefined;
    const same = old !== undefined && (oldActual === null ? d.actual === null : sameDuoValue(oldActual, d.actual) && sameDuoValue(d.actual, oldActual));
    rows.push({
      baseline_id: baselineId,
      organization_id: organizationId,
      field: d.field,
      wanted: JSON.stringify(d.wanted ?? null),
      actual: JSON.stringify(d.actual ?? null),
      since: same && old ? old.since : nowIso,
    });
  }
  return { rows, newlyDrifted };
}
