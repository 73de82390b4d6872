import type { Params } from '../route.js';

/**
 * Merges query pairs with body pairs or a JSON object into the handler's `Params`.
 * JSON numbers and booleans read as their string forms (`true`, `5`); arrays repeat the key;
 * nested objects read as their JSON text; null reads as absent.
 */
export function createParams(
  pairs: ReadonlyArray<readonly [string, string]>,
  json?: Record<string, unknown>,
  omit: ReadonlySet<string> = new Set(),
): Params {
  const values = new Map<string, string[]>();
  const add = (key: string, value: string) => {
    if (omit.has(key)) return;
    const list = values.get(key);
    if (list) list.push(value);
    else values.set(key, [value]);
  };
  for (const [k, v] of pairs) add(k, v);
  const jsonValues = new Map<string, unknown>();
  if (json) {
    for (const [k, v] of Object.entries(json)) {
      if (omit.has(k)) continue;
      jsonValues.set(k, v);
      if (v === null || v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) add(k, scalarText(item));
    }
  }
  return {
    get: (name) => values.get(name)?.[0],
    getAll: (name) => [...(values.get(name) ?? [])],
    has: (name) => values.has(name),
    keys: () => [...values.keys()],
    json: (name) => jsonValues.get(name),
  };
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}
