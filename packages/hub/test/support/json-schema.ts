/** A JSON Schema node as the OpenAPI 3.1 document holds it (plain JSON, possibly a `$ref`). */
export type JsonSchema = { [key: string]: any };

/** Follows `$ref`s into `#/components/...` of the document, so callers always see a concrete node. */
export function resolveSchema(schema: JsonSchema | undefined, doc: JsonSchema): JsonSchema {
  let node = schema ?? {};
  for (let hops = 0; typeof node.$ref === 'string' && hops < 20; hops++) {
    const parts = (node.$ref as string).replace(/^#\//, '').split('/');
    node = parts.reduce<any>((at, part) => at?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc) ?? {};
  }
  return node;
}

/** The JSON type of a value, with integers told apart from other numbers. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const FORMATS: Record<string, (v: string) => boolean> = {
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  uri: (v) => URL.canParse(v),
  url: (v) => URL.canParse(v),
  'date-time': (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v)),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v),
  ipv4: (v) => /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(v),
  ipv6: (v) => v.includes(':') && /^[0-9a-f:.]+$/i.test(v),
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
};

/** Formats this validator checks; others (`password`...) are documentation only. */
export const CHECKED_FORMATS = Object.keys(FORMATS);

/**
 * Whether `value` conforms to `schema`: the subset of JSON Schema the hub's documents use (type,
 * enum, const, any/one/allOf, lengths, pattern, bounds, checked formats, items, properties,
 * required, additionalProperties). It decides whether a mutation made a request invalid.
 */
export function conformsTo(schema: JsonSchema | undefined, value: unknown, doc: JsonSchema, depth = 0): boolean {
  const s = resolveSchema(schema, doc);
  if (depth > 64) return true;
  if (s.anyOf && !(s.anyOf as JsonSchema[]).some((b) => conformsTo(b, value, doc, depth + 1))) return false;
  if (s.oneOf && !(s.oneOf as JsonSchema[]).some((b) => conformsTo(b, value, doc, depth + 1))) return false;
  if (s.allOf && !(s.allOf as JsonSchema[]).every((b) => conformsTo(b, value, doc, depth + 1))) return false;
  if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value))) return false;
  const type = jsonTypeOf(value);
  if (s.type !== undefined) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    const ok = types.includes(type) || (type === 'integer' && types.includes('number'));
    if (!ok) return false;
    if (types.includes('integer') && !types.includes('number') && typeof value === 'number' && !Number.isSafeInteger(value)) return false;
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (s.minLength !== undefined && length < s.minLength) return false;
    if (s.maxLength !== undefined && length > s.maxLength) return false;
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(value)) return false;
    if (s.format && FORMATS[s.format] && !FORMATS[s.format]!(value)) return false;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return false;
    if (s.minimum !== undefined && value < s.minimum) return false;
    if (s.maximum !== undefined && value > s.maximum) return false;
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) return false;
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) return false;
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) return false;
    if (s.maxItems !== undefined && value.length > s.maxItems) return false;
    if (s.items && !value.every((item) => conformsTo(s.items, item, doc, depth + 1))) return false;
  }
  if (type === 'object') {
    const obj = value as Record<string, unknown>;
    const props: Record<string, JsonSchema> = s.properties ?? {};
    for (const key of (s.required as string[] | undefined) ?? []) if (!(key in obj)) return false;
    for (const [key, v] of Object.entries(obj)) {
      if (key in props) {
        if (!conformsTo(props[key], v, doc, depth + 1)) return false;
      } else if (s.additionalProperties === false) {
        return false;
      } else if (typeof s.additionalProperties === 'object' && !conformsTo(s.additionalProperties, v, doc, depth + 1)) {
        return false;
      }
    }
    if (s.propertyNames && !Object.keys(obj).every((k) => conformsTo(s.propertyNames, k, doc, depth + 1))) return false;
  }
  return true;
}
