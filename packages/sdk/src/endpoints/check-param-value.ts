import type { ParamSpec } from './define-endpoint.js';
import type { Shape } from './shape.js';

/**
 * What is wrong with a parameter value given in code, or undefined when it fits its declaration.
 * The message names the field and the rule, never the value (it may be a passcode or a bypass code).
 */
export function checkParamValue(spec: ParamSpec | Shape, value: unknown, field: string): string | undefined {
  if (!('type' in spec)) return undefined;
  switch (spec.type) {
    case 'string': {
      if (typeof value !== 'string') return `${field} must be a string`;
      if (spec.enum && !spec.enum.includes(value)) return `${field} must be one of ${spec.enum.join(', ')}`;
      if (spec.minLength !== undefined && value.length < spec.minLength) {
        return spec.minLength === 1 ? `${field} must be a non-empty string` : `${field} must be at least ${spec.minLength} characters`;
      }
      if (spec.maxLength !== undefined && value.length > spec.maxLength) return `${field} must be at most ${spec.maxLength} characters`;
      if (spec.pattern !== undefined && !new RegExp(`^(?:${spec.pattern})$`).test(value)) return `${field} must match ${spec.pattern}`;
      return undefined;
    }
    case 'integer':
    case 'number': {
      const whole = spec.type === 'integer';
      if (typeof value !== 'number' || !Number.isFinite(value) || (whole && !Number.isInteger(value))) {
        return `${field} must be ${whole ? 'an integer' : 'a finite number'}${range(spec.minimum, spec.maximum)}`;
      }
      if ((spec.minimum !== undefined && value < spec.minimum) || (spec.maximum !== undefined && value > spec.maximum)) {
        return `${field} must be ${whole ? 'an integer' : 'a number'}${range(spec.minimum, spec.maximum)}`;
      }
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${field} must be a boolean`;
    case 'array': {
      if (!Array.isArray(value)) return `${field} must be an array`;
      if (spec.minItems !== undefined && value.length < spec.minItems) return `${field} must hold at least ${spec.minItems} item(s)`;
      if (spec.maxItems !== undefined && value.length > spec.maxItems) return `${field} must hold at most ${spec.maxItems} item(s)`;
      for (const item of value) {
        const problem = checkParamValue(spec.items, item, field);
        if (problem) return problem.replace(field, `each item of ${field}`);
      }
      return undefined;
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${field} must be an object`;
      const given = value as Record<string, unknown>;
      // On a parameter, `required` is the parameter's own flag; on a nested object, its members.
      for (const key of Array.isArray(spec.required) ? (spec.required as readonly string[]) : []) {
        if (given[key] === undefined) return `${field}.${key} is required`;
      }
      for (const [key, item] of Object.entries(given)) {
        const shape = spec.properties[key] ?? (typeof spec.additionalProperties === 'object' ? spec.additionalProperties : undefined);
        if (shape === undefined) {
          if (spec.additionalProperties === false) return `${field}.${key} is not a known field`;
          continue;
        }
        if (item === null && 'nullable' in shape && shape.nullable) continue;
        const problem = item === undefined ? undefined : checkParamValue(shape, item, `${field}.${key}`);
        if (problem) return problem;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` between ${min} and ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}
