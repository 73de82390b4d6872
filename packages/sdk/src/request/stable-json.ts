import { toParamPairs, type DuoParams, type DuoParamValue } from '../signing/params.js';

/** A JSON body value: what a parameter can be, kept in its JSON type. */
export type JsonParam = DuoParamValue | DuoParamValue[];

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
      grouped.set(key, Array.isArray(value) ? [...(value as DuoParamValue[])] : (value as DuoParamValue));
    }
  } else {
    // Pair lists carry strings only after toParamPairs, which is what a repeated key means.
    for (const [key, value] of toParamPairs(params)) {
      const existing = grouped.get(key);
      if (existing === undefined) grouped.set(key, value);
      else grouped.set(key, Array.isArray(existing) ? [...existing, value] : [existing, value]);
    }
  }
  const keys = [...grouped.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const parts = keys.map((key) => `${JSON.stringify(key)}:${JSON.stringify(grouped.get(key))}`);
  return `{${parts.join(',')}}`;
}
