import { DuoConfigError } from '../errors/error-classes.js';
/** A scalar parameter value; booleans become "true"/"false" and numbers their decimal form. */
export type DuoParamValue = string | number | boolean;

/** A JSON object parameter: only endpoints that take JSON bodies (v5 POST/PUT) accept one. */
export interface JsonObjectParam {
  readonly [key: string]: JsonParamValue;
}
/** Any JSON value inside an object parameter. */
export type JsonParamValue = DuoParamValue | null | undefined | JsonObjectParam | readonly JsonParamValue[];

/**
 * Request parameters: an object (arrays repeat the key) or an ordered list of [key, value] pairs.
 * Undefined and null values in an object are dropped, so optional fields can be passed as they are.
 */
export type DuoParams =
  | Readonly<Record<string, DuoParamValue | readonly DuoParamValue[] | JsonObjectParam | readonly JsonObjectParam[] | null | undefined>>
  | ReadonlyArray<readonly [string, DuoParamValue]>;

/** Renders one scalar as the string Duo signs and receives. */
export function paramValueToString(value: DuoParamValue): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`parameter value ${value} is not a finite number`);
    return String(value);
  }
  return value;
}

/** Flattens parameters to ordered [key, string] pairs, repeating a key once per array item. */
export function toParamPairs(params: DuoParams | undefined): Array<[string, string]> {
  if (params === undefined) return [];
  const pairs: Array<[string, string]> = [];
  if (Array.isArray(params)) {
    for (const [key, value] of params as ReadonlyArray<readonly [string, DuoParamValue]>) {
      pairs.push([key, paramValueToString(value)]);
    }
    return pairs;
  }
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly unknown[]) pairs.push([key, paramValueToString(scalarOf(key, item))]);
    } else {
      pairs.push([key, paramValueToString(scalarOf(key, value))]);
    }
  }
  return pairs;
}

/** A value that can travel as text: objects only fit a JSON body (a v5 POST or PUT). */
function scalarOf(key: string, value: unknown): DuoParamValue {
  if (typeof value === 'object' && value !== null) {
    throw new DuoConfigError(`params.${key}`, `params.${key} is an object: it can only be sent in a JSON body (a POST or PUT signed v5)`);
  }
  return value as DuoParamValue;
}
