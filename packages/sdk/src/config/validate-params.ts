import { DuoConfigError } from '../errors/error-classes.js';
import type { DuoParams } from '../signing/params.js';

/**
 * Checks parameters before signing: values must be strings, finite numbers or booleans (or
 * arrays of them), or plain JSON objects (for endpoints that take a JSON body); undefined and
 * null are dropped later. The field names the parameter, never its value (a passcode or bypass
 * code may be one).
 */
export function validateParams(params: unknown): DuoParams | undefined {
  if (params === undefined || params === null) return undefined;
  if (Array.isArray(params)) {
    params.forEach((pair, index) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
        throw new DuoConfigError(`params[${index}]`, `params[${index}] must be a [key, value] pair`);
      }
      checkScalar(pair[1], `params.${pair[0]}`);
    });
    return params as DuoParams;
  }
  if (typeof params !== 'object') throw new DuoConfigError('params', 'params must be an object or a list of [key, value] pairs');
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) value.forEach((item) => (isPlainObject(item) ? checkJson(item, `params.${key}`) : checkScalar(item, `params.${key}`)));
    else if (isPlainObject(value)) checkJson(value, `params.${key}`);
    else checkScalar(value, `params.${key}`);
  }
  return params as DuoParams;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A JSON value inside an object parameter: scalars, null, arrays and plain objects, nothing else. */
function checkJson(value: unknown, field: string): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) return value.forEach((item, i) => checkJson(item, `${field}[${i}]`));
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) checkJson(item, `${field}.${key}`);
    return;
  }
  checkScalar(value, field);
}

function checkScalar(value: unknown, field: string): void {
  if (typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number' && Number.isFinite(value)) return;
  const kind = value === null ? 'null' : Array.isArray(value) ? 'a nested array' : typeof value === 'number' ? 'a non-finite number' : typeof value;
  throw new DuoConfigError(field, `${field} must be a string, a finite number or a boolean (got ${kind})`);
}
