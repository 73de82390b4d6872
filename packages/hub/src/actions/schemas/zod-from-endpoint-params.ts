import type { EndpointDeclaration, ParamSpec, Shape } from '@duohub/sdk';
import { z } from 'zod';

/** Which declared parameters become action input: all but `omit` (paging, legacy, ones the hub sets itself). */
export interface EndpointInputOptions {
  omit?: readonly string[];
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
    const schema = zodFromShape(spec);
    out[name] = spec.required ? schema : schema.optional();
  }
  return out as { [K in keyof E['params']]: z.ZodType };
}

/** One declared shape as zod (scalars and arrays of them: what parameters are made of). */
export function zodFromShape(shape: Shape | ParamSpec): z.ZodType {
  const described = (schema: z.ZodType) => (shape.description ? schema.describe(shape.description) : schema);
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
    default:
      return described(z.unknown());
  }
}
