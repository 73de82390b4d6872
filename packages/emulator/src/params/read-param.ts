import { DuoFailure, failures } from '../duo-result.js';
import type { DuoResult, Params } from '../route.js';

function raise(result: DuoResult): never {
  throw new DuoFailure(result as Extract<DuoResult, { kind: 'fail' }>);
}

/** A required string parameter: absent -> 400/40001, blank -> 400/40002 (detail: the name). */
export function requireString(params: Params, name: string): string {
  const value = params.get(name);
  if (value === undefined) raise(failures.missingParam(name));
  if (value.trim() === '') raise(failures.invalidParam(name));
  return value;
}

/** An optional string parameter; blank is kept (it clears a field on modify). */
export function optionalString(params: Params, name: string): string | undefined {
  return params.get(name);
}

/** An optional integer in [min, max]; anything else -> 400/40002. */
export function optionalInt(
  params: Params,
  name: string,
  range: { min?: number; max?: number } = {},
): number | undefined {
  const text = params.get(name);
  if (text === undefined) return undefined;
  if (!/^\s*-?\d+\s*$/.test(text)) raise(failures.invalidParam(name));
  const value = Number(text);
  if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
    raise(failures.invalidParam(name));
  }
  return value;
}

/** Reads Duo's boolean spellings: `1`/`0`, `true`/`false` (any case) and JSON booleans; undefined otherwise. */
export function parseBool(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === '1' || lower === 'true') return true;
  if (lower === '0' || lower === 'false') return false;
  return undefined;
}

/** An optional boolean parameter; an unreadable value -> 400/40002. */
export function optionalBool(params: Params, name: string): boolean | undefined {
  const text = params.get(name);
  if (text === undefined) return undefined;
  const value = parseBool(text);
  if (value === undefined) raise(failures.invalidParam(name));
  return value;
}

/** An optional parameter that must be one of `values` (compared lower-cased); returns the lower-cased value. */
export function optionalEnum<T extends string>(params: Params, name: string, values: readonly T[]): T | undefined {
  const text = params.get(name);
  if (text === undefined) return undefined;
  const lower = text.trim().toLowerCase();
  const found = values.find((v) => v.toLowerCase() === lower);
  if (found === undefined) raise(failures.invalidParam(name));
  return found;
}

/** Throws a Duo failure from deep inside a handler; the pipeline answers with it. */
export function reject(result: DuoResult): never {
  raise(result);
}
