import { DuoConfigError } from '../errors/error-classes.js';

/** An id placed in a path: must be a non-empty string; percent-encoded so it cannot change the path. */
export function pathSegment(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new DuoConfigError(field, `${field} must be a non-empty string`);
  return encodeURIComponent(value);
}
