/** Rows of a result shown as a table, with columns in first-seen key order. */
export interface ResultTable {
  columns: string[];
  rows: Array<Record<string, unknown>>;
  /** The key the rows came from (`items`), or null when the output itself is the list. */
  from: string | null;
  /** The other top-level fields of the output (paging metadata such as next_offset). */
  meta: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The table view of an action's output: a list of objects, or an object whose one list of objects
 * (`items` first) is the point of it, e.g. a page of users with `next_offset`. Anything else (a single
 * object, a dry-run report, a list of strings) has no table view and is shown as JSON.
 */
export function resultTable(output: unknown): ResultTable | null {
  if (Array.isArray(output)) return output.every(isRecord) && output.length > 0 ? table(output, null, {}) : null;
  if (!isRecord(output) || output['dry_run'] === true) return null;
  const lists = Object.entries(output).filter(([, v]) => Array.isArray(v) && v.length > 0 && v.every(isRecord));
  const chosen = lists.find(([k]) => k === 'items') ?? (lists.length === 1 ? lists[0] : undefined);
  if (!chosen) {
    // An empty `items` list is still a (empty) table: the page says so instead of showing `[]`.
    if (Array.isArray(output['items']) && output['items'].length === 0) return table([], 'items', rest(output, 'items'));
    return null;
  }
  const [key, rows] = chosen;
  return table(rows as Array<Record<string, unknown>>, key, rest(output, key));
}

function rest(output: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _drop, ...meta } = output;
  return meta;
}

function table(rows: Array<Record<string, unknown>>, from: string | null, meta: Record<string, unknown>): ResultTable {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return { columns, rows, from, meta };
}

/**
 * One cell's text: scalars as they are, lists of scalars joined, objects and lists of objects as short
 * JSON cut at `max` characters (the JSON view has the whole value). Epoch seconds stay numbers: the
 * table shows what Duo sent.
 */
export function compactValue(value: unknown, max = 80): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return cut(value, max);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    if (value.every((v) => v === null || typeof v !== 'object')) return cut(value.map(String).join(', '), max);
    if (value.every(isRecord)) {
      // Lists of Duo objects read best by their names (phones by number, groups by name...).
      const names = value.map((v) => v['name'] ?? v['number'] ?? v['username'] ?? v['email']).filter((n) => typeof n === 'string' && n);
      if (names.length === value.length) return cut(names.join(', '), max);
      return `${value.length} item${value.length === 1 ? '' : 's'}`;
    }
  }
  return cut(JSON.stringify(value), max);
}

function cut(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}
