import { DuoConfigError } from '../errors/error-classes.js';

/** Throws DuoConfigError unless `value` is a non-empty string. */
export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new DuoConfigError(field, `${field} is required and must be a non-empty string`);
  return value;
}

/** Throws unless `value` is undefined or a string. */
export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new DuoConfigError(field, `${field} must be a string`);
  return value;
}

/** Throws unless `value` is undefined or an integer within [min, max]. */
export function optionalInteger(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    throw new DuoConfigError(field, `${field} must be an integer ${range}`);
  }
  return value;
}

/** Throws DuoConfigError unless `value` is an integer within [min, max]. */
export function requireInteger(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) throw new DuoConfigError(field, `${field} is required`);
  return optionalInteger(value, field, min, max)!;
}

/** Throws unless `value` is undefined or a boolean. */
export function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new DuoConfigError(field, `${field} must be a boolean`);
  return value;
}

/** Throws unless `value` is an object (the parameters of a call). */
export function requireObject<T>(value: T | undefined, field: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DuoConfigError(field, `${field} must be an object`);
  return value;
}

/** Copies the listed string/number/boolean fields that are set, checking their types. */
export function pickParams(
  source: object,
  fields: Readonly<Record<string, 'string' | 'number' | 'boolean' | 'string|number'>>,
  prefix = '',
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  const record = source as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(key in fields)) throw new DuoConfigError(prefix + key, `${prefix + key} is not a known parameter here (use client.request() for undocumented ones)`);
  }
  for (const [key, kind] of Object.entries(fields)) {
    const value = record[key];
    if (value === undefined) continue;
    const ok =
      kind === 'string|number'
        ? typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
        : kind === 'number'
          ? typeof value === 'number' && Number.isFinite(value)
          : typeof value === kind;
    if (!ok) throw new DuoConfigError(prefix + key, `${prefix + key} must be a ${kind.replace('|', ' or ')}`);
    out[key] = value as string | number | boolean;
  }
  return out;
}

/** A Unix-seconds parameter from a number or a Date. */
export function unixSeconds(value: number | Date | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new DuoConfigError(field, `${field} is an invalid Date`);
    return Math.floor(value.getTime() / 1000);
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new DuoConfigError(field, `${field} must be Unix seconds or a Date`);
  return Math.floor(value);
}
