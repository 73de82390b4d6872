import { formatTable } from './print-result.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys that say which object a row is, shown first. */
const NAME_KEYS = ['username', 'name', 'realname', 'display_name', 'email', 'number', 'serial', 'hostname', 'desc', 'description'];

/**
 * The columns worth a terminal's width, at most `max`: ids, then names, then status, then other
 * plain values in the order Duo sent them. Nested objects are left to `--json`.
 */
export function chooseColumns(rows: ReadonlyArray<Record<string, unknown>>, max = 7): { columns: string[]; hidden: number } {
  const seen: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!seen.includes(key)) seen.push(key);
  const rank = (key: string): number => {
    const values = rows.map((r) => r[key]).filter((v) => v !== null && v !== undefined);
    if (values.some((v) => isRecord(v) || (Array.isArray(v) && v.some((x) => isRecord(x) && !nameOf(x))))) return 9;
    if (/(^|_)id$/.test(key)) return 0;
    const name = NAME_KEYS.indexOf(key);
    if (name !== -1) return 1 + name / 100;
    if (key === 'status') return 2;
    if (values.some(Array.isArray)) return 4;
    return 3;
  };
  const ranked = seen.map((key, order) => ({ key, order, rank: rank(key) })).filter((c) => c.rank < 9);
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  const columns = ranked.slice(0, max).map((c) => c.key);
  return { columns, hidden: seen.length - columns.length };
}

function nameOf(v: Record<string, unknown>): string | undefined {
  const n = v['name'] ?? v['number'] ?? v['username'] ?? v['email'];
  return typeof n === 'string' && n ? n : undefined;
}

/** One value as short text: lists of Duo objects by their names, long text cut with an ellipsis. */
export function compactCell(value: unknown, max = 40): string {
  let text: string;
  if (value === null || value === undefined || value === '') return '-';
  if (Array.isArray(value)) {
    if (value.length === 0) return '-';
    const names = value.map((v) => (isRecord(v) ? nameOf(v) : v === null ? '' : String(v)));
    text = names.every((n) => n) ? names.join(',') : `${value.length} items`;
  } else if (isRecord(value)) text = JSON.stringify(value);
  else text = String(value);
  text = text.replace(/\s+/g, ' ');
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * An action's output for a person: a table for a list of objects (a page of users, with its paging
 * fields after it), `field  value` lines for one object, the value itself otherwise. `--json` shows
 * everything; this view says how many columns it left out.
 */
export function formatOutputTable(output: unknown): string {
  if (output === null || output === undefined) return '(no output)\n';
  if (Array.isArray(output)) {
    if (output.length === 0) return '(none)\n';
    if (output.every(isRecord)) return rowsTable(output);
    return output.map((v) => compactCell(v, 200)).join('\n') + '\n';
  }
  if (!isRecord(output)) return `${String(output)}\n`;
  const lists = Object.entries(output).filter(([, v]) => Array.isArray(v) && v.every(isRecord));
  // A sole list is the point of an envelope (a page with a few paging fields), not of one object
  // that happens to hold a list (a user and its phones): an object with an id is shown as fields.
  const others = Object.keys(output).filter((k) => k !== lists[0]?.[0]);
  const envelope = lists.length === 1 && others.length <= 3 && !others.some((k) => /(^|_)id$/.test(k));
  const chosen = lists.find(([k]) => k === 'items') ?? (envelope ? lists[0] : undefined);
  if (chosen) {
    const [key, rows] = chosen as [string, Array<Record<string, unknown>>];
    const meta = Object.entries(output).filter(([k]) => k !== key);
    return (rows.length === 0 ? '(none)\n' : rowsTable(rows)) + fieldLines(meta);
  }
  return fieldLines(Object.entries(output)) || '(empty)\n';
}

function rowsTable(rows: Array<Record<string, unknown>>): string {
  const { columns, hidden } = chooseColumns(rows);
  const table = formatTable(
    rows.map((r) => Object.fromEntries(columns.map((c) => [c, compactCell(r[c])]))),
    columns,
  );
  return table + `(${rows.length} row${rows.length === 1 ? '' : 's'}${hidden > 0 ? `; ${hidden} more column${hidden === 1 ? '' : 's'} with --json` : ''})\n`;
}

function fieldLines(entries: Array<[string, unknown]>): string {
  if (entries.length === 0) return '';
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${k.padEnd(width)}  ${compactCell(v, 100)}`).join('\n') + '\n';
}
