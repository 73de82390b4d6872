import { paramLocation, type EndpointDeclaration, type ParamSpec, type Shape } from '@duohub/sdk';
import { z } from 'zod';

/** Longest id the catalog passes as a path segment (Duo's ids and keys are 20 to 64 characters). */
const MAX_PATH_ID = 128;

/** Which declared parameters become action input: all but `omit` (paging, legacy, ones the hub sets itself). */
export interface EndpointInputOptions {
  omit?: readonly string[];
  /** Path parameters are required input (an action that does not resolve them from a name or email). */
  requirePathParams?: boolean;
}

/**
 * An action's input fields derived from a Duo endpoint declaration: each parameter's type, limits,
 * enum and required-ness as zod, with its description. An action spreads them into its input
 * object and overrides the few it narrows (a Duo id format, an email) or adds (names instead of
 * ids, dry run), so the catalog and Duo's declaration cannot drift apart.
 */
export function zodFromEndpointParams<E extends EndpointDeclaration>(
  endpoint: E,
  options: EndpointInputOptions = {},
): { [K in keyof E['params']]: z.ZodType } {
  const omit = new Set(options.omit ?? []);
  const out: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(endpoint.params)) {
    if (omit.has(name)) continue;
    const inPath = paramLocation(endpoint, name) === 'path';
    // A path segment is an id: bounded, so a runaway value is refused here rather than by Duo's front end.
    const schema = inPath && spec.type === 'string' && !spec.enum && spec.maxLength === undefined ? (zodFromShape(spec) as z.ZodString).max(MAX_PATH_ID) : zodFromShape(spec);
    // A path parameter is needed for the call to have a URL, unless the action resolves it from something else.
    const needed = spec.required === true || (options.requirePathParams === true && inPath);
    out[name] = needed ? schema : schema.optional();
  }
  return out as { [K in keyof E['params']]: z.ZodType };
}

/**
 * One declared shape as zod: scalars, arrays, objects (loose: Duo adds fields over time; members
 * optional unless the shape lists them as required) and unions. `nullable` admits null.
 */
export function zodFromShape(shape: Shape | ParamSpec): z.ZodType {
  const base = zodOfType(shape);
  return 'nullable' in shape && shape.nullable ? base.nullable() : base;
}

function zodOfType(shape: Shape | ParamSpec): z.ZodType {
  const described = (schema: z.ZodType) => (shape.description ? schema.describe(shape.description) : schema);
  if ('anyOf' in shape && shape.anyOf) {
    const [first, second, ...rest] = shape.anyOf.map(zodFromShape);
    return described(second ? z.union([first!, second, ...rest]) : (first ?? z.unknown()));
  }
  if (!('type' in shape) || shape.type === undefined) return described(z.unknown());
  switch (shape.type) {
    case 'string': {
      if (shape.enum) return described(z.enum(shape.enum as [string, ...string[]]));
      let s = z.string();
      if (shape.minLength !== undefined) s = s.min(shape.minLength);
      if (shape.maxLength !== undefined) s = s.max(shape.maxLength);
      if (shape.pattern !== undefined) s = s.regex(new RegExp(`^(?:${shape.pattern})$`), `must match ${shape.pattern}`);
      return described(s);
    }
    case 'integer':
    case 'number': {
      let n = shape.type === 'integer' ? z.number().int() : z.number();
      if (shape.minimum !== undefined) n = n.min(shape.minimum);
      if (shape.maximum !== undefined) n = n.max(shape.maximum);
      return described(n);
    }
    case 'boolean':
      return described(z.boolean());
    case 'array': {
      let a = z.array(zodFromShape(shape.items));
      if (shape.minItems !== undefined) a = a.min(shape.minItems);
      if (shape.maxItems !== undefined) a = a.max(shape.maxItems);
      return described(a);
    }
    case 'object': {
      const members = Array.isArray(shape.required) ? new Set<string>(shape.required as readonly string[]) : new Set<string>();
      const fields: Record<string, z.ZodType> = {};
      for (const [name, member] of Object.entries(shape.properties)) {
        const schema = zodFromShape(member);
        fields[name] = members.has(name) ? schema : schema.optional();
      }
      return described(shape.additionalProperties === false ? z.strictObject(fields) : z.looseObject(fields));
    }
    default:
      return described(z.unknown());
  }
}
