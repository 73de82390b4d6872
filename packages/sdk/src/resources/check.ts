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

/** Throws unless `value` is an object (the parameters of a call). */
export function requireObject<T>(value: T | undefined, field: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DuoConfigError(field, `${field} must be an object`);
  return value;
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
