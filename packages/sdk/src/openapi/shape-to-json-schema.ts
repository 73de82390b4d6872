import type { Shape } from '../endpoints/shape.js';

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it) as plain data. */
export type JsonSchema = Record<string, unknown>;

// Keys of the declaration language that are not JSON Schema: they go elsewhere or nowhere.
const NOT_SCHEMA = new Set(['nullable', 'required', 'encoding', 'any', 'deprecated']);

/**
 * A declared shape as JSON Schema: `nullable` becomes a `null` type, objects list their required
 * keys, `any` becomes the empty schema; an object's `additionalProperties: true` is left implicit.
 */
export function shapeToJsonSchema(shape: Shape): JsonSchema {
  if ('anyOf' in shape && shape.anyOf) {
    return withDescription({ anyOf: shape.anyOf.map(shapeToJsonSchema) }, shape.description);
  }
  if (!('type' in shape) || shape.type === undefined) return withDescription({}, shape.description);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(shape)) {
    if (NOT_SCHEMA.has(key) || key === 'properties' || key === 'items' || key === 'additionalProperties') continue;
    out[key] = value;
  }
  if (shape.type === 'array') out['items'] = shapeToJsonSchema(shape.items);
  if (shape.type === 'object') {
    out['properties'] = Object.fromEntries(Object.entries(shape.properties).map(([k, v]) => [k, shapeToJsonSchema(v)]));
    if (Array.isArray(shape.required) && shape.required.length > 0) out['required'] = [...shape.required];
    if (shape.additionalProperties === false) out['additionalProperties'] = false;
    else if (typeof shape.additionalProperties === 'object') out['additionalProperties'] = shapeToJsonSchema(shape.additionalProperties);
  }
  if (shape.nullable) {
    out['type'] = [shape.type, 'null'];
    if (Array.isArray(out['enum'])) out['enum'] = [...(out['enum'] as unknown[]), null];
  }
  return out;
}

function withDescription(schema: JsonSchema, description: string | undefined): JsonSchema {
  return description === undefined ? schema : { ...schema, description };
}
