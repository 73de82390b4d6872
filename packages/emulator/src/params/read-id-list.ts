import { failures } from '../duo-result.js';
import type { Params } from '../route.js';
import { reject } from './read-param.js';

/**
 * A list of ids as Duo's clients send one: a JSON array in a v5 body or repeated keys (both read
 * as repeated values here), or one JSON-encoded array string in a form or query. Undefined when
 * absent; an empty or malformed list -> 400/40002 naming the parameter.
 */
export function readIdList(params: Params, name: string): string[] | undefined {
  const values = params.getAll(name);
  if (values.length === 0) return undefined;
  let ids = values;
  if (values.length === 1 && values[0]!.trim().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(values[0]!);
    } catch {
      reject(failures.invalidParam(name));
    }
    if (!Array.isArray(parsed) || parsed.some((v) => typeof v !== 'string')) reject(failures.invalidParam(name));
    ids = parsed as string[];
  }
  ids = ids.map((id) => id.trim());
  if (ids.length === 0 || ids.some((id) => id === '')) reject(failures.invalidParam(name));
  return [...new Set(ids)];
}
