/**
 * JSON with every object's keys sorted (by UTF-16 code unit) at every depth, compact, undefined
 * members dropped: the same text for the same row however Duo ordered its keys, so a digest of it
 * identifies a row that carries no id of its own.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  // Numbers Duo sends are finite; anything JSON cannot hold (NaN) becomes null, as JSON.stringify does.
  return JSON.stringify(value) ?? 'null';
}
