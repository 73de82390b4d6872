import { failures } from '../duo-result.js';
import type { Params } from '../route.js';
import { reject } from './read-param.js';

/**
 * A list parameter as Duo's clients send it: one JSON-array string (python, ruby, the SDK), a
 * native JSON array in a v5 body, or repeated keys. Empty, longer than `max`, or unreadable ->
 * 400/40002 naming the parameter.
 */
export function readJsonList(params: Params, name: string, max: number): unknown[] {
  const native = params.json(name);
  let list: unknown = native;
  if (!Array.isArray(native)) {
    const values = params.getAll(name);
    list = values;
    if (values.length === 1) {
      try {
        list = JSON.parse(values[0]!);
      } catch {
        reject(failures.invalidParam(name));
      }
    }
  }
  if (!Array.isArray(list) || list.length === 0 || list.length > max) reject(failures.invalidParam(name));
  return list;
}

/** A JSON list of ids: every item a non-empty string, else 400/40002. */
export function readIdList(params: Params, name: string, max: number): string[] {
  const list = readJsonList(params, name, max);
  if (!list.every((v) => typeof v === 'string' && v !== '')) reject(failures.invalidParam(name));
  return [...new Set(list as string[])];
}
