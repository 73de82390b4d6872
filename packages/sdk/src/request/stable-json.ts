import { toParamPairs, type DuoParams, type DuoParamValue } from '../signing/params.js';

/** A JSON body value: what a parameter can be, kept in its JSON type (objects included). */
export type JsonParam = DuoParamValue | unknown[] | object;

/**
 * The v5 JSON body for parameters: keys sorted by code unit, compact separators, native JSON
 * types (a boolean stays `true`, as Duo's Python client sends it), a repeated key as an array,
 * `{}` when there is nothing. Deterministic, so a retry re-sends byte-identical content.
 */
export function stableJson(params: DuoParams | undefined): string {
  const grouped = new Map<string, JsonParam>();
  if (params !== undefined && !Array.isArray(params)) {
    for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
      if (value === undefined || value === null) continue;
      grouped.set(key, Array.isArray(value) ? [...(value as unknown[])] : (value as JsonParam));
    }
  } else {
    // Pair lists carry strings only after toParamPairs, which is what a repeated key means.
    for (const [key, value] of toParamPairs(params)) {
      const existing = grouped.get(key);
      if (existing === undefined) grouped.set(key, value);
      else grouped.set(key, Array.isArray(existing) ? [...existing, value] : [existing, value]);
    }
  }
  const keys = [...grouped.keys()].sort(byCodeUnit);
  const parts = keys.map((key) => `${JSON.stringify(key)}:${sortedJson(grouped.get(key))}`);
  return `{${parts.join(',')}}`;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Compact JSON with every nested object's keys sorted, as Python's `json.dumps(sort_keys=True)`; undefined members dropped. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : sortedJson(item))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => byCodeUnit(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
