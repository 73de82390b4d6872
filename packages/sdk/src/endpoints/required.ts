import type { ParamSpec } from './define-endpoint.js';

/** Marks a declared parameter as required (absent: the SDK refuses, Duo answers 40001). */
export function required<const S extends ParamSpec>(spec: S): S & { required: true } {
  return { ...spec, required: true };
}
